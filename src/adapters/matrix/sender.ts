// Idempotent sending. matrix-bot-sdk's sendMessage makes a fresh transaction id per call
// and never retries; we PUT /rooms/{roomId}/send/m.room.message/{txnId} ourselves with a
// txnId derived from what is being answered, so a retry after a 429, a dropped connection
// or a restart reuses it and the homeserver (which dedupes by txnId per access token /
// device) keeps exactly one message.
//
// Our own request (src/net/http-request.ts) rather than client.doRequest: the SDK turns a
// 429 into a MatrixError that keeps the body (retry_after_ms) but drops the response
// headers, and since spec v1.10 servers announce the wait in the Retry-After header.
import { createHash } from "node:crypto";
import type { Logger } from "../../log.ts";
import { send } from "../../net/http-request.ts";
import { type ErrorSummary, summarizeError } from "./errors.ts";
import { type Backoff, backoffDelay, sleep } from "./retry.ts";

export const SENDER_DEFAULTS = Object.freeze({
  /** Attempts before giving up on a send the homeserver answers with an error (e.g. 500). */
  maxAttempts: 6,
  /**
   * While the homeserver cannot be reached at all (no HTTP answer, or 502/503/504 from the
   * proxy in front of it), keep trying for this long whatever maxAttempts says: giving up
   * during an outage loses the answer for good (its event is already handled), while the
   * answer sent after the outage is still the one the asker wants.
   */
  unreachablePatienceMs: 5 * 60_000,
  /** Cap on one server-requested wait (Retry-After / retry_after_ms). */
  maxWaitMs: 30_000,
  backoff: { initialMs: 500, maxMs: 8_000 } satisfies Backoff,
  requestTimeoutMs: 20_000,
});

export interface SenderOptions {
  readonly homeserverUrl: string;
  readonly accessToken: string;
  readonly logger: Logger;
  readonly maxAttempts?: number;
  readonly unreachablePatienceMs?: number;
  /**
   * After each attempt: how many attempts in a row (over all sends) found the homeserver
   * unreachable, 0 once it answers. While a send waits out an outage the sync loop waits
   * for it, so this is how health learns of the outage.
   */
  readonly onReachability?: (unreachableStreak: number, detail: string) => void;
  readonly maxWaitMs?: number;
  readonly backoff?: Backoff;
  readonly requestTimeoutMs?: number;
  readonly random?: () => number;
}

export interface Sender {
  /** Sends once (deduplicated by txnId), retrying 429s and transient failures; the event id. */
  send(roomId: string, content: object, txnId: string, signal?: AbortSignal): Promise<string>;
}

export class SendError extends Error {
  constructor(
    message: string,
    readonly summary: ErrorSummary,
  ) {
    super(message);
    this.name = "SendError";
  }
}

/**
 * A transaction id that names what is sent: `reply-…` for the answer to one event,
 * `card-…` for one postCard key. Hashed: event ids and keys contain characters that are
 * awkward in a URL path, and a fixed length keeps it well under any server's limit.
 */
export function txnIdFor(kind: "reply" | "card", ...parts: readonly string[]): string {
  const hash = createHash("sha256").update(parts.join("\u0000")).digest("base64url");
  return `${kind}-${hash.slice(0, 32)}`;
}

