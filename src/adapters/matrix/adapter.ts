// The Matrix adapter: matrix-bot-sdk's client, our sync loop, our idempotent sender, put
// together and run: start (boot.ts, then the sync loop of sync-wiring.ts), a graceful
// stop (shutdown.ts), health (health.ts) and the post port (the talk of the day).
import type { MatrixConfig } from "../../config.ts";
import type { AdapterDeps } from "../../core/adapter.ts";
import { type RetryPolicy, withRetry } from "../../core/retry.ts";
import { renderEncryptedRoomNotice } from "../../render/matrix/notices.ts";
import {
  type MatrixAdapterOptions,
  type MatrixChatAdapter,
  ROOM_RETRY_DEFAULTS,
} from "./adapter-options.ts";
import { matrixAsker } from "./asker.ts";
import { boot } from "./boot.ts";
import { BotClient } from "./client.ts";
import { type EncryptedRooms, openEncryptedRooms } from "./encryption.ts";
import { classifyRepeatable } from "./errors.ts";
import { createPostFinder } from "./find-post.ts";
import { createMessageHandler } from "./handler.ts";
import { createHealth } from "./health.ts";
import { createCardPoster, createWatchAlertPoster } from "./post.ts";
import { DEFAULT_SUBSCRIBE_MIN_POWER } from "./power.ts";
import { repliedTo } from "./replied.ts";
import { createRooms } from "./rooms.ts";
import { routeSdkLogs } from "./sdk-log.ts";
import { createSender, SEND_DEFAULTS, txnIdFor } from "./sender.ts";
import { createShutdown } from "./shutdown.ts";
import { SYNC_DEFAULTS, type SyncOptions } from "./sync-loop.ts";

export type { MatrixAdapterOptions, MatrixChatAdapter } from "./adapter-options.ts";

import { SyncState } from "./sync-state.ts";
import { runSync } from "./sync-wiring.ts";
import type { MatrixIdentity } from "./triggers.ts";

export function createMatrixAdapter(
  config: MatrixConfig,
  deps: AdapterDeps,
  options: MatrixAdapterOptions = {},
): MatrixChatAdapter {
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const syncOptions: SyncOptions = { ...SYNC_DEFAULTS, ...options.sync };
  const roomPolicy: RetryPolicy = { ...ROOM_RETRY_DEFAULTS, ...options.retry };
  const log = deps.logger.child({ adapter: "matrix" });
  const homeserverUrl = config.homeserverUrl.replace(/\/+$/, "");
  const { requestTimeoutMs, ...sendPolicy } = options.send ?? {};

  // Well inside main's 10 s shutdown deadline, including the shutdown's grace.
  const shutdown = createShutdown(options.stopTimeoutMs ?? 5_000);
  const { stopping, cutoff } = shutdown;

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
    ...(sendPolicy ? { policy: sendPolicy } : {}),
    ...(options.assertSyncer ? { beforeSend: options.assertSyncer } : {}),
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
  });

  function requireClient(): BotClient {
    if (!client) throw new Error("the Matrix adapter has not been started");
    return client;
  }

  const retryRoomRequest = <T>(what: string, op: () => Promise<T>) =>
    withRetry(op, roomPolicy, {
      classify: classifyRepeatable,
      signal: stopping,
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
    signal: cutoff,
    isEncrypted: async (roomId) => (await encryption?.isEncrypted(roomId)) ?? false,
  });

  async function start(): Promise<void> {
    if (phase !== "new") return;
    phase = "running";
    notBeforeMs = options.notBeforeMs ?? clock() - (options.startGraceMs ?? 0);
    routeSdkLogs(log, [config.accessToken]);
    const state = await SyncState.open(options.syncStore ?? deps.state, log);
    // A stored token means a replay of what came since the last syncer wrote it: answer
    // those messages even if they predate this process (bounded by catchUpMs).
    if (options.catchUpMs !== undefined && state.getSyncToken() !== null) {
      notBeforeMs = Math.min(notBeforeMs, clock() - options.catchUpMs);
    }
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
            cutoff,
          )
          .then(() => {}),
    });
    if (stopping.aborted) return; // stop() came first
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
        markAnswered: (batch) => handleMessage.markAnswered(repliedTo(batch, identity.userId)),
        onLeave: (roomId) => rooms.announce(roomId, "leave"),
        stopping,
        cutoff,
        random,
        ...(options.assertSyncer ? { assertSyncer: options.assertSyncer } : {}),
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
      signal: stopping,
      random,
      onIdentity: (id) => {
        identity = id;
      },
    }).catch((err: unknown) => {
      phase = "stopped";
      throw err;
    });
    if ("background" in booted) bootDone = booted.background;
  }

  async function stop(): Promise<void> {
    const wasRunning = phase === "running";
    phase = "stopping";
    shutdown.begin();
    client?.stop();
    if (wasRunning) await shutdown.drain([bootDone, syncDone]);
    phase = "stopped";
    health.set({ state: "stopped" });
    log.info("matrix adapter stopped");
  }

  const postDeps = {
    rooms,
    sender,
    encryption: () => (phase === "running" ? encryption : null),
    logger: log,
    signal: cutoff,
  };
  return {
    platform: "matrix",
    start,
    stop() {
      stopDone ??= stop();
      return stopDone;
    },
    health: () => health.current(),
    onMembership: rooms.onMembership,

    post: {
      // Looks before re-sending (find-post.ts); the txn id is only the last safety net.
      capabilities: { resendsSafely: true, canFindPost: true },
      postCard: createCardPoster(postDeps),
      findPost: createPostFinder({
        client: () => (phase === "running" ? client : null),
        botUserId: () => identity.userId,
        rooms,
        timeoutMs: requestTimeoutMs ?? SEND_DEFAULTS.requestTimeoutMs,
      }),
      postWatchAlert: createWatchAlertPoster(postDeps),
    },
  };
}
