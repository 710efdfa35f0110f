// A page as HTTP sends it: the body's bytes, its ETag, and every header (caching, the
// Content-Security-Policy that allows no script, and the page's own).
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
  readonly body: Buffer;
  readonly etag: string;
}

export function prepare(r: WebResponse): Prepared {
  const body = Buffer.from(r.body, "utf8");
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  const cache = r.maxAge > 0 ? `public, max-age=${r.maxAge}` : "no-store";
  const headers: Record<string, string | number> = {
    "content-type": r.type,
    "content-length": body.length,
    "cache-control": r.maxAge >= 31_536_000 ? `${cache}, immutable` : cache,
    etag,
    ...SECURITY_HEADERS,
    ...r.headers,
  };
  return { status: r.status, headers, body, etag };
}
