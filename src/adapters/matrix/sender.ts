// Idempotent sending. matrix-bot-sdk's sendMessage makes a fresh transaction id per call
// and never retries; we PUT /rooms/{roomId}/send/m.room.message/{txnId} ourselves with a
// txnId derived from what is being answered, so a retry after a 429, a dropped connection
// or a restart reuses it and the homeserver (which dedupes by txnId per access token /
// device) keeps exactly one message.
//
// Our own PUT (http-put.ts) rather than client.doRequest: the SDK turns a 429 into a
// MatrixError that keeps the body (retry_after_ms) but drops the response headers, and
// since spec v1.10 servers announce the wait in the Retry-After header.
// Retries: src/core/retry.ts.
import { createHash } from "node:crypto";
import {
  type Failure,
  parseRetryAfter,
  RETRY_DEFAULTS,
  type RetryPolicy,
  withRetry,
} from "../../core/retry.ts";
import type { Logger } from "../../log.ts";
import { classifyRepeatable, isUnreachable, MatrixHttpError, summarizeError } from "./errors.ts";
import { put } from "./http-put.ts";

export const SEND_DEFAULTS = Object.freeze({
  policy: Object.freeze({
    ...RETRY_DEFAULTS.idempotent,
    /**
     * While the homeserver cannot be reached at all (no HTTP answer, or 502/503/504 from
     * the proxy in front of it), keep trying for this long whatever `attempts` says:
     * giving up during an outage loses the answer for good (its event is already
     * handled), while the answer sent after the outage is still the one the asker wants.
     */
    patienceMs: 5 * 60_000,
  }) satisfies RetryPolicy,
  requestTimeoutMs: 20_000,
});

interface SenderOptions {
  readonly homeserverUrl: string;
  readonly accessToken: string;
  readonly logger: Logger;
  readonly policy?: Partial<RetryPolicy>;
  readonly requestTimeoutMs?: number;
  readonly random?: () => number;
  /**
   * After each attempt: how many attempts in a row (over all sends) found the homeserver
   * unreachable, 0 once it answers. While a send waits out an outage the sync loop waits
   * for it, so this is how health learns of the outage.
   */
  readonly onReachability?: (unreachableStreak: number, detail: string) => void;
  /**
   * Throws to refuse a send, asked right before every attempt: a replica whose syncer
   * lease is over (paused past it) sends nothing. Its error is not retried.
   */
  readonly beforeSend?: () => void;
}

export interface Sender {
  /** Sends once (deduplicated by txnId), retrying 429s and transient failures; the event id. */
  send(roomId: string, content: object, txnId: string, signal?: AbortSignal): Promise<string>;
}

/** A send given up: the last failure's status, errcode, wait and cause, and the attempts. */
export class SendError extends Error {
  readonly status: number | undefined;
  readonly errcode: string | undefined;
  readonly retryAfterMs: number | null;
  constructor(message: string, last: unknown) {
    super(message, { cause: last });
    this.name = "SendError";
    const summary = summarizeError(last);
    this.status = summary.status;
    this.errcode = summary.errcode;
    this.retryAfterMs = last instanceof MatrixHttpError ? last.retryAfterMs : null;
  }
}

/**
 * A transaction id that names what is sent: `reply-…` for the answer to one event,
 * `card-…` for one postCard key, `notice-…` for a one-off room notice. Hashed: event ids
 * and keys contain characters that are awkward in a URL path, and a fixed length keeps it
 * well under any server's limit.
 */
export function txnIdFor(kind: "reply" | "card" | "notice", ...parts: readonly string[]): string {
  const hash = createHash("sha256").update(parts.join("\u0000")).digest("base64url");
  return `${kind}-${hash.slice(0, 32)}`;
}

/** beforeSend said no: final, never retried. */
/**
 * The send never left this process because this replica may no longer sync (the lease
 * check of single-syncer.ts): the question is still unanswered, and the batch holding it
 * must not be committed (sync-loop.ts syncs it again).
 */
