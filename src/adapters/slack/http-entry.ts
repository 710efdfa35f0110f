// What stands in front of Bolt's HTTPReceiver at POST /slack/events. Bolt does the real work:
// it buffers the body up to `bodyLimit`, verifies the signature and rejects stale timestamps,
// answers ssl_check and url_verification. This wrapper adds only what Bolt's options cannot
// express, each a few lines:
//   - 503 while stopping, so Slack re-sends the request later instead of it being dropped;
//   - 405 for anything but POST (Bolt would throw "deferred" to let a server route it);
//   - a body DECLARED larger than the limit gets 413 and the connection is closed before a
//     byte is read. Bolt would answer 413 too, but Node then drains (reads and discards) the
//     rest of the body to keep the connection alive: 50 MB read for nothing. A chunked body
//     is cut off by Bolt's own limit; the connection is closed after its 413 as well;
//   - a timestamp over 5 minutes in the FUTURE is refused: Bolt rejects only stale ones, and
//     a request signed for the future would stay replayable until then;
//   - one log line per refused request (status and where, never the body or signature).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../../log.ts";

export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_CLOCK_SKEW_SEC = 5 * 60;

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface EntryOptions {
  readonly logger: Logger;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  readonly maxBodyBytes: number;
  /** False while stopping. */
  readonly accepting: () => boolean;
  /** Bolt's HTTPReceiver.requestListener. */
  readonly bolt: RequestListener;
}

const REASONS: Readonly<Record<number, string>> = {
  400: "malformed",
  401: "unverified",
  405: "method",
  413: "too-large",
  503: "stopping",
};

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
}

/** True when the request's timestamp is a number more than the allowed skew ahead of us. */
export function fromTheFuture(timestamp: string | undefined, nowMs: number): boolean {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false; // Bolt refuses those
  return Number(timestamp) - Math.floor(nowMs / 1000) > MAX_CLOCK_SKEW_SEC;
}

export function createHttpEntry(options: EntryOptions): RequestListener {
  const log = options.logger;

  function logRefusal(req: IncomingMessage, status: number, reason: string) {
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
  }

  return (req, res) => {
    let reason: string | undefined;
    const refuse = (status: number, why: string) => {
      reason = why;
      // Refused before its body is read: close rather than read the body to reuse the socket.
      const headers: Record<string, string> = {
        "content-type": "text/plain; charset=utf-8",
        connection: "close",
      };
      if (status === 405) headers.allow = "POST";
      res.writeHead(status, headers);
      res.end(`${why}\n`);
    };
    res.once("finish", () => {
      const status = res.statusCode;
      if (status >= 400) logRefusal(req, status, reason ?? REASONS[status] ?? "error");
      // Unread body left on the wire: hang up instead of reading it (after the 413 is out).
      if (status === 413) setTimeout(() => req.socket.destroy(), 100).unref();
    });
    if (!options.accepting()) return refuse(503, "stopping");
    if (req.method !== "POST") return refuse(405, "method");
    const declared = Number(header(req, "content-length") ?? "0");
    if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
      req.pause();
      return refuse(413, "too-large");
    }
    if (fromTheFuture(header(req, "x-slack-request-timestamp"), options.clock()))
      return refuse(401, "timestamp");
    try {
      options.bolt(req, res);
    } catch (error) {
      // Bolt throws for paths it does not serve (main.ts routes only /slack/events here).
      log.error({ err: (error as Error).message }, "slack request dispatch failed");
      if (!res.headersSent) {
        res.writeHead(404);
        res.end();
      }
    }
  };
}
