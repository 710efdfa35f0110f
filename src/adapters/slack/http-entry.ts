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
//   - a SIGNED body Bolt cannot take (payload=null, an interaction without a user, see
//     payload-shape.ts) gets 400: Bolt would throw on it where no hook of ours can catch it.
//     For that the body is read here, up to the limit, and handed to Bolt already read
//     (Bolt takes a request with `rawBody` as it is, an entry point it has for that);
//   - one log line per refused request (status and where, never the body or signature).
import type { IncomingMessage, ServerResponse } from "node:http";
import { isValidSlackRequest } from "@slack/bolt";
import type { Logger } from "../../log.ts";
import { bodyProblem } from "./payload-shape.ts";

export const MAX_BODY_BYTES = 64 * 1024;
const MAX_CLOCK_SKEW_SEC = 5 * 60;

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

interface EntryOptions {
  readonly logger: Logger;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  readonly maxBodyBytes: number;
  /** To tell a signed malformed body (400) from an unsigned one (Bolt's 401). */
  readonly signingSecret: string;
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

/** A request whose body has been read: Bolt uses `rawBody` instead of reading the stream. */
type ReadRequest = IncomingMessage & { rawBody?: Buffer };

/** The whole body, or null as soon as it grows past `limit` (the rest is left unread). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done();
      req.pause();
      resolve(null);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => onError(new Error("the request closed before its body ended"));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

export function createHttpEntry(options: EntryOptions): RequestListener {
  const log = options.logger;

  function signed(req: IncomingMessage, body: string): boolean {
    return isValidSlackRequest({
      signingSecret: options.signingSecret,
      body,
      headers: {
        "x-slack-signature": header(req, "x-slack-signature") ?? "",
        "x-slack-request-timestamp": Number(header(req, "x-slack-request-timestamp")),
      },
      nowMilliseconds: options.clock(),
    });
  }

  function logRefusal(req: IncomingMessage, status: number, reason: string, detail?: string) {
    log.warn(
      {
        status,
        reason,
        ...(detail ? { detail } : {}),
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
    let detail: string | undefined;
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
      if (status >= 400) logRefusal(req, status, reason ?? REASONS[status] ?? "error", detail);
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
    readBody(req, options.maxBodyBytes)
      .then(
        (body) => {
          if (body === null) return refuse(413, "too-large");
          (req as ReadRequest).rawBody = body;
          const text = body.toString();
          const problem = bodyProblem(text, header(req, "content-type"));
          // Unsigned, it is Bolt's to refuse (401) like any other unsigned request.
          if (problem !== null && signed(req, text)) {
            detail = problem;
            return refuse(400, "malformed");
          }
          dispatch(req, res);
        },
        (error: unknown) => {
          // The client went away mid-body: nobody to answer.
          log.debug({ err: (error as Error).message }, "slack request body not read");
          res.destroy();
        },
      )
      .catch((error: unknown) => {
        // A bug of ours: a 500 and a line, never an unhandled rejection.
        log.error({ err: (error as Error).message }, "slack request failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
  };

  function dispatch(req: IncomingMessage, res: ServerResponse): void {
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
  }
}
