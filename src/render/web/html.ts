// The helpers every public page goes through. Every piece of catalog or user text is
// untrusted (imported titles, names and abstracts may hold markup, javascript: URLs,
// bidi overrides, 5,000-character titles): it is cleaned of control and bidi characters,
// clipped to a budget so a page stays small, and escaped. Only http(s) URLs become links.
import { isClean, sanitizeInput } from "../../core/sanitize.ts";
import { escapeHtml as escapeAll, safeHref } from "../matrix/html.ts";

const SPECIAL = /[&<>"']/;

/** `value` with & < > " ' escaped (the same as matrix/html.ts's, without a pass when none). */
export const escapeHtml = (value: string): string =>
  SPECIAL.test(value) ? escapeAll(value) : value;

/** Longest piece of one field a page shows, in code points (a page stays under 30 kB). */
export const BUDGET = Object.freeze({
  title: 300,
  name: 120,
  line: 200,
  summary: 1_500,
  listSummary: 280,
  url: 300,
});

/** The index just after the first `count` code points of `value` (its length if it has fewer). */
function afterPoints(value: string, count: number): number {
  let at = 0;
  for (let n = 0; n < count && at < value.length; n++) {
    const unit = value.charCodeAt(at);
    // A high surrogate followed by a low one is one code point (as Array.from counts).
    const pair = unit >= 0xd800 && unit <= 0xdbff && (value.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
    at += pair ? 2 : 1;
  }
  return at;
}

/** `clean` (already cleaned) clipped to `max` code points with "…". */
function clip(clean: string, max: number): string {
  if (afterPoints(clean, max) >= clean.length) return clean;
  return `${clean.slice(0, afterPoints(clean, max - 1)).trimEnd()}…`;
}

/** Cleaned, clipped at a code point with "…", escaped. */
export function text(value: unknown, max: number = BUDGET.line): string {
  if (typeof value !== "string") return "";
  if (value.length > max) {
    // A long text (a summary in a list): when its first max + 1 code points are clean,
    // cleaning the whole would keep them as they are, and clipping keeps no more of them,
    // so only they are looked at, not the whole abstract.
    const head = value.slice(0, afterPoints(value, max + 1));
    if (isClean(head)) return escapeHtml(clip(head, max));
  } else if (isClean(value)) return escapeHtml(value);
  const clean = sanitizeInput(value);
  // UTF-16 length ≥ code points: most fields are short, and need no clipping.
  return escapeHtml(clean.length <= max ? clean : clip(clean, max));
}

/** An external link (http(s) only; anything else is shown as text, not a link). */
export function externalLink(url: string, label: string): string {
  const href = safeHref(url);
  if (href === null || href.length > 2_000) return text(label);
  return `<a href="${escapeHtml(href)}" rel="nofollow noopener noreferrer">${text(label)}</a>`;
}

/** An internal link: `path` is built by paths.ts (already encoded), `base` the PUBLIC_URL path. */
export function pageLink(base: string, path: string, html: string): string {
  return `<a href="${escapeHtml(base + path)}">${html}</a>`;
}

/** What every page is rendered with: where the site lives and the stylesheet's address. */
export interface Site {
  /** PUBLIC_URL's path, without a trailing slash ("" at the root of a host). */
  readonly base: string;
  /** The stylesheet's path (content-hashed, cached for a year). */
  readonly style: string;
}

interface PageParts {
  readonly title: string;
  /** The main content (already HTML). */
  readonly main: string;
  /** What the search box holds. */
  readonly query?: string;
  /** Alternate representations: feeds and calendars, [type, path, title]. */
  readonly alternates?: readonly (readonly [string, string, string])[];
}

/** The whole document: header with the search box, main, footer. No script anywhere. */
export function document(site: Site, parts: PageParts): string {
  const b = site.base;
  const alternates = (parts.alternates ?? [])
    .map(
      ([type, path, title]) =>
        `<link rel="alternate" type="${type}" href="${escapeHtml(b + path)}" title="${text(title)}">`,
    )
    .join("");
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${text(parts.title, 120)} · virt-talks</title>`,
    `<link rel="stylesheet" href="${escapeHtml(b + site.style)}">${alternates}</head><body>`,
    `<header><a class="site" href="${escapeHtml(`${b}/`)}">virt-talks</a>`,
    `<form role="search" action="${escapeHtml(`${b}/`)}" method="get">`,
    '<label class="vh" for="q">Search talks</label>',
    `<input id="q" name="q" type="search" value="${text(parts.query ?? "", 200)}" placeholder="numa, speaker:arcangeli">`,
    "<button>Search</button></form>",
    `<nav aria-label="Pages"><a href="${escapeHtml(`${b}/today`)}">Today</a> <a href="${escapeHtml(`${b}/new`)}">New</a></nav></header>`,
    `<main>${parts.main}</main>`,
    "<footer><p>Linux virtualization conference talks (KVM, QEMU, Xen). ",
    `Feeds: ${pageLink(b, "/new.atom", "new talks (Atom)")} · ${pageLink(b, "/today.ics", "talk of the day (iCalendar)")}.</p></footer>`,
    "</body></html>",
  ].join("");
}
