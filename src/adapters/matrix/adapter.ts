// The Matrix adapter: matrix-bot-sdk's client, our sync loop, our idempotent sender.
//
// Start-up: whoami → display name → allowed-room aliases → the SDK's start() (joined rooms,
// sync filter) → our sync loop. A homeserver that cannot be reached at start-up is retried
// in the background (start() resolves, health says "down"); a rejected access token makes
// start() throw, since retrying cannot fix it.
import { setMaxListeners } from "node:events";
import { join } from "node:path";
import type { MatrixConfig } from "../../config.ts";
import type { TalkCard } from "../../core/card.ts";
import { matrixCardContent } from "../../render/matrix/answer.ts";
import type { AdapterDeps, AdapterHealth, ChatAdapter } from "../types.ts";
import { BotClient, type SyncEmit } from "./client.ts";
import { isAuthError, isTransient, requestedWaitMs, summarizeError } from "./errors.ts";
import { createMessageHandler } from "./handler.ts";
import { type Backoff, backoffDelay, type RetryOptions, sleep } from "./retry.ts";
import { createRooms } from "./rooms.ts";
import { routeSdkLogs } from "./sdk-log.ts";
import { createSender, type SenderOptions, txnIdFor } from "./sender.ts";
import { runSyncLoop, SYNC_DEFAULTS, type SyncOptions } from "./sync-loop.ts";
import { AtomicStateStore } from "./sync-store.ts";
import type { BotIdentity } from "./triggers.ts";

/** Where the adapter keeps its state, under AdapterDeps.stateDir. */
export const STATE_FILE = join("matrix", "sync-state.json");

/**
 * What /sync sends us: no presence, typing, receipts or account data (nothing here uses
 * them), and up to 500 timeline events per room. Servers default to 10, and our own
 * replies count against the limit too: with 50, a burst of 30 questions answered in one
 * batch pushed the next batch over it and the oldest questions were silently dropped
 * (found by bench:bot at 50 concurrent askers). A room that still overflows is logged.
 */
export const SYNC_FILTER = Object.freeze({
  presence: { types: [] },
  account_data: { types: [] },
  room: {
    ephemeral: { types: [] },
    account_data: { types: [] },
    state: { lazy_load_members: true },
    timeline: { limit: 500 },
  },
});

export interface MatrixAdapterOptions {
  /** Wall clock in ms; decides which messages predate the start. */
  readonly clock?: () => number;
  readonly random?: () => number;
  readonly sync?: Partial<SyncOptions>;
  readonly send?: Pick<SenderOptions, "maxAttempts" | "maxWaitMs" | "backoff" | "requestTimeoutMs">;
  /** Retries of joins, leaves, alias lookups, and of start-up while the homeserver is away. */
  readonly retry?: {
    readonly attempts?: number;
    readonly backoff?: Backoff;
    readonly maxWaitMs?: number;
  };
  /** Messages sent up to this long before start() are still answered (default 0). */
  readonly startGraceMs?: number;
  /** How long stop() lets answers in flight finish before cutting them off (default 5 s). */
  readonly stopTimeoutMs?: number;
}

const RETRY_DEFAULTS = {
  attempts: 5,
  backoff: { initialMs: 1_000, maxMs: 30_000 },
  maxWaitMs: 30_000,
};

