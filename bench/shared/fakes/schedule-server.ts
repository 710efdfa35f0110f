// A conference's schedule server, on 127.0.0.1: each request is answered by the next step
// the test queued (a body with validators, a 304 when the validators match, a 500, a slow
// or truncated or oversized body), and every request's conditional headers are recorded.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Step =
  /** 200 with this body; answers 304 instead when the request's If-None-Match is `etag`. */
  | { readonly body: string; readonly etag?: string; readonly lastModified?: string }
  | { readonly status: number; readonly retryAfter?: string }
  /** Sends the headers and half the body, then closes the connection. */
  | { readonly truncated: string }
  /** Sends the headers, then the body only after this many milliseconds. */
  | { readonly slow: string; readonly delayMs: number };

export interface ScheduleServer {
  readonly url: string;
  /** The answer for every later request until the next `serve`. */
  serve(step: Step): void;
  readonly requests: { ifNoneMatch: string | null; ifModifiedSince: string | null }[];
  close(): Promise<void>;
}

function answer(step: Step, req: IncomingMessage, res: import("node:http").ServerResponse) {
  if ("status" in step) {
    res.writeHead(step.status, step.retryAfter ? { "retry-after": step.retryAfter } : {});
    res.end("error");
  } else if ("truncated" in step) {
    res.writeHead(200, { "content-length": String(step.truncated.length) });
    res.write(step.truncated.slice(0, step.truncated.length >> 1));
    setImmediate(() => res.socket?.destroy());
  } else if ("slow" in step) {
    res.writeHead(200, { "content-type": "application/json" });
    res.flushHeaders();
    const timer = setTimeout(() => res.end(step.slow), step.delayMs);
    res.on("close", () => clearTimeout(timer));
  } else if (step.etag && req.headers["if-none-match"] === step.etag) {
    res.writeHead(304, { etag: step.etag });
    res.end();
  } else {
    res.writeHead(200, {
      "content-type": "application/json",
      ...(step.etag ? { etag: step.etag } : {}),
      ...(step.lastModified ? { "last-modified": step.lastModified } : {}),
    });
    res.end(step.body);
  }
}

export async function startScheduleServer(): Promise<ScheduleServer> {
  let step: Step = { status: 404 };
  const requests: ScheduleServer["requests"] = [];
  const server: Server = createServer((req, res) => {
    requests.push({
      ifNoneMatch: req.headers["if-none-match"] ?? null,
      ifModifiedSince: req.headers["if-modified-since"] ?? null,
    });
    answer(step, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/schedule.json`,
    serve: (next) => {
      step = next;
    },
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
