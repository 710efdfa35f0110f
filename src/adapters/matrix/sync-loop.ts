// The /sync long-poll loop. Never throws and never gives up: every failure (homeserver
// down, 5xx, a hung request hitting its timeout, a malformed response) is reported and
// retried after an exponential backoff; a success resets it. The sync token is committed
// only after the batch has been handled, so a crash replays a batch rather than losing it
// (replays are harmless: handled event ids are remembered, and sends are idempotent).
// Not a retry of one operation (src/core/retry.ts's withRetry) but a loop that never ends;
// its waits use the retry module's backoff and sleep.
import { type Backoff, backoffDelay, sleep } from "../../core/retry.ts";

export interface SyncOptions {
  /** Long-poll timeout the homeserver may hold a /sync for. */
  readonly timeoutMs: number;
  /** HTTP timeout for an incremental /sync: long-poll plus slack. */
  readonly requestTimeoutMs: number;
  /** HTTP timeout for the first /sync without a token, which can be slow on big accounts. */
  readonly initialRequestTimeoutMs: number;
  readonly backoff: Backoff;
  /** Consecutive failures after which health says "down" rather than "degraded". */
  readonly downAfterFailures: number;
}

export const SYNC_DEFAULTS: SyncOptions = Object.freeze({
  timeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  initialRequestTimeoutMs: 300_000,
  // Capped at 10 s: the bot notices a homeserver that is back within seconds, at the cost
  // of one cheap request every 10 s while it is away.
  backoff: { initialMs: 1_000, maxMs: 10_000 },
  downAfterFailures: 3,
});

interface SyncHooks {
  /** The stored sync token, or null for a first sync. */
  readonly since: string | null;
  request(since: string | null): Promise<unknown>;
  /**
   * Handles one response; must not throw (a throw is reported and the batch skipped).
   * "retry": an answer in it never went out (held back by the syncer lease check): the
   * batch is neither committed nor passed, but requested again from the same token.
   */
  process(response: Record<string, unknown>): Promise<"retry" | undefined>;
  /** Records the position after a handled batch (the state writes it within a second). */
  commit(nextBatch: string): void;
  /** False once shutdown has cut handling short: the batch is then not committed. */
  canCommit(): boolean;
  onSuccess(): void;
  onFailure(error: unknown, consecutiveFailures: number, retryInMs: number): void;
  onProcessError(error: unknown): void;
}

/** Resolves with the promise's value, or with `undefined` as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  // The abandoned request may still fail later; that must not become an unhandled rejection.
  promise.catch(() => {});
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

class MalformedSyncError extends Error {
  constructor() {
    super("sync response without next_batch");
    this.name = "MalformedSyncError";
  }
}

/** Runs until `stop` aborts; an abort also cuts short a long-poll or a backoff wait. */
export async function runSyncLoop(
  hooks: SyncHooks,
  options: SyncOptions,
  stop: AbortSignal,
  random: () => number = Math.random,
): Promise<void> {
  let since = hooks.since;
  let failures = 0;
  while (!stop.aborted) {
    let response: unknown;
    try {
      response = await untilAborted(hooks.request(since), stop);
      if (stop.aborted) break; // arrived after stop(): leave it for the next start
      if (
        typeof response !== "object" ||
        response === null ||
        typeof (response as Record<string, unknown>).next_batch !== "string"
      )
        throw new MalformedSyncError();
    } catch (e) {
      failures++;
      const wait = backoffDelay(failures - 1, options.backoff, random);
      hooks.onFailure(e, failures, wait);
      await sleep(wait, stop);
      continue;
    }
    failures = 0;
    hooks.onSuccess();
    const batch = response as Record<string, unknown>;
    let outcome: "retry" | undefined;
    try {
      outcome = await hooks.process(batch);
    } catch (e) {
      // A batch that cannot be handled is skipped rather than retried forever.
      hooks.onProcessError(e);
    }
    if (!hooks.canCommit()) break;
    if (outcome === "retry") {
      // Answered questions are remembered (handler.ts), so only the held-back ones are
      // answered when the same batch comes again; the lease decides meanwhile.
      await sleep(backoffDelay(0, options.backoff, random), stop);
      continue;
    }
    const next = batch.next_batch as string;
    hooks.commit(next);
    since = next;
  }
}
