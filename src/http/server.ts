// The operator HTTP server: Slack's Events API (HTTP mode only), /healthz and /metrics.
// Everything else is 404, and no route but Slack's ever reads a request body.
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log.ts";
import { ADMIN_RELOAD_PATH, type AdminRoutes, adminReload } from "./admin.ts";
import type { HealthReport } from "./health.ts";
import { gracefulClose, listen } from "./listen.ts";
import { METRICS_CONTENT_TYPE } from "./metrics.ts";

interface OperatorServerOptions {
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  health(): HealthReport;
  metrics(): Promise<string>;
  /** Slack's request listener in HTTP mode; absent in Socket Mode and without Slack. */
  readonly slackEvents?: RequestListener;
  /** POST /admin/reload with `Authorization: Bearer <token>`; absent (404) without ADMIN_TOKEN. */
  readonly admin?: AdminRoutes;
}

export interface OperatorServer {
  readonly address: AddressInfo;
  /** Stops accepting connections, lets requests in flight finish for up to `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

const SLACK_EVENTS_PATH = "/slack/events";

export async function startOperatorServer(options: OperatorServerOptions): Promise<OperatorServer> {
  const log = options.logger.child({ component: "http" });

  function route(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const method = req.method ?? "GET";
    if (path === SLACK_EVENTS_PATH && method === "POST" && options.slackEvents) {
      const result: unknown = options.slackEvents(req, res);
      if (result instanceof Promise) result.catch((err: unknown) => fail(res, err));
      return;
    }
    // Unread bodies are dropped with the connection instead of being drained.
    if (req.headers["content-length"] || req.headers["transfer-encoding"]) {
      res.shouldKeepAlive = false;
    }
    if (path === ADMIN_RELOAD_PATH && options.admin) {
      // The reload runs off the request path (in slices); the answer waits for its outcome.
      adminReload(req, options.admin, log).then(
        (reply) => {
          for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
          send(res, reply.status, reply.headers["content-type"]!, reply.body);
        },
        (err: unknown) => fail(res, err),
      );
      return;
    }
    const readOnly = method === "GET" || method === "HEAD";
    if (readOnly && path === "/healthz") {
      const report = options.health();
      send(res, report.statusCode, "application/json; charset=utf-8", JSON.stringify(report.body));
    } else if (readOnly && path === "/metrics") {
      options.metrics().then(
        (text) => send(res, 200, METRICS_CONTENT_TYPE, text),
        (err: unknown) => fail(res, err),
      );
    } else {
      send(res, 404, "text/plain; charset=utf-8", "not found\n");
    }
  }

  function fail(res: ServerResponse, err: unknown): void {
    log.error({ err }, "request handler failed");
    if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "internal error\n");
    else res.destroy();
  }

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (err) {
      fail(res, err);
    }
  });
  // Slack retries a request it has no answer to within 3 s; nothing here should hang on.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;

  const address = await listen(server, options.port, options.host);
  server.on("error", (err) => log.error({ err }, "operator server error"));
  log.info(
    { host: address.address, port: address.port, slackEvents: Boolean(options.slackEvents) },
    "operator server listening",
  );

  return {
    address,
    close: gracefulClose(server),
  };
}

/** A whole response: status, type, length, never cached (also the waiting server's, waiting.ts). */
export function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    "content-type": type,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
}