export const refusedBeforeSending = (e: unknown): boolean =>
  e instanceof SendError && e.cause instanceof SendRefused;

class SendRefused extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "SendRefused";
  }
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** One PUT; resolves with the event id, throws a MatrixHttpError for an HTTP failure. */
async function putOnce(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string> {
  const res = await put(url, headers, body, timeoutMs, signal);
  const json = parseJson(res.text);
  const errcode = typeof json.errcode === "string" ? json.errcode : undefined;
  const message = typeof json.error === "string" ? json.error : `HTTP ${res.status}`;
  if (res.status >= 200 && res.status <= 299) {
    if (typeof json.event_id === "string") return json.event_id;
    // Garbled, as if a proxy had mangled it: retried (the txnId makes that safe).
    throw new MatrixHttpError(502, errcode, "response without event_id", null);
  }
  const bodyWait =
    typeof json.retry_after_ms === "number" && json.retry_after_ms >= 0
      ? json.retry_after_ms
      : null;
  const wait = res.status === 429 ? (parseRetryAfter(res.header("retry-after")) ?? bodyWait) : null;
  throw new MatrixHttpError(res.status, errcode, message, wait);
}

export function createSender(options: SenderOptions): Sender {
  const base = options.homeserverUrl.replace(/\/+$/, "");
  const policy: RetryPolicy = { ...SEND_DEFAULTS.policy, ...options.policy };
  const timeoutMs = options.requestTimeoutMs ?? SEND_DEFAULTS.requestTimeoutMs;
  const log = options.logger;
  const headers = {
    Authorization: `Bearer ${options.accessToken}`,
    "Content-Type": "application/json",
  };
  let unreachableStreak = 0;

  /**
   * 429: the wait the homeserver asked for, capped at policy.maxWaitMs rather than given
   * up on, so an hour-long request is retried after the cap (a reply an hour late is no
   * answer). The daily post gets the uncapped wait in its DeliveryError.
   */
  const classify = (e: unknown): Failure => {
    if (e instanceof SendRefused) return { kind: "refused", detail: e.message };
    const failure = classifyRepeatable(e);
    return failure.kind === "rate-limited" && failure.retryAfterMs !== null
      ? { ...failure, retryAfterMs: Math.min(failure.retryAfterMs, policy.maxWaitMs) }
      : failure;
  };

  return {
    async send(roomId, content, txnId, signal) {
      const url = `${base}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
      const body = JSON.stringify(content);
      let attempts = 0;
      let last: unknown = null;
      try {
        const eventId = await withRetry(
          async () => {
            if (signal?.aborted) throw new Error("send aborted: shutting down");
            try {
              options.beforeSend?.();
            } catch (e) {
              throw new SendRefused(e);
            }
            attempts++;
            try {
              const id = await putOnce(url, headers, body, timeoutMs, signal);
              unreachableStreak = 0;
              options.onReachability?.(0, "");
              return id;
            } catch (e) {
              last = e;
              unreachableStreak = isUnreachable(e) && !signal?.aborted ? unreachableStreak + 1 : 0;
              options.onReachability?.(unreachableStreak, summarizeError(e).message);
              throw e;
            }
          },
          policy,
          {
            classify,
            ...(signal ? { signal } : {}),
            ...(options.random ? { random: options.random } : {}),
            onRetry: (failure, attempt, waitMs) =>
              log.warn(
                { roomId, txnId, attempt, waitMs, ...summarizeError(last) },
                failure.kind === "rate-limited"
                  ? "matrix send rate-limited; retrying"
                  : "matrix send failed; retrying",
              ),
          },
        );
        if (attempts > 1)
          log.info({ roomId, txnId, attempts }, "matrix send succeeded after retry");
        return eventId;
      } catch (e) {
        if (signal?.aborted) throw new SendError("send aborted: shutting down", e);
        const what =
          classify(e).kind === "refused"
            ? "send rejected"
            : `send failed after ${attempts} attempts`;
        throw new SendError(`${what}: ${summarizeError(e).message}`, e);
      }
    },
  };
}
