// A Web API error as the retry module reads it: which failures may be tried again, which
// Slack refused for good, and which may or may not have taken effect. Kept apart from the
// client so every caller that reports a failure (posts, look-ups, asker checks) reads the
// SDK's errors the one way the retries do.
import { webApi } from "@slack/bolt";
import { classifyTransportError, type Failure } from "../../core/retry.ts";

/** Slack's own "try again later" answers: the call may or may not have taken effect. */
const SLACK_SIDE_FAILURES = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

/** A Web API error as the retry module's Failure. */
export function classifyWebApiError(error: unknown): Failure {
  const e = error as {
    code?: unknown;
    retryAfter?: unknown;
    statusCode?: unknown;
    data?: { error?: unknown };
  };
  switch (e?.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const sec = Number(e.retryAfter);
      return {
        kind: "rate-limited",
        retryAfterMs: Number.isFinite(sec) && sec >= 0 ? sec * 1000 : null,
        detail: "ratelimited",
      };
    }
    case webApi.ErrorCode.PlatformError: {
      const code = String(e.data?.error ?? "unknown_error");
      return SLACK_SIDE_FAILURES.has(code)
        ? { kind: "unknown", detail: code }
        : { kind: "refused", detail: code };
    }
    case webApi.ErrorCode.HTTPError: {
      const status = Number(e.statusCode);
      return status >= 500
        ? { kind: "unknown", detail: `http_${status}` }
        : { kind: "refused", detail: `http_${status}` };
    }
    default:
      // The SDK wraps transport errors in its own (code "slack_webapi_request_error").
      return classifyTransportError(error, (code) => code.startsWith("slack_"));
  }
}
