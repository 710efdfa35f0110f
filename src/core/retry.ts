// The one retry module: how a failure is classified, how long to wait (exponential backoff
// with jitter, or the wait the platform asked for), an abortable sleep, and one loop that
// retries a single operation a bounded number of times. Per-platform code only classifies
// its errors into a Failure; the daily post owns the day-long backoff on top of this.

/** What a failed attempt tells a retry. */
export type Failure =
  /** The platform said 429 and how long to wait (null: it did not say). */
  | { readonly kind: "rate-limited"; readonly retryAfterMs: number | null; readonly detail: string }
  /** Provably nothing reached the platform (no connection was made): safe to send again. */
  | { readonly kind: "not-sent"; readonly detail: string }
  /**
   * It may or may not have arrived (timeout, reset, 5xx): repeat only idempotent work.
   * `unreachable`: no answer from the platform at all (or its proxy's 502/503/504), so
   * RetryPolicy.patienceMs keeps idempotent work trying through the outage.
   */
  | { readonly kind: "unknown"; readonly detail: string; readonly unreachable?: boolean }
  /** The platform answered no; retrying will not change that. */
  | { readonly kind: "refused"; readonly detail: string };

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly backoff: Backoff;
  /** A platform-requested wait longer than this is not waited for: the call fails. */
  readonly maxWaitMs: number;
  /** Repeat "unknown" failures too: only for operations that are safe to repeat. */
  readonly idempotent: boolean;
  /**
   * While the platform is unreachable ("not-sent", or "unknown" with `unreachable` for
   * idempotent work), keep trying for this long whatever `attempts` says; 0 to stop at
   * `attempts`.
   */
  readonly patienceMs?: number;
}

export const RETRY_DEFAULTS = Object.freeze({
  /** Sends without an idempotency key: never repeat one that may have arrived. */
  send: Object.freeze({
    attempts: 4,
    backoff: Object.freeze({ initialMs: 250, maxMs: 8_000 }),
    maxWaitMs: 30_000,
    idempotent: false,
  }) satisfies RetryPolicy,
  /** Reads and keyed sends (Matrix txn ids): repeating is harmless. */
  idempotent: Object.freeze({
    attempts: 6,
    backoff: Object.freeze({ initialMs: 500, maxMs: 8_000 }),
    maxWaitMs: 30_000,
    idempotent: true,
  }) satisfies RetryPolicy,
});

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

/**
 * `work`'s value if it settles within `ms`, else `late` (the work goes on). Rejects as
 * `work` does; callers that must not fail pass `work.catch(...)`.
 */
export async function within<T, L = null>(
  work: Promise<T>,
  ms: number,
  late: L = null as L,
): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<L>((resolve) => {
    timer = setTimeout(() => resolve(late), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Milliseconds from a Retry-After header (delta-seconds or HTTP-date), or null. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number = Date.now()) {
  if (header === null || header === undefined) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** Error codes that mean the TCP connection never came up (DNS, refused, unreachable). */
const NEVER_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== "object" || error === null || depth > 4) return [];
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown; original?: unknown };
  const own = typeof e.code === "string" ? [e.code] : [];
  const nested = [e.cause, e.original, ...(Array.isArray(e.errors) ? e.errors : [])];
  return [...own, ...nested.flatMap((n) => errorCodes(n, depth + 1))];
}

/**
 * A transport error (fetch's TypeError, undici's and Node's errors, a timeout) as a
 * Failure: "not-sent" only when every cause says the connection never came up.
 * `ignore` drops wrapper codes (the Slack SDK's "slack_webapi_request_error").
 */
export function classifyTransportError(
  error: unknown,
  ignore: (code: string) => boolean = () => false,
): Failure {
  const codes = errorCodes(error).filter((c) => !ignore(c));
  const detail = codes[0] ?? (error instanceof Error ? error.name : "unknown");
  if (codes.length > 0 && codes.every((c) => NEVER_CONNECTED.has(c)))
    return { kind: "not-sent", detail };
  return { kind: "unknown", detail };
}

/** How long to wait before attempt `attempt + 1` (attempt is 1-based), or null to give up. */
export function retryDelay(
  failure: Failure,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  switch (failure.kind) {
    case "rate-limited": {
      const wait = failure.retryAfterMs ?? backoffDelay(attempt - 1, policy.backoff, random);
      return wait <= policy.maxWaitMs ? Math.max(0, wait) : null;
    }
    case "not-sent":
      return backoffDelay(attempt - 1, policy.backoff, random);
    case "unknown":
      return policy.idempotent ? backoffDelay(attempt - 1, policy.backoff, random) : null;
    case "refused":
      return null;
  }
}

interface RetryHooks {
  readonly classify: (error: unknown) => Failure;
  readonly signal?: AbortSignal;
  /** Called before each retry: the place to log it. */
  readonly onRetry?: (failure: Failure, attempt: number, delayMs: number) => void;
  readonly random?: () => number;
  /** Milliseconds since the epoch (patience). */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Runs `op` until it succeeds or the policy says stop; rethrows the last error. */
export async function withRetry<T>(
  op: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks,
): Promise<T> {
  const now = hooks.now ?? Date.now;
  const wait = hooks.sleep ?? sleep;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (error) {
      if (hooks.signal?.aborted) throw error;
      const failure = hooks.classify(error);
      const delayMs = retryDelay(failure, attempt, policy, hooks.random);
      const unreachable =
        failure.kind === "not-sent" ||
        (failure.kind === "unknown" && failure.unreachable === true && policy.idempotent);
      const patient = unreachable && now() - started < (policy.patienceMs ?? 0);
      if (delayMs === null || (attempt >= policy.attempts && !patient)) throw error;
      hooks.onRetry?.(failure, attempt, delayMs);
      await wait(delayMs, hooks.signal);
      if (hooks.signal?.aborted) throw error;
    }
  }
}
