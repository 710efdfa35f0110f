// The glue between our sync loop (sync-loop.ts), the SDK's routing of a /sync response
// (client.ts) and what the adapter does with each event: answer messages, handle invites
// and leaves, notice encryption. Health follows the loop's successes and failures.
import type { Logger } from "../../log.ts";
import type { BotClient, SyncEmit } from "./client.ts";
import { type EncryptedRooms, encryptedRoomsIn } from "./encryption.ts";
import { summarizeError } from "./errors.ts";
import type { HealthTracker } from "./health.ts";
import type { Rooms } from "./rooms.ts";
import { runSyncLoop, type SyncOptions } from "./sync-loop.ts";
import type { SyncState } from "./sync-state.ts";

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

interface SyncWiring {
  readonly client: BotClient;
  readonly state: SyncState;
  readonly options: SyncOptions;
  readonly logger: Logger;
  readonly health: HealthTracker;
  readonly rooms: Rooms;
  readonly encryption: EncryptedRooms;
  /** "retry": an answer was held back by the lease check (handler.ts). */
  readonly handleMessage: (roomId: string, raw: unknown) => Promise<"retry" | undefined>;
  /** Before a batch is routed: the questions it already holds our replies to (replied.ts). */
  readonly markAnswered?: (batch: unknown) => void;
  /** The bot left a room (kicked, banned, left). */
  readonly onLeave: (roomId: string) => void;
  /** stop() was called: end the loop. */
  readonly stopping: AbortSignal;
  /** stop() ran out of patience: answers were cut short, so do not commit their batch. */
  readonly cutoff: AbortSignal;
  readonly random: () => number;
  /** Throws unless this replica may still sync (single-syncer.ts): no /sync otherwise. */
  readonly assertSyncer?: () => void;
}

/** Rooms whose timeline in a /sync response was cut short by the filter's limit. */
function limitedRooms(batch: unknown): string[] {
  const join = (
    batch as { rooms?: { join?: Record<string, { timeline?: { limited?: unknown } }> } } | null
  )?.rooms?.join;
  if (!join || typeof join !== "object") return [];
  return Object.entries(join)
    .filter(([, room]) => room?.timeline?.limited === true)
    .map(([roomId]) => roomId);
}

/** Runs the sync loop until `stopping` aborts; resolves when it has ended. */
export function runSync(w: SyncWiring): Promise<void> {
  const log = w.logger;
  let failing = 0;
  // The first /sync of a run, and the first after a failure, does not long-poll: it returns
  // at once with whatever is pending, so health says "up" as soon as the homeserver has
  // answered with the saved token, not when the first new event arrives or the poll times
  // out (up to timeoutMs after every restart, while answers already went out). The
  // long-polls follow from its next_batch, so nothing is missed.
  let catchingUp = true;

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
    (answering: Promise<"retry" | undefined>[]): SyncEmit =>
    async (type, ...payload) => {
      const [roomId, raw] = payload;
      if (typeof roomId !== "string") return;
      const failed = (e: unknown) =>
        log.error({ event: type, roomId, ...summarizeError(e) }, "matrix event handler failed");
      try {
        switch (type) {
          case "room.message":
            answering.push(w.handleMessage(roomId, raw).catch((e) => void failed(e)));
            break;
          case "room.invite":
            await w.rooms.handleInvite(roomId, raw);
            break;
          case "room.event":
            answering.push(
              w.encryption
                .noteEvent(roomId, raw)
                .then(() => undefined)
                .catch((e) => void failed(e)),
            );
            break;
          case "room.leave":
            log.info({ roomId }, "matrix left room");
            w.onLeave(roomId);
            break;
        }
      } catch (e) {
        failed(e);
      }
    };

  // The loop ends (stop) with its last token written: commit() only schedules the write.
  const flush = () =>
    w.state.flush().catch((e: unknown) => {
      log.error({ ...summarizeError(e) }, "cannot save the matrix sync token");
    });
  return runSyncLoop(
    {
      since: w.state.getSyncToken(),
      request: (since) => {
        w.assertSyncer?.();
        const qs: Record<string, string | number | boolean> = {
          full_state: false,
          timeout: catchingUp ? 0 : w.options.timeoutMs,
        };
        if (since) qs.since = since;
        const filter = w.state.filterId();
        if (filter !== null) qs.filter = filter;
        const timeout = since ? w.options.requestTimeoutMs : w.options.initialRequestTimeoutMs;
        return w.client.doRequest("GET", "/_matrix/client/v3/sync", qs, null, timeout);
      },
      process: async (batch) => {
        for (const roomId of limitedRooms(batch)) {
          log.warn(
            { roomId },
            "matrix sync skipped older events in a room (timeline limited); they will not be answered",
          );
        }
        const answering: Promise<"retry" | undefined>[] = encryptedRoomsIn(batch).map((roomId) =>
          w.encryption.note(roomId, "m.room.encryption state").then(() => undefined),
        );
        // A replay (after a crash or a takeover) may hold our reply after its question:
        // the questions are marked answered before any of them is routed.
        w.markAnswered?.(batch);
        let outcomes: ("retry" | undefined)[] = [];
        try {
          await w.client.routeSync(batch, emitInto(answering));
        } finally {
          outcomes = await Promise.all(answering);
        }
        // An answer held back by the lease check: this batch is synced again, not committed.
        return outcomes.includes("retry") ? "retry" : undefined;
      },
      commit: (next) => w.state.commit(next),
      canCommit: () => !w.cutoff.aborted,
      onSuccess: () => {
        catchingUp = false;
        if (failing > 0) log.info({ failures: failing }, "matrix sync recovered");
        failing = 0;
        w.health.set({ state: "up" });
      },
      onFailure: (e, failures, retryInMs) => {
        failing = failures;
        catchingUp = true;
        const summary = summarizeError(e);
        w.health.set({
          state: failures >= w.options.downAfterFailures ? "down" : "degraded",
          detail: `sync failing (${failures}×): ${summary.message}`,
        });
        log.warn({ failures, retryInMs, ...summary }, "matrix sync failed; backing off");
      },
      onProcessError: (e) =>
        log.error({ ...summarizeError(e) }, "matrix sync batch could not be handled; skipped"),
    },
    w.options,
    w.stopping,
    w.random,
  ).finally(flush);
}
