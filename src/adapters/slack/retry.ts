// When a call to Slack may be tried again. chat.postMessage and response_url posts have no
// idempotency key, so a request that may have reached Slack is never sent twice: a timeout,
// a reset mid-request or a 5xx could each mean the message is already in the channel.
// Retried: 429s (after Retry-After) and requests that provably never left (the connection
// was never established). Idempotent calls (auth.test) also retry the ambiguous failures.

export type Failure =
  /** Slack said 429; waiting Retry-After seconds and sending again is what it asks for. */
  | { readonly kind: "rate-limited"; readonly retryAfterSec: number }
  /** No connection was made, so nothing was delivered: safe to send again. */
  | { readonly kind: "not-sent"; readonly detail: string }
  /** Timeout, reset or 5xx: it may or may not have been delivered. */
  | { readonly kind: "ambiguous"; readonly detail: string }
  /** Slack answered and refused (channel_not_found, not_in_channel, invalid_auth, ...). */
  | { readonly kind: "refused"; readonly error: string };

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** A Retry-After longer than this is not waited for: the call fails instead. */
  readonly maxRetryAfterSec: number;
  /** Retry ambiguous failures too (only for calls that are safe to repeat). */
  readonly idempotent: boolean;
}

export const SEND_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  maxRetryAfterSec: 30,
  idempotent: false,
});

export const IDEMPOTENT_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  maxRetryAfterSec: 30,
  idempotent: true,
});

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

/** A transport error (fetch's TypeError, undici's errors, a timeout) as a Failure. */
export function classifyTransportError(error: unknown): Failure {
  // The SDK wraps errors in its own (code "slack_webapi_request_error"): look past those.
  const codes = errorCodes(error).filter((c) => !c.startsWith("slack_"));
  const detail = codes[0] ?? (error instanceof Error ? error.name : "unknown");
  // Every code must say "never connected": an AggregateError from trying several
  // addresses counts only if each address failed that way.
  if (codes.length > 0 && codes.every((c) => NEVER_CONNECTED.has(c)))
    return { kind: "not-sent", detail };
  return { kind: "ambiguous", detail };
}

export interface RetryHooks {
  readonly sleep: (ms: number) => Promise<void>;
  /** Called before each retry: the place to log it. */
  readonly onRetry: (failure: Failure, attempt: number, delayMs: number) => void;
}

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Runs `op` until it succeeds or the policy says stop; rethrows the last error. `classify`
 * turns whatever `op` threw into a Failure.
 */
export async function withRetry<T>(
  op: () => Promise<T>,
  classify: (error: unknown) => Failure,
  policy: RetryPolicy,
  hooks: RetryHooks,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (error) {
      const failure = classify(error);
      const delayMs = retryDelay(failure, attempt, policy);
      if (delayMs === null || attempt >= policy.maxAttempts) throw error;
      hooks.onRetry(failure, attempt, delayMs);
      await hooks.sleep(delayMs);
    }
  }
}

/** How long to wait before the next attempt, or null to give up. */
export function retryDelay(failure: Failure, attempt: number, policy: RetryPolicy): number | null {
  switch (failure.kind) {
    case "rate-limited":
      return failure.retryAfterSec <= policy.maxRetryAfterSec
        ? Math.max(0, failure.retryAfterSec) * 1000
        : null;
    case "not-sent":
      return 250 * 2 ** (attempt - 1);
    case "ambiguous":
      return policy.idempotent ? 500 * 2 ** (attempt - 1) : null;
    case "refused":
      return null;
  }
}
