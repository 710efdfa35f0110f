// The public pages' own HTTP listener (WEB_PORT), apart from the operator server (PORT):
// nothing routed here can reach /admin/*, /metrics, /healthz or /slack/events, whatever a
// proxy in front forwards. GET and HEAD only; a token bucket per client address; every
// answer carries Cache-Control, an ETag (304 on If-None-Match) and a Content-Security-Policy
// that allows no script at all. Talk pages are prepared ahead as bytes for the catalog in
// use (talk-page-store.ts, serving.ts); answers that are dear to build (searches, lists,
// feeds) are kept (per catalog and day) once asked for, so one asked for again costs a
// lookup; an answer of the moment is built afresh each time (WebResponse.uncached).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Core } from "../core/answer.ts";
import type { Library } from "../core/library.ts";
import { createRateLimiter, type RateLimitOptions } from "../core/rate-limit.ts";
import { gracefulClose, listen } from "../http/listen.ts";
import type { Logger } from "../log.ts";
import type { Site } from "../render/web/html.ts";
import { STYLE_PATH } from "../render/web/style.ts";
import { dateInZone } from "../totd/today.ts";
import { errorPage, respond } from "./pages.ts";
import { type Prepared, prepare } from "./prepare.ts";
import type { PageContext } from "./response.ts";
import { type CorePages, startServing } from "./serving.ts";
import { keepPage, keptAt, type Ready } from "./talk-page-store.ts";

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
  /** The bound of the talk pages prepared ahead, in bytes (TALK_PAGE_BYTES by default). */
  readonly talkPageBytes?: number;
}

export interface WebServer {
  readonly address: AddressInfo;
  /**
   * Resolves, with their count, once the talk pages of the catalog in use are prepared
   * (those that fit the bound); until then a talk page not yet prepared is rendered on demand.
   */
  talkPagesPrepared(): Promise<number>;
  close(graceMs?: number): Promise<void>;
}

/** The query of an address without one (respond() only reads it). */
const NO_PARAMS = new URLSearchParams();

const WEB_RATE_LIMIT: RateLimitOptions = Object.freeze({ burst: 60, perSecond: 10 });

/** The page `p`, or 304 to a request that holds it already (If-None-Match); HEAD without body. */
function write(req: IncomingMessage, res: ServerResponse, p: Prepared | Ready): void {
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

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log = options.logger.child({ component: "web" });
  const clock = options.clock ?? Date.now;
  const base = new URL(options.publicUrl).pathname.replace(/\/+$/, "");
  const site: Site = { base, style: STYLE_PATH };
  const limiter = createRateLimiter({ ...WEB_RATE_LIMIT, ...options.rateLimit });
  // Today's date, kept until the next whole minute: every zone's offset today is whole minutes,
  // so its date can only change on one, and dateInZone (a new Intl formatter, ~0.1–1 ms)
  // runs once a minute instead of once a second.
  let day = { from: Number.POSITIVE_INFINITY, until: 0, date: "" };
  const today = (now: number) => {
    if (now >= day.until || now < day.from)
      day = {
        from: now,
        until: (Math.floor(now / 60_000) + 1) * 60_000,
        date: dateInZone(new Date(now), options.timeZone),
      };
    return day.date;
  };
  const context = (core: Core, date: string): PageContext => ({
    core,
    publicUrl: options.publicUrl,
    site,
    today: date,
  });
  const serving = await startServing({
    library: options.library,
    log,
    ...(options.talkPageBytes ? { talkPageBytes: options.talkPageBytes } : {}),
    render(pages, path) {
      const date = today(clock());
      return prepare(respond(context(pages.core, date), path, NO_PARAMS), pages.version, date);
    },
  });

  function client(req: IncomingMessage): string {
    const direct = req.socket.remoteAddress ?? "unknown";
    if (!options.trustProxy) return direct;
    const forwarded = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")
      .pop()
      ?.trim();
    return forwarded || direct;
  }

  /** A path or request target without PUBLIC_URL's path (kept by a proxy: /virt/talks/x). */
  const unbased = (path: string) =>
    base && (path === base || path.startsWith(`${base}/`)) ? path.slice(base.length) || "/" : path;

  /** The answer to a GET of `url` (`path`: its path, PUBLIC_URL's path off). */
  function answer(pages: CorePages, path: string, url: URL, date: string): Prepared | Ready {
    // A talk page asked for with a query (which it ignores), as kept.
    const talk = pages.talkPages.get(path);
    if (talk) return talk;
    const key = `${date}\u0000${path}\u0000${url.search}`;
    const cached = pages.cache.get(key);
    if (cached) return cached;
    // url.searchParams is built on first use (~10 µs); most pages have no query.
    const params = url.search === "" ? NO_PARAMS : url.searchParams;
    const prepared = prepare(respond(context(pages.core, date), path, params), pages.version, date);
    if (prepared.status !== 200 && prepared.status !== 404) return prepared;
    if (prepared.keep === "talk-pages") return keepPage(pages.talkPages, path, prepared);
    if (prepared.keep === "cache") pages.cache.set(key, prepared);
    return prepared;
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    // Nothing here reads a body: one sent anyway is dropped with the connection.
    if (req.headers["content-length"] || req.headers["transfer-encoding"])
      res.shouldKeepAlive = false;
    const pages = serving.current();
    const now = clock();
    if (req.method !== "GET" && req.method !== "HEAD") {
      const page = errorPage(site, 405, { allow: "GET, HEAD" });
      write(req, res, prepare(page, pages.version, today(now)));
      return;
    }
    if (limiter.take(client(req), now) !== "ok") {
      const page = errorPage(site, 429, { "retry-after": "5" });
      write(req, res, prepare(page, pages.version, today(now)));
      return;
    }
    // A talk page prepared ahead, asked for by its path: its bytes go out as they are.
    const target = req.url ?? "/";
    const kept = keptAt(pages.talkPages, unbased(target));
    if (kept) {
      write(req, res, kept);
      return;
    }
    const url = new URL(target, "http://localhost");
    write(req, res, answer(pages, unbased(url.pathname), url, today(now)));
  }

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      log.error({ err, path: req.url?.split("?")[0] }, "public page failed");
      if (!res.headersSent) write(req, res, prepare(errorPage(site, 500), "", ""));
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

  const closeServer = gracefulClose(server);
  return {
    address,
    talkPagesPrepared: () => serving.prepared(),
    close: (graceMs) => {
      serving.stop();
      return closeServer(graceMs);
    },
  };
}
