// The public pages' own HTTP listener (WEB_PORT), apart from the operator server (PORT):
// nothing routed here can reach /admin/*, /metrics, /healthz or /slack/events, whatever a
// proxy in front forwards. GET and HEAD only; a token bucket per client address; every
// answer carries Cache-Control, an ETag (304 on If-None-Match) and a Content-Security-Policy
// that allows no script at all. Rendered answers are kept (per catalog and day) so a page
// asked for again costs a lookup.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { LRUCache } from "lru-cache";
import type { Core } from "../core/answer.ts";
import type { Library } from "../core/library.ts";
import { createRateLimiter, type RateLimitOptions } from "../core/rate-limit.ts";
import { gracefulClose, listen } from "../http/listen.ts";
import type { Logger } from "../log.ts";
import type { Site } from "../render/web/html.ts";
import { STYLE_PATH } from "../render/web/style.ts";
import { dateInZone } from "../totd/today.ts";
import { catalogIndex } from "./catalog-index.ts";
import { errorPage, respond } from "./pages.ts";
import { type Prepared, prepare } from "./prepare.ts";
import type { PageContext } from "./response.ts";

export interface WebServerOptions {
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  readonly library: Library;
  /** PUBLIC_URL without a trailing slash. */
  readonly publicUrl: string;
  /** TOTD_TIMEZONE: what "today" is for /today and /new. */
  readonly timeZone: string;
  /** Behind a reverse proxy: the client is the last X-Forwarded-For address. */
  readonly trustProxy?: boolean;
  readonly rateLimit?: RateLimitOptions;
  readonly clock?: () => number;
}

export interface WebServer {
  readonly address: AddressInfo;
  close(graceMs?: number): Promise<void>;
}

const WEB_RATE_LIMIT: RateLimitOptions = Object.freeze({ burst: 60, perSecond: 10 });

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log = options.logger.child({ component: "web" });
  // The lists are built once per catalog; built now, the first visitor does not wait for them.
  catalogIndex(options.library.current().catalog);
  const clock = options.clock ?? Date.now;
  const base = new URL(options.publicUrl).pathname.replace(/\/+$/, "");
  const site: Site = { base, style: STYLE_PATH };
  const limiter = createRateLimiter({ ...WEB_RATE_LIMIT, ...options.rateLimit });
  // Per core (a reload starts afresh); bounded by bytes too (16 MB: `npm start` gives the
  // whole process a 128 MB old space).
  const caches = new WeakMap<Core, LRUCache<string, Prepared>>();
  const cacheOf = (core: Core) => {
    let cache = caches.get(core);
    if (!cache) {
      cache = new LRUCache({
        max: 2_000,
        maxSize: 16 << 20,
        sizeCalculation: (p) => p.body.length + 512,
      });
      caches.set(core, cache);
    }
    return cache;
  };
  let day = { at: Number.NEGATIVE_INFINITY, date: "" };
  const today = (now: number) => {
    if (now - day.at > 1_000 || now < day.at)
      day = { at: now, date: dateInZone(new Date(now), options.timeZone) };
    return day.date;
  };

  function client(req: IncomingMessage): string {
    const direct = req.socket.remoteAddress ?? "unknown";
    if (!options.trustProxy) return direct;
    const forwarded = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")
      .pop()
      ?.trim();
    return forwarded || direct;
  }

  function write(req: IncomingMessage, res: ServerResponse, p: Prepared): void {
    const match = req.headers["if-none-match"];
    if (
      p.status === 200 &&
      match &&
      match.split(",").some((t) => t.trim().replace(/^W\//, "") === p.etag)
    ) {
      const { "content-length": _l, "content-type": _t, ...rest } = p.headers;
      res.writeHead(304, rest);
      res.end();
      return;
    }
    res.writeHead(p.status, p.headers);
    res.end(req.method === "HEAD" ? undefined : p.body);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    // Nothing here reads a body: one sent anyway is dropped with the connection.
    if (req.headers["content-length"] || req.headers["transfer-encoding"])
      res.shouldKeepAlive = false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      write(req, res, prepare(errorPage(site, 405, { allow: "GET, HEAD" })));
      return;
    }
    const now = clock();
    if (limiter.take(client(req), now) !== "ok") {
      write(req, res, prepare(errorPage(site, 429, { "retry-after": "5" })));
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    let path = url.pathname;
    // Behind a proxy that keeps PUBLIC_URL's path (/virt/talks/x), take it off.
    if (base && (path === base || path.startsWith(`${base}/`)))
      path = path.slice(base.length) || "/";
    const core = options.library.current();
    const date = today(now);
    const key = `${date}\u0000${path}\u0000${url.search}`;
    const cache = cacheOf(core);
    let prepared = cache.get(key);
    if (!prepared) {
      const ctx: PageContext = { core, publicUrl: options.publicUrl, site, today: date };
      prepared = prepare(respond(ctx, path, url.searchParams));
      if (prepared.status === 200 || prepared.status === 404) cache.set(key, prepared);
    }
    write(req, res, prepared);
  }

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      log.error({ err, path: req.url?.split("?")[0] }, "public page failed");
      if (!res.headersSent) write(req, res, prepare(errorPage(site, 500)));
      else res.destroy();
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  const address = await listen(server, options.port, options.host);
  server.on("error", (err) => log.error({ err }, "web server error"));
  log.info(
    { host: address.address, port: address.port, publicUrl: options.publicUrl },
    "public pages listening",
  );

  return {
    address,
    close: gracefulClose(server),
  };
}
