// Errors from the SDK and from fetch, reduced to what is safe and useful in a log line.
// Never log an SDK error object itself: a failed `request` response carries the request,
// and with it the Authorization header.

export interface ErrorSummary {
  readonly status?: number;
  readonly errcode?: string;
  readonly message: string;
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

/** 401/403 on whoami and friends: the access token is wrong; retrying will not help. */
export function isAuthError(e: unknown): boolean {
  const { status, errcode } = summarizeError(e);
  return status === 401 || errcode === "M_UNKNOWN_TOKEN" || errcode === "M_MISSING_TOKEN";
}

/** Worth retrying: no HTTP answer at all (network, timeout), a 5xx, or a 429. */
export function isTransient(e: unknown): boolean {
  const { status } = summarizeError(e);
  return status === undefined || status >= 500 || status === 429 || status === 408;
}

/** The wait a 429 MatrixError asks for (its retry_after_ms), if any. */
export function requestedWaitMs(e: unknown): number | null {
  const ms = field(e, "retryAfterMs");
  return typeof ms === "number" && ms >= 0 ? ms : null;
}
