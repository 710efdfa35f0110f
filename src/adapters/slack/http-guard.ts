// What every HTTP request to /slack/events passes before Bolt sees it:
//   - bodies over the limit are refused with 413 before being read whole (Content-Length
//     is checked up front, streamed bytes are counted for chunked bodies);
//   - the timestamp must be within 5 minutes of now in EITHER direction (Bolt 5 only
//     rejects old ones, so a request signed for the future would stay replayable);
//   - the v0 HMAC signature must match.
// Rejections are logged without the body. The buffered body is handed on as `rawBody`,
// which Bolt's HTTPReceiver uses instead of reading the (already consumed) stream. This is
// the only signature check: Bolt's own is switched off in app.ts, since it would repeat
// this one on every request.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../../log.ts";

export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_CLOCK_SKEW_SEC = 5 * 60;

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface GuardOptions {
  readonly signingSecret: string;
  readonly logger: Logger;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  readonly maxBodyBytes?: number;
  /** False while stopping: new requests get 503 so Slack retries them later. */
  readonly accepting: () => boolean;
  /** Bolt's request listener; receives requests with `rawBody` set. */
  readonly next: RequestListener;
}

export type Rejection = "too-large" | "timestamp" | "signature" | "method" | "stopping";

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
}

/** Slack's v0 signature of a request body; exported for tests and tooling. */
export function slackSignature(secret: string, timestamp: string, body: Buffer | string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex")}`;
}

export function verifySignature(
  secret: string,
  timestamp: string,
  body: Buffer,
  signature: string,
): boolean {
  const expected = Buffer.from(slackSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function timestampOk(timestamp: string | undefined, nowMs: number): boolean {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) <= MAX_CLOCK_SKEW_SEC;
}

/** Slack's SSL check: a form post of ssl_check=1 (unsigned by design); answered with 200. */
function isSslCheck(req: IncomingMessage, body: Buffer): boolean {
  return (
    header(req, "content-type")?.startsWith("application/x-www-form-urlencoded") === true &&
    new URLSearchParams(body.toString("utf8")).get("ssl_check") === "1"
  );
}

export function createHttpGuard(options: GuardOptions): RequestListener {
  const max = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const log = options.logger;

  function reject(req: IncomingMessage, res: ServerResponse, status: number, reason: Rejection) {
    // Never the body, never the signature: what and where is enough to investigate.
    log.warn(
      {
        status,
        reason,
        method: req.method,
        path: req.url?.split("?")[0],
        contentLength: header(req, "content-length"),
        retryNum: header(req, "x-slack-retry-num"),
      },
      "slack request rejected",
    );
    if (res.headersSent) return;
    const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8" };
    if (reason === "too-large") headers.connection = "close";
    if (reason === "method") headers.allow = "POST";
    res.writeHead(status, headers);
    res.end(`${status === 401 ? "unauthorized" : reason}\n`);
  }

  /** Answers 413 and stops reading: the rest of the body is never buffered. */
  function tooLarge(req: IncomingMessage, res: ServerResponse) {
    reject(req, res, 413, "too-large");
    req.removeAllListeners("data");
    // Let the 413 reach the client, then drop the connection instead of draining it.
    res.once("finish", () => setTimeout(() => req.socket.destroy(), 100).unref());
  }

  return (req, res) => {
    if (!options.accepting()) return reject(req, res, 503, "stopping");
    if (req.method !== "POST") return reject(req, res, 405, "method");
    const declared = Number(header(req, "content-length") ?? "0");
    if (Number.isFinite(declared) && declared > max) return tooLarge(req, res);

    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        tooLarge(req, res);
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", (error) => log.warn({ err: error.message }, "slack request stream error"));
    req.on("end", () => {
      if (over) return;
      const body = Buffer.concat(chunks, size);
      if (isSslCheck(req, body)) {
        res.writeHead(200);
        res.end();
        return;
      }
      const timestamp = header(req, "x-slack-request-timestamp");
      if (!timestampOk(timestamp, options.clock())) return reject(req, res, 401, "timestamp");
      const signature = header(req, "x-slack-signature") ?? "";
      if (!verifySignature(options.signingSecret, timestamp!, body, signature))
        return reject(req, res, 401, "signature");
      // Bolt's HTTPReceiver reads `rawBody` when present instead of the stream.
      Object.assign(req, { rawBody: body });
      try {
        options.next(req, res);
      } catch (error) {
        log.error({ err: (error as Error).message }, "slack request dispatch failed");
        if (!res.headersSent) {
          res.writeHead(500);
          res.end();
        }
      }
    });
  };
}
