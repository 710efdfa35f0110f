// What a public address answers, before HTTP: shared by the pages (pages.ts) and the feeds
// (feeds.ts); src/web/server.ts turns it into a response with its caching headers.
import type { Core } from "../core/answer.ts";
import type { Site } from "../render/web/html.ts";

export interface WebResponse {
  readonly status: number;
  readonly type: string;
  readonly body: string;
  /** Seconds a browser or proxy may keep it (Cache-Control max-age). */
  readonly maxAge: number;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * What the body depends on besides its address: only the catalog in use ("catalog"), or
   * that and today's date ("day"). The ETag is then the catalog's version (and the date),
   * with no hashing of the body. Absent: it may depend on anything (the search answers on
   * the core's clock), and the ETag is a hash of the body.
   */
  readonly depends?: "catalog" | "day";
  /**
   * A talk's own page, set to its address (paths.talk(id)): prepared ahead for every talk of
   * a catalog and kept, as bytes, in the talk-page store (talk-page-store.ts) instead of the
   * page cache, under that address only (another spelling of it is answered, not kept).
   */
  readonly talkPage?: string;
  /**
   * Left out of the server's page cache: an answer of the "moment" (what runs now, a random
   * talk) that a kept copy would leave stale.
   */
  readonly uncached?: "moment";
}

export interface PageContext {
  /** The core in use (a reload swaps it). */
  readonly core: Core;
  /** PUBLIC_URL without a trailing slash. */
  readonly publicUrl: string;
  readonly site: Site;
  /** Today's date where the talk of the day is picked (TOTD_TIMEZONE). */
  readonly today: string;
}

export const WEB_DEFAULTS = Object.freeze({
  /** "Added lately": the last 30 days. */
  newDays: 30,
  related: 5,
  /** Cache lifetimes (s): pages change with a reload, the day, or never (the stylesheet). */
  pageMaxAge: 300,
  apiMaxAge: 60,
  styleMaxAge: 31_536_000,
  apiLimit: 5,
  apiMaxLimit: 50,
});
