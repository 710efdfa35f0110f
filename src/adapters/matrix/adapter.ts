// The Matrix adapter: matrix-bot-sdk's client, our sync loop, our idempotent sender, put
// together and run: start (boot.ts, then the sync loop of sync-wiring.ts), a graceful
// stop, health (health.ts) and the post port (the talk of the day).
import { setMaxListeners } from "node:events";
import type { MatrixConfig } from "../../config.ts";
import type { TalkCard } from "../../core/card.ts";
import { type AdapterDeps, type ChatAdapter, DeliveryError } from "../../core/ports.ts";
import { type RetryPolicy, sleep, withRetry } from "../../core/retry.ts";
import { matrixCardContent } from "../../render/matrix/answer.ts";
import { renderEncryptedRoomNotice } from "../../render/matrix/notices.ts";
import { matrixAsker } from "./asker.ts";
import { boot } from "./boot.ts";
import { BotClient } from "./client.ts";
import { type EncryptedRooms, openEncryptedRooms } from "./encryption.ts";
import { classifyRepeatable, deliveryErrorOf, summarizeError } from "./errors.ts";
import { createMessageHandler } from "./handler.ts";
import { createHealth } from "./health.ts";
import { DEFAULT_SUBSCRIBE_MIN_POWER } from "./power.ts";
import { createRooms, type MembershipChange } from "./rooms.ts";
import { routeSdkLogs } from "./sdk-log.ts";
import { createSender, txnIdFor } from "./sender.ts";
import { SYNC_DEFAULTS, type SyncOptions } from "./sync-loop.ts";
import { SyncState } from "./sync-state.ts";
import { runSync } from "./sync-wiring.ts";
import type { MatrixIdentity } from "./triggers.ts";

export interface MatrixAdapterOptions {
  /** Wall clock in ms; decides which messages predate the start. */
  readonly clock?: () => number;
  readonly random?: () => number;
  readonly sync?: Partial<SyncOptions>;
  /** Sends (replies, cards, notices): attempts, backoff, waits, patience while unreachable. */
  readonly send?: Partial<RetryPolicy> & { readonly requestTimeoutMs?: number };
  /** Joins, leaves, alias lookups, and start-up while the homeserver is away. */
  readonly retry?: Partial<RetryPolicy>;
  /** Messages sent up to this long before start() are still answered (default 0). */
  readonly startGraceMs?: number;
  /** How long stop() lets answers in flight finish before cutting them off (default 5 s). */
  readonly stopTimeoutMs?: number;
}

/** The Matrix adapter, plus what the wiring may listen to. */
export interface MatrixChatAdapter extends ChatAdapter {
  /**
   * Calls `listener` when the bot joins a room on an invite or leaves one (kicked, banned,
   * left): the daily post resumes or pauses that room's subscription.
   */
  onMembership(listener: (change: MembershipChange) => void): () => void;
}

export const ROOM_RETRY_DEFAULTS = Object.freeze({
  attempts: 5,
  backoff: Object.freeze({ initialMs: 1_000, maxMs: 30_000 }),
  maxWaitMs: 30_000,
  idempotent: true,
}) satisfies RetryPolicy;

