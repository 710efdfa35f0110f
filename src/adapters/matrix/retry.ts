// Backoff arithmetic and an abortable sleep, shared by the sender, the sync loop and joins.

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * Exponential backoff with jitter: the n-th retry (0-based) waits between half and all of
 * min(max, initial·2ⁿ), so many clients recovering together do not retry in lockstep.
 */
export function backoffDelay(
  attempt: number,
  backoff: Backoff,
  random: () => number = Math.random,
) {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Waits `ms`; resolves early (never rejects) when `signal` aborts. Callers check the signal. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done, { once: true });
  });
}

export interface RetryOptions {
  readonly attempts: number;
  readonly backoff: Backoff;
  readonly maxWaitMs: number;
  readonly signal?: AbortSignal;
  readonly retryable: (e: unknown) => boolean;
  /** A server-requested wait for this error (429), if it names one. */
  readonly requestedWaitMs?: (e: unknown) => number | null;
  readonly onRetry?: (e: unknown, attempt: number, waitMs: number) => void;
  readonly random?: () => number;
}

/** Calls `fn` until it succeeds, a non-retryable error, `attempts` calls, or the signal aborts. */
export async function withRetries<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await fn();
    } catch (e) {
      if (n + 1 >= options.attempts || !options.retryable(e) || options.signal?.aborted) throw e;
      const requested = options.requestedWaitMs?.(e) ?? null;
      const waitMs = Math.min(
        options.maxWaitMs,
        requested ?? backoffDelay(n, options.backoff, options.random),
      );
      options.onRetry?.(e, n + 1, waitMs);
      await sleep(waitMs, options.signal);
      if (options.signal?.aborted) throw e;
    }
  }
}
