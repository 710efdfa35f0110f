// A page as HTTP sends it: its length in bytes, its ETag, and every header (caching, the
// Content-Security-Policy that allows no script, and the page's own). The body stays a
// string: node writes headers and a string body in one go, where a Buffer body made for one
// answer costs an encoding pass of our own and a second chunk. Only a page kept in the
// talk-page store is turned into bytes, once (talk-page-store.ts).
import { createHash } from "node:crypto";
import type { WebResponse } from "./response.ts";

const SECURITY_HEADERS = Object.freeze({
  "content-security-policy":
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
});

export interface Prepared {
  readonly status: number;
  readonly headers: Record<string, string | number>;
  readonly body: string;
  /** The body's length in UTF-8 bytes. */
  readonly bytes: number;
  readonly etag: string;
  /**
   * Where the server keeps it: the page cache, the talk-page store (WebResponse.talkPage),
   * or nowhere (WebResponse.uncached).
   */
  readonly keep: "cache" | "talk-pages" | null;
  /** A talk page's own address (WebResponse.talkPage): the one path it is kept under. */
  readonly talkPath?: string;
}

/**
 * `version` names the catalog in use and `date` today's: together with the address they
 * decide every response that says what it depends on (`r.depends`), so they make a strong
 * validator without hashing the body (a sha1 of a 4 kB page and its Buffer cost ~12 µs of a
 * talk page's CPU, bench:web -- --page-cpu). Any other response is tagged by a hash of its body.
 */
export function prepare(r: WebResponse, version: string, date: string): Prepared {
  const bytes = Buffer.byteLength(r.body, "utf8");
  const etag =
    r.depends === "catalog"
      ? `"${version}"`
      : r.depends === "day"
        ? `"${version}-${date}"`
        : `"${createHash("sha1").update(r.body, "utf8").digest("base64url")}"`;
  const cache = r.maxAge > 0 ? `public, max-age=${r.maxAge}` : "no-store";
  const headers: Record<string, string | number> = {
    "content-type": r.type,
    "content-length": bytes,
    "cache-control": r.maxAge >= 31_536_000 ? `${cache}, immutable` : cache,
    etag,
    ...SECURITY_HEADERS,
    ...r.headers,
  };
  const page = { status: r.status, headers, body: r.body, bytes, etag };
  if (r.talkPage) return { ...page, keep: "talk-pages", talkPath: r.talkPage };
  return { ...page, keep: r.uncached ? null : "cache" };
}