/** Milliseconds from a Retry-After header (delta-seconds or HTTP-date), or null. */
export function parseRetryAfter(header: string | null, nowMs: number = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

type Attempt =
  | { readonly kind: "sent"; readonly eventId: string }
  | {
      readonly kind: "rate-limited";
      readonly waitMs: number | null;
      readonly summary: ErrorSummary;
    }
  | { readonly kind: "transient"; readonly summary: ErrorSummary }
  | { readonly kind: "fatal"; readonly summary: ErrorSummary };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** No HTTP answer from the homeserver itself: the network, or a gateway reporting it away. */
function isUnreachable(result: Attempt): boolean {
  if (result.kind !== "transient") return false;
  const { status } = result.summary;
  return status === undefined || status === 502 || status === 503 || status === 504;
}

export function createSender(options: SenderOptions): Sender {
  const base = options.homeserverUrl.replace(/\/+$/, "");
  const maxAttempts = Math.max(1, options.maxAttempts ?? SENDER_DEFAULTS.maxAttempts);
  const maxWaitMs = options.maxWaitMs ?? SENDER_DEFAULTS.maxWaitMs;
  const backoff = options.backoff ?? SENDER_DEFAULTS.backoff;
  const requestTimeoutMs = options.requestTimeoutMs ?? SENDER_DEFAULTS.requestTimeoutMs;
  const random = options.random ?? Math.random;
  const patienceMs = options.unreachablePatienceMs ?? SENDER_DEFAULTS.unreachablePatienceMs;
  const log = options.logger;
  let unreachableStreak = 0;

  async function attempt(path: string, body: string, signal?: AbortSignal): Promise<Attempt> {
    try {
      const res = await send(base + path, {
        method: "PUT",
        headers: {
          Authorization: `Bearer ${options.accessToken}`,
          "Content-Type": "application/json",
        },
        body,
        timeoutMs: requestTimeoutMs,
        ...(signal ? { signal } : {}),
      });
      const json = parseJson(res.text);
      const field = (k: string): unknown =>
        typeof json === "object" && json !== null
          ? (json as Record<string, unknown>)[k]
          : undefined;
      const summary: ErrorSummary = {
        status: res.status,
        ...(typeof field("errcode") === "string" ? { errcode: field("errcode") as string } : {}),
        message:
          typeof field("error") === "string" ? (field("error") as string) : `HTTP ${res.status}`,
      };
      if (res.status >= 200 && res.status <= 299) {
        const eventId = field("event_id");
        return typeof eventId === "string"
          ? { kind: "sent", eventId }
          : { kind: "transient", summary: { ...summary, message: "response without event_id" } };
      }
      if (res.status === 429) {
        const retryAfterMs = field("retry_after_ms");
        const waitMs =
          parseRetryAfter(res.header("retry-after")) ??
          (typeof retryAfterMs === "number" && retryAfterMs >= 0 ? retryAfterMs : null);
        return { kind: "rate-limited", waitMs, summary };
      }
      if (res.status >= 500 || res.status === 408) return { kind: "transient", summary };
      return { kind: "fatal", summary };
    } catch (e) {
      // Network error, reset or timeout: the message may or may not have been stored;
      // retrying with the same txnId is safe either way.
      return { kind: "transient", summary: summarizeError(e) };
    }
  }

  return {
    async send(roomId, content, txnId, signal) {
      const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
      const body = JSON.stringify(content);
      const startedAt = Date.now();
      for (let n = 0; ; n++) {
        if (signal?.aborted)
          throw new SendError("send aborted: shutting down", { message: "aborted" });
        const result = await attempt(path, body, signal);
        const unreachable = isUnreachable(result);
        unreachableStreak = unreachable ? unreachableStreak + 1 : 0;
        options.onReachability?.(
          unreachableStreak,
          result.kind === "sent" ? "" : result.summary.message,
        );
        if (result.kind === "sent") {
          if (n > 0)
            log.info({ roomId, txnId, attempts: n + 1 }, "matrix send succeeded after retry");
          return result.eventId;
        }
        if (result.kind === "fatal")
          throw new SendError(`send rejected: ${result.summary.message}`, result.summary);
        const waitingOutOutage = unreachable && Date.now() - startedAt < patienceMs;
        if (n + 1 >= maxAttempts && !waitingOutOutage)
          throw new SendError(
            `send failed after ${n + 1} attempts: ${result.summary.message}`,
            result.summary,
          );
        const waitMs =
          result.kind === "rate-limited" && result.waitMs !== null
            ? Math.min(result.waitMs, maxWaitMs)
            : backoffDelay(n, backoff, random);
        log.warn(
          { roomId, txnId, attempt: n + 1, waitMs, ...result.summary },
          result.kind === "rate-limited"
            ? "matrix send rate-limited; retrying"
            : "matrix send failed; retrying",
        );
        await sleep(waitMs, signal);
      }
    },
  };
}