export function createMatrixAdapter(
  config: MatrixConfig,
  deps: AdapterDeps,
  options: MatrixAdapterOptions = {},
): MatrixChatAdapter {
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const syncOptions: SyncOptions = { ...SYNC_DEFAULTS, ...options.sync };
  const roomPolicy: RetryPolicy = { ...ROOM_RETRY_DEFAULTS, ...options.retry };
  // Well inside main's 10 s shutdown deadline, including the grace below.
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  const log = deps.logger.child({ adapter: "matrix" });
  const homeserverUrl = config.homeserverUrl.replace(/\/+$/, "");
  const listeners = new Set<(change: MembershipChange) => void>();

  /** stop() was called: end the sync loop and start-up retries, take no new work. */
  const stopping = new AbortController();
  /** stop() ran out of patience: abort sends still in flight. */
  const cutoff = new AbortController();
  // Every send in flight listens on it (a burst answers dozens at once): no leak warning.
  setMaxListeners(0, cutoff.signal);

  let phase: "new" | "running" | "stopping" | "stopped" = "new";
  let client: BotClient | null = null;
  let encryption: EncryptedRooms | null = null;
  let identity: MatrixIdentity = { userId: "", displayName: null };
  let notBeforeMs = Number.POSITIVE_INFINITY;
  let syncDone: Promise<void> = Promise.resolve();
  let bootDone: Promise<unknown> = Promise.resolve();
  let stopDone: Promise<void> | null = null;

  const health = createHealth({
    downAfterFailures: syncOptions.downAfterFailures,
    skippedRooms: () => encryption?.skipped() ?? new Map(),
  });
  const sender = createSender({
    homeserverUrl,
    accessToken: config.accessToken,
    logger: log,
    random,
    onReachability: (streak, detail) => health.sendReachability(streak, detail),
    ...(options.send ? { policy: options.send } : {}),
    ...(options.send?.requestTimeoutMs ? { requestTimeoutMs: options.send.requestTimeoutMs } : {}),
  });

  function requireClient(): BotClient {
    if (!client) throw new Error("the Matrix adapter has not been started");
    return client;
  }

  function announce(change: MembershipChange): void {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (e) {
        log.error({ ...change, ...summarizeError(e) }, "matrix membership listener failed");
      }
    }
  }

  const retryRoomRequest = <T>(what: string, op: () => Promise<T>) =>
    withRetry(op, roomPolicy, {
      classify: classifyRepeatable,
      signal: stopping.signal,
      random,
      onRetry: (failure, attempt, waitMs) =>
        log.warn(
          { what, attempt, waitMs, detail: failure.detail },
          "matrix request failed; retrying",
        ),
    });

  const rooms = createRooms({
    client: requireClient,
    allowedServers: config.allowedServers,
    allowedRooms: config.allowedRooms,
    logger: log,
    retry: retryRoomRequest,
    onJoined: async (roomId) => {
      await encryption?.checkRoom(roomId);
      announce({ roomId, membership: "join" });
    },
  });

  const askerDeps = {
    roomState: (roomId: string) => requireClient().getRoomState(roomId),
    minPower: config.subscribeMinPower ?? DEFAULT_SUBSCRIBE_MIN_POWER,
    logger: log,
  };

  const handleMessage = createMessageHandler({
    turn: deps.turn,
    logger: log,
    observer: deps.observer,
    sender,
    clock,
    identity: () => identity,
    asker: (roomId, userId) => matrixAsker(askerDeps, roomId, userId),
    notBeforeMs: () => notBeforeMs,
    signal: cutoff.signal,
  });

  async function start(): Promise<void> {
    if (phase !== "new") return;
    phase = "running";
    notBeforeMs = clock() - (options.startGraceMs ?? 0);
    routeSdkLogs(log, [config.accessToken]);
    const state = await SyncState.open(deps.state, log);
    const c = new BotClient(homeserverUrl, config.accessToken, state);
    encryption = await openEncryptedRooms(deps.state, {
      logger: log,
      clock,
      readEncryptionState: (roomId) => c.getRoomStateEvent(roomId, "m.room.encryption", ""),
      sendNotice: (roomId) =>
        sender
          .send(
            roomId,
            renderEncryptedRoomNotice(),
            txnIdFor("notice", roomId, "encrypted"),
            cutoff.signal,
          )
          .then(() => {}),
    });
    if (stopping.signal.aborted) return; // stop() came first
    client = c;
    c.syncingTimeout = syncOptions.timeoutMs;
    const e = encryption;
    let loopStarted = false;
    c.onSyncStart(() => {
      if (loopStarted) return;
      loopStarted = true;
      syncDone = runSync({
        client: c,
        state,
        options: syncOptions,
        logger: log,
        health,
        rooms,
        encryption: e,
        handleMessage,
        onMembership: announce,
        stopping: stopping.signal,
        cutoff: cutoff.signal,
        random,
      });
    });
    const booted = await boot({
      client: c,
      state,
      homeserverUrl,
      rooms,
      health,
      logger: log,
      policy: { ...roomPolicy, attempts: Number.POSITIVE_INFINITY },
      signal: stopping.signal,
      random,
    }).catch((err: unknown) => {
      phase = "stopped";
      throw err;
    });
    if ("identity" in booted) identity = booted.identity;
    else
      bootDone = booted.background.then((id) => {
        if (id) identity = id;
      });
  }

  async function stop(): Promise<void> {
    const wasRunning = phase === "running";
    phase = "stopping";
    stopping.abort();
    client?.stop();
    if (wasRunning) {
      const patience = setTimeout(() => cutoff.abort(), stopTimeoutMs);
      // SDK requests (joins, alias lookups) cannot be aborted; do not wait for them forever.
      const giveUp = new AbortController();
      await Promise.race([
        Promise.allSettled([bootDone, syncDone]),
        sleep(stopTimeoutMs + 2_000, giveUp.signal),
      ]);
      giveUp.abort();
      clearTimeout(patience);
    }
    phase = "stopped";
    health.set({ state: "stopped" });
    log.info("matrix adapter stopped");
  }

  return {
    platform: "matrix",
    capabilities: { resendsSafely: true, canFindPost: false },
    start,
    stop() {
      stopDone ??= stop();
      return stopDone;
    },
    health: () => health.current(),
    onMembership(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async postCard(destination: string, card: TalkCard, idempotencyKey: string) {
      if (phase !== "running" || !encryption)
        throw new DeliveryError("not-sent", "the Matrix adapter is not running");
      let roomId = destination;
      try {
        roomId = await rooms.resolveDestination(destination);
        if (await encryption.isEncrypted(roomId)) {
          encryption.skip(roomId, "end-to-end encrypted; the bot cannot post there");
          throw new DeliveryError("refused", "room is encrypted");
        }
        await sender.send(
          roomId,
          matrixCardContent(card),
          txnIdFor("card", roomId, idempotencyKey),
          cutoff.signal,
        );
      } catch (e) {
        const error = deliveryErrorOf(e);
        log.warn(
          { roomId, idempotencyKey, failure: error.failure, detail: error.message },
          "matrix card not posted",
        );
        throw error;
      }
      encryption.posted(roomId);
      log.info({ roomId, idempotencyKey }, "matrix card posted");
    },
  };
}
