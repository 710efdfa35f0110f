// Errors from the SDK and from fetch: reduced to what is safe and useful in a log line, and
// classified for the one retry module (src/core/retry.ts) and for the post port.
// Never log an SDK error object itself: a failed `request` response carries the request,
// and with it the Authorization header.
import { DeliveryError } from "../../core/post-port.ts";
import { classifyTransportError, type Failure } from "../../core/retry.ts";

interface ErrorSummary {
  readonly status?: number;
  readonly errcode?: string;
  readonly message: string;
}

/** An HTTP answer that was not a success, from our own requests (sender.ts). */
export class MatrixHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string | undefined,
    message: string,
    /** Retry-After (header) or retry_after_ms (body) of a 429. */
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = "MatrixHttpError";
  }
}

const field = (e: unknown, key: string): unknown =>
  typeof e === "object" && e !== null ? (e as Record<string, unknown>)[key] : undefined;

export function summarizeError(e: unknown): ErrorSummary {
  const status = field(e, "statusCode") ?? field(e, "status");
  const errcode = field(e, "errcode") ?? field(field(e, "body"), "errcode");
  const code = field(e, "code") ?? field(field(e, "cause"), "code");
  let message: string;
  if (typeof field(e, "error") === "string") message = field(e, "error") as string;
  else if (e instanceof Error) message = e.message || e.name;
  else if (typeof status === "number") message = `HTTP ${status}`;
  else message = typeof e === "string" ? e : "unknown error";
  if (typeof code === "string" && !message.includes(code)) message = `${code}: ${message}`;
  return {
    ...(typeof status === "number" ? { status } : {}),
    ...(typeof errcode === "string" ? { errcode } : {}),
    message: message.slice(0, 300),
  };
}

/** 401 or an unknown/missing token on whoami and friends: retrying will not help. */
export function isAuthError(e: unknown): boolean {
  const { status, errcode } = summarizeError(e);
  return status === 401 || errcode === "M_UNKNOWN_TOKEN" || errcode === "M_MISSING_TOKEN";
}

/** The wait a 429 asks for: ours (MatrixHttpError) or the SDK's MatrixError.retryAfterMs. */
function requestedWaitMs(e: unknown): number | null {
  const ms = field(e, "retryAfterMs");
  return typeof ms === "number" && ms >= 0 ? ms : null;
}

/**
 * No answer from the homeserver itself: no HTTP response at all (refused, reset, timeout)
 * or a gateway in front of it saying it is away (502/503/504).
 */
export function isUnreachable(e: unknown): boolean {
  const { status } = summarizeError(e);
  return status === undefined || status === 502 || status === 503 || status === 504;
}

/**
 * A failed Matrix request as the retry module's Failure, for requests that are safe to
 * repeat (txnId-keyed sends, joins, alias lookups, reads).
 *
 * An unreachable homeserver is "unknown" (the request may have arrived) but marked
 * `unreachable`: for these requests a repeat is harmless (the homeserver dedupes a
 * txnId), and RetryPolicy.patienceMs then keeps trying through an outage instead of
 * giving up after `attempts` (an answer dropped
 * mid-outage is lost for good). The post port reports the honest kind (deliveryErrorOf).
 */
export function classifyRepeatable(e: unknown): Failure {
  const { status, errcode, message } = summarizeError(e);
  const detail = [status, errcode, message].filter((x) => x !== undefined).join(" ");
  if (status === 429) return { kind: "rate-limited", retryAfterMs: requestedWaitMs(e), detail };
  if (isUnreachable(e)) {
    if (classifyTransportError(e).kind === "not-sent") return { kind: "not-sent", detail };
    return { kind: "unknown", detail, unreachable: true };
  }
  if (status !== undefined && (status >= 500 || status === 408)) return { kind: "unknown", detail };
  return { kind: "refused", detail };
}

/**
 * A failed postCard as the post port's DeliveryError: the same classification as every
 * Matrix request, so what may have arrived is said once.
 */
export function deliveryErrorOf(e: unknown): DeliveryError {
  if (e instanceof DeliveryError) return e;
  return new DeliveryError(classifyRepeatable(e), `matrix: ${summarizeError(e).message}`, {
    cause: e,
  });
}
