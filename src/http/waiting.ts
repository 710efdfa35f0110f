// The operator port while the bot cannot serve yet: with DATABASE_URL a replica waits for
// PostgreSQL at start (it must not answer without its state), and all that time a load
// balancer and an operator need an answer on HOST:PORT, not a refused connection. This
// server says why it is not ready: /healthz 503 with the reason, /metrics as usual (the
// database-error counter climbs), Slack's requests 503 (Slack sends them again later),
// anything else 404. The real operator server takes the port over once the store is open.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log.ts";
import type { StoreInfo } from "./health.ts";
import { gracefulClose, listen } from "./listen.ts";
import { METRICS_CONTENT_TYPE } from "./metrics.ts";
import { send } from "./server.ts";

interface WaitingOptions {
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  readonly store: StoreInfo;
  metrics(): Promise<string>;
  /** Takes secrets out of what /healthz shows (a database error may quote the URL). */
  scrub(text: string): string;
}

export interface WaitingServer {
  readonly address: AddressInfo;
  /** What /healthz says the bot is waiting for. */
  waitingFor(detail: string): void;
  /** One failed attempt to reach the store, for /healthz. */
  unreachable(failure: { error: string; attempt: number; delayMs: number }): void;
  close(): Promise<void>;
}

export interface WaitingBody {
  readonly status: "starting";
  readonly detail: string;
  readonly store: StoreInfo;
}

export async function startWaitingServer(options: WaitingOptions): Promise<WaitingServer> {
  let detail = "opening the state store";
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const readOnly = req.method === "GET" || req.method === "HEAD";
    // No route here reads a body: drop it with the connection rather than drain it.
    if (req.headers["content-length"] || req.headers["transfer-encoding"])
      res.shouldKeepAlive = false;
    if (readOnly && path === "/healthz") {
      const body: WaitingBody = { status: "starting", detail, store: options.store };
      send(res, 503, "application/json; charset=utf-8", JSON.stringify(body));
    } else if (readOnly && path === "/metrics") {
      options.metrics().then(
        (text) => send(res, 200, METRICS_CONTENT_TYPE, text),
        () => send(res, 500, "text/plain; charset=utf-8", "internal error\n"),
      );
    } else if (path === "/slack/events") {
      res.setHeader("retry-after", "5");
      send(res, 503, "text/plain; charset=utf-8", "starting\n");
    } else {
      send(res, 404, "text/plain; charset=utf-8", "not found\n");
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  let address: AddressInfo;
  try {
    address = await listen(server, options.port, options.host);
  } catch (err) {
    throw new Error(
      `cannot listen on ${options.host}:${options.port} (check HOST and PORT): ${(err as Error).message}`,
    );
  }
  server.on("error", (err) => options.logger.error({ err }, "operator server error"));
  options.logger.info(
    { host: address.address, port: address.port },
    "operator server listening (starting: /healthz is 503 until the state store is open)",
  );
  const close = gracefulClose(server);
  return {
    address,
    waitingFor(next) {
      detail = options.scrub(next);
    },
    unreachable({ error, attempt, delayMs }) {
      detail = options.scrub(
        `state store unreachable: ${error} (attempt ${attempt}; next in ${(delayMs / 1000).toFixed(1)} s)`,
      );
    },
    close: () => close(500),
  };
}
