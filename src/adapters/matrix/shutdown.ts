// How the Matrix adapter stops gracefully, in two steps: first it takes no new work (the
// sync loop and start-up retries end on `stopping`), then it waits for the work under way
// for a while; past that patience, sends still in flight are aborted (`cutoff`), and past
// a short grace more it stops waiting: SDK requests (joins, alias lookups) cannot be
// aborted, and must not hold the process's shutdown forever.
import { setMaxListeners } from "node:events";
import { sleep } from "../../core/retry.ts";

export interface Shutdown {
  /** stop() was called: end the sync loop and start-up retries, take no new work. */
  readonly stopping: AbortSignal;
  /** stop() ran out of patience: abort sends still in flight. */
  readonly cutoff: AbortSignal;
  /** Takes no new work from now on (aborts `stopping`). */
  begin(): void;
  /**
   * Until `work` has settled: after `patienceMs` aborts `cutoff`, after `graceMs` more
   * gives up waiting.
   */
  drain(work: readonly Promise<unknown>[]): Promise<void>;
}

export function createShutdown(patienceMs: number, graceMs = 2_000): Shutdown {
  const stopping = new AbortController();
  const cutoff = new AbortController();
  // Every send in flight listens on it (a burst answers dozens at once): no leak warning.
  setMaxListeners(0, cutoff.signal);
  return {
    stopping: stopping.signal,
    cutoff: cutoff.signal,
    begin: () => stopping.abort(),
    async drain(work) {
      const patience = setTimeout(() => cutoff.abort(), patienceMs);
      const giveUp = new AbortController();
      await Promise.race([Promise.allSettled(work), sleep(patienceMs + graceMs, giveUp.signal)]);
      giveUp.abort();
      clearTimeout(patience);
    },
  };
}
