// The public pages' own HTTP listener (WEB_PORT), apart from the operator server (PORT):
// nothing routed here can reach /admin/*, /metrics, /healthz or /slack/events, whatever a
// proxy in front forwards. GET and HEAD only; a token bucket per client address; every
// answer carries Cache-Control, an ETag (304 on If-None-Match) and a Content-Security-Policy
// that allows no script at all. Answers that are dear to build (searches, lists, feeds) are
// kept (per catalog and day) so one asked for again costs a lookup; a talk page is built
// afresh each time (cheaper than keeping it), and so is an answer of the moment (see
// WebResponse.uncached).
import { randomBytes } from "node:crypto";
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
import { catalogIndexInSlices, hasCatalogIndex } from "./catalog-index.ts";
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

/** The query of an address without one (respond() only reads it). */
const NO_PARAMS = new URLSearchParams();

/** How often the pages look for a reloaded catalog when no request comes (ms). */
const FOLLOW_MS = 250;

const WEB_RATE_LIMIT: RateLimitOptions = Object.freeze({ burst: 60, perSecond: 10 });

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log = options.logger.child({ component: "web" });
  // The pages follow the library's core once its catalog's lists and related talks are
  // built (catalog-index.ts): at start-up before listening, and after a reload in slices of
  // a few ms (built at once they held the event loop ~0.2 s at 10,000 talks, and the chat
  // bot answers from this process too). Until then the pages stay on the catalog before,
  // whole, so no request waits for the build or blocks the loop with it.
  const { library } = options;
  let serving = library.current();
  await catalogIndexInSlices(serving.catalog);
  let building: Core | null = null;
  const follow = () => {
    const latest = library.current();
    if (latest === serving || latest === building) return;
    if (hasCatalogIndex(latest.catalog)) {
      serving = latest;
      building = null;
      return;
    }
    building = latest;
    catalogIndexInSlices(latest.catalog)
      // Pages that need the lists then fail on their own (500); the rest are served.
      .catch((err: unknown) => log.error({ err }, "building the public pages' lists failed"))
      .then(() => {
        // A later reload may have overtaken this one: that core is followed instead.
        if (building === latest) {
          serving = latest;
          building = null;
        }
      });
  };
  // Looked at on every request too; the timer notices a reload within FOLLOW_MS when no
  // request comes, so the lists are ready before the first visitor after it.
  const following = setInterval(follow, FOLLOW_MS);
  following.unref();
  const clock = options.clock ?? Date.now;
  const base = new URL(options.publicUrl).pathname.replace(/\/+$/, "");
  const site: Site = { base, style: STYLE_PATH };
  const limiter = createRateLimiter({ ...WEB_RATE_LIMIT, ...options.rateLimit });
  // Each core (a reload brings a new one) gets a version for the ETags of what depends only
  // on the catalog: this process's own random id and the core's number, so a restart (with
  // another catalog or other code) never repeats one. And a cache of its own, bounded by
  // bytes too (16 MB).
  const boot = randomBytes(6).toString("base64url");
  let cores = 0;
  const perCore = new WeakMap<Core, { version: string; cache: LRUCache<string, Prepared> }>();
  const stateOf = (core: Core) => {
    let state = perCore.get(core);
    if (!state) {
      state = {
        version: `${boot}-${++cores}`,
        cache: new LRUCache({
          max: 2_000,
          maxSize: 16 << 20,
          sizeCalculation: (p) => p.bytes + 512,
        }),
      };
      perCore.set(core, state);
    }
    return state;
  };
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
    follow();
    const core = serving;
    const { version, cache } = stateOf(core);
    const now = clock();
    const date = today(now);
    if (req.method !== "GET" && req.method !== "HEAD") {
      write(req, res, prepare(errorPage(site, 405, { allow: "GET, HEAD" }), version, date));
      return;
    }
    if (limiter.take(client(req), now) !== "ok") {
      write(req, res, prepare(errorPage(site, 429, { "retry-after": "5" }), version, date));
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    let path = url.pathname;
    // Behind a proxy that keeps PUBLIC_URL's path (/virt/talks/x), take it off.
    if (base && (path === base || path.startsWith(`${base}/`)))
      path = path.slice(base.length) || "/";
    const key = `${date}\u0000${path}\u0000${url.search}`;
    let prepared = cache.get(key);
    if (!prepared) {
      const ctx: PageContext = { core, publicUrl: options.publicUrl, site, today: date };
      // url.searchParams is built on first use (~10 µs); a talk page has no query.
      const params = url.search === "" ? NO_PARAMS : url.searchParams;
      prepared = prepare(respond(ctx, path, params), version, date);
      if (prepared.keep && (prepared.status === 200 || prepared.status === 404))
        cache.set(key, prepared);
    }
    write(req, res, prepared);
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
    close: (graceMs) => {
      clearInterval(following);
      return closeServer(graceMs);
    },
  };
}