export function createMatrixAdapter(
  config: MatrixConfig,
  deps: AdapterDeps,
  options: MatrixAdapterOptions = {},
): ChatAdapter {
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const syncOptions: SyncOptions = { ...SYNC_DEFAULTS, ...options.sync };
  const retry = { ...RETRY_DEFAULTS, ...options.retry };
  // Well inside main's 10 s shutdown deadline, including the grace below.
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  const log = deps.logger.child({ adapter: "matrix" });
  const homeserverUrl = config.homeserverUrl.replace(/\/+$/, "");
  let sendUnreachable: { readonly streak: number; readonly detail: string } = {
    streak: 0,
    detail: "",
  };
  const sender = createSender({
    homeserverUrl,
    accessToken: config.accessToken,
    logger: log,
    random,
    onReachability: (streak, detail) => {
      sendUnreachable = { streak, detail };
    },
    ...options.send,
  });

  /** stop() was called: end the sync loop and start-up retries, take no new work. */
  const stopping = new AbortController();
  /** stop() ran out of patience: abort sends still in flight. */
  const cutoff = new AbortController();
  // Every send in flight listens on it (a burst answers dozens at once): no leak warning.
  setMaxListeners(0, cutoff.signal);

  let phase: "new" | "running" | "stopping" | "stopped" = "new";
  let health: AdapterHealth = { state: "starting" };
  let store: AtomicStateStore | null = null;
  let client: BotClient | null = null;
  let identity: BotIdentity | null = null;
  let handleMessage: ((roomId: string, raw: unknown) => Promise<void>) | null = null;
  let notBeforeMs = Number.POSITIVE_INFINITY;
  let syncDone: Promise<void> = Promise.resolve();
  let bootDone: Promise<void> = Promise.resolve();
  let stopDone: Promise<void> | null = null;
  let failing = 0;

  const retryOptions = (what: string): RetryOptions => ({
    attempts: retry.attempts,
    backoff: retry.backoff,
    maxWaitMs: retry.maxWaitMs,
    signal: stopping.signal,
    retryable: isTransient,
    requestedWaitMs,
    random,
    onRetry: (e, attempt, waitMs) =>
      log.warn({ what, attempt, waitMs, ...summarizeError(e) }, "matrix request failed; retrying"),
  });

  function requireClient(): BotClient {
    if (!client) throw new Error("the Matrix adapter has not been started");
    return client;
  }

  const rooms = createRooms({
    client: requireClient,
    allowedServers: config.allowedServers,
    allowedRooms: config.allowedRooms,
    logger: log,
    retry: retryOptions,
  });

  /**
   * Routes processSync's emits for one /sync batch; every handler error stops here.
   * Messages are answered concurrently: each answer is computed at once, in timeline
   * order, and its send starts without waiting for the previous one to arrive (a burst of
   * 50 questions answered one round trip after another took ~75 ms for the last). The
   * batch's answers are collected in `answering`, and the sync token is committed only
   * after all of them settled, so a crash still replays the whole batch (txnIds dedupe).
   * The price: replies to one burst may reach the room in a slightly different order
   * than the questions; each is threaded as a reply to its question.
   */
  const emitInto =
    (answering: Promise<void>[]): SyncEmit =>
    async (type, ...payload) => {
      const [roomId, raw] = payload;
      if (typeof roomId !== "string") return;
      const failed = (e: unknown) =>
        log.error({ event: type, roomId, ...summarizeError(e) }, "matrix event handler failed");
      try {
        switch (type) {
          case "room.message":
            if (handleMessage) answering.push(handleMessage(roomId, raw).catch(failed));
            break;
          case "room.invite":
            await rooms.handleInvite(roomId, raw);
            break;
          case "room.event":
            rooms.noteEvent(roomId, raw);
            break;
          case "room.leave":
            log.info({ roomId }, "matrix left room");
            break;
        }
      } catch (e) {
        failed(e);
      }
    };

  function startSyncLoop(c: BotClient, s: AtomicStateStore): void {
    syncDone = runSyncLoop(
      {
        since: s.getSyncToken(),
        request: (since) => {
          const qs: Record<string, string | number | boolean> = {
            full_state: false,
            timeout: syncOptions.timeoutMs,
          };
          if (since) qs.since = since;
          const filter = s.filterId();
          if (filter !== null) qs.filter = filter;
          const timeout = since
            ? syncOptions.requestTimeoutMs
            : syncOptions.initialRequestTimeoutMs;
          return c.doRequest("GET", "/_matrix/client/v3/sync", qs, null, timeout);
        },
        process: async (batch) => {
          for (const roomId of limitedRooms(batch)) {
            log.warn(
              { roomId },
              "matrix sync skipped older events in a room (timeline limited); they will not be answered",
            );
          }
          const answering: Promise<void>[] = [];
          try {
            await c.routeSync(batch, emitInto(answering));
          } finally {
            await Promise.all(answering);
          }
        },
        commit: async (next) => {
          try {
            await s.setSyncToken(next);
          } catch (e) {
            log.error({ ...summarizeError(e) }, "cannot save the matrix sync token");
          }
        },
        canCommit: () => !cutoff.signal.aborted,
        onSuccess: () => {
          if (failing > 0) log.info({ failures: failing }, "matrix sync recovered");
          failing = 0;
          health = { state: "up" };
        },
        onFailure: (e, failures, retryInMs) => {
          failing = failures;
          const summary = summarizeError(e);
          health = {
            state: failures >= syncOptions.downAfterFailures ? "down" : "degraded",
            detail: `sync failing (${failures}×): ${summary.message}`,
          };
          log.warn({ failures, retryInMs, ...summary }, "matrix sync failed; backing off");
        },
        onProcessError: (e) =>
          log.error({ ...summarizeError(e) }, "matrix sync batch could not be handled; skipped"),
      },
      syncOptions,
      stopping.signal,
      random,
    );
  }

  async function bootstrap(c: BotClient, s: AtomicStateStore): Promise<void> {
    const userId = await c.getUserId();
    await s.bindAccount(homeserverUrl, userId);
    let displayName: string | null = null;
    try {
      const profile: unknown = await c.getUserProfile(userId);
      const name =
        typeof profile === "object" && profile !== null
          ? (profile as Record<string, unknown>).displayname
          : null;
      displayName = typeof name === "string" && name.trim() !== "" ? name : null;
    } catch (e) {
      log.debug({ ...summarizeError(e) }, "no display name; answering to the localpart only");
    }
    identity = { userId, displayName };
    await rooms.resolveAllowedAliases();
    await c.start(SYNC_FILTER);
    log.info({ userId, displayName }, "matrix adapter started");
  }

  async function retryBootstrap(c: BotClient, s: AtomicStateStore): Promise<void> {
    for (let n = 0; !stopping.signal.aborted; n++) {
      await sleep(backoffDelay(n, retry.backoff, random), stopping.signal);
      if (stopping.signal.aborted) return;
      try {
        await bootstrap(c, s);
        return;
      } catch (e) {
        const summary = summarizeError(e);
        if (isAuthError(e)) {
          health = { state: "down", detail: "the homeserver rejected the access token" };
          log.error(summary, "matrix access token rejected; not retrying");
          return;
        }
        health = { state: "down", detail: `cannot reach the homeserver: ${summary.message}` };
        log.warn({ attempt: n + 2, ...summary }, "matrix start-up failed; retrying");
      }
    }
  }

  return {
    platform: "matrix",

    async start() {
      if (phase !== "new") return;
      phase = "running";
      notBeforeMs = clock() - (options.startGraceMs ?? 0);
      routeSdkLogs(log, [config.accessToken]);
      const s = await AtomicStateStore.open(join(deps.stateDir, STATE_FILE), log);
      if (stopping.signal.aborted) return; // stop() came first
      const c = new BotClient(homeserverUrl, config.accessToken, s);
      store = s;
      client = c;
      c.syncingTimeout = syncOptions.timeoutMs;
      let loopStarted = false;
      c.onSyncStart(() => {
        if (loopStarted) return;
        loopStarted = true;
        startSyncLoop(c, s);
      });
      handleMessage = createMessageHandler({
        core: deps.core,
        logger: log,
        observer: deps.observer,
        rateLimiter: deps.rateLimiter,
        sender,
        seen: s,
        clock,
        identity: () => identity ?? { userId: "", displayName: null },
        notBeforeMs: () => notBeforeMs,
        signal: cutoff.signal,
      });
      try {
        await bootstrap(c, s);
      } catch (e) {
        const summary = summarizeError(e);
        if (isAuthError(e)) {
          health = { state: "down", detail: "the homeserver rejected the access token" };
          phase = "stopped";
          throw new Error(
            `Matrix: the homeserver rejected the access token (${summary.errcode ?? summary.status}); check MATRIX_ACCESS_TOKEN`,
          );
        }
        health = { state: "down", detail: `cannot reach the homeserver: ${summary.message}` };
        log.error(summary, "matrix start-up failed; retrying in the background");
        bootDone = retryBootstrap(c, s);
      }
    },

    stop() {
      if (stopDone) return stopDone;
      stopDone = (async () => {
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
          try {
            await store?.flush();
          } catch (e) {
            log.error({ ...summarizeError(e) }, "cannot save matrix state on stop");
          }
        }
        phase = "stopped";
        health = { state: "stopped" };
        log.info("matrix adapter stopped");
      })();
      return stopDone;
    },

    health() {
      // A send waiting out an outage holds up the sync loop (its batch is not committed
      // until the answer is out), so the sync alone would go on saying "up".
      const { streak, detail } = sendUnreachable;
      if (streak === 0 || (health.state !== "up" && health.state !== "degraded")) return health;
      if (health.state === "degraded" && streak < syncOptions.downAfterFailures) return health;
      return {
        state: streak >= syncOptions.downAfterFailures ? "down" : "degraded",
        detail: `cannot reach the homeserver to send (${streak}×): ${detail}`,
      };
    },

    async postCard(destination: string, card: TalkCard, idempotencyKey: string) {
      if (phase !== "running") throw new Error("the Matrix adapter is not running");
      const roomId = await rooms.resolveDestination(destination);
      await sender.send(
        roomId,
        matrixCardContent(card),
        txnIdFor("card", roomId, idempotencyKey),
        cutoff.signal,
      );
      log.info({ roomId, idempotencyKey }, "matrix card posted");
    },
  };
}

/** Rooms whose timeline in a /sync response was cut short by the filter's limit. */
export function limitedRooms(batch: unknown): string[] {
  const join = (
    batch as { rooms?: { join?: Record<string, { timeline?: { limited?: unknown } }> } } | null
  )?.rooms?.join;
  if (!join || typeof join !== "object") return [];
  return Object.entries(join)
    .filter(([, room]) => room?.timeline?.limited === true)
    .map(([roomId]) => roomId);
}
