// A talk's links for the catalog: http(s) only, each with a kind; feedback forms and chat
// rooms dropped (they are for the day of the talk, not for later viewers).
import type { Link } from "../core/talk.ts";
import type { RawLink, RawLinkKind } from "./types.ts";

const MAX_LINKS = 6;
const MAX_URL = 500;

const DROPPED = [
  /feedback/i,
  /\bsurvey\b/i,
  /\bchat\b/i,
  /matrix\.to\//i,
  /\brocket\.chat\b/i,
  /\bslack\.com\b/i,
  /\bdiscord\.(gg|com)\b/i,
  /\bbbb\b|bigbluebutton/i,
  /\bjitsi\b|meet\.jit\.si/i,
];

/** A clean absolute http(s) URL, or null (javascript:, mailto:, relative, too long). */
export function httpUrl(raw: string, base?: string | null): string | null {
  const text = raw.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = base ? new URL(text, base) : new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password) return null;
  const href = url.href;
  return href.length <= MAX_URL ? href : null;
}

/** A file to download rather than a page to read, by the URL's path. */
const FILE =
  /\.(pdf|odp|ppt|pptx|key|zip|tar|gz|tgz|xz|mp4|webm|mkv|ogv|mp3|ogg|opus|png|jpe?g|svg)$/i;

const VIDEO_FILE = /\.(mp4|webm|mkv|ogv|mov|m4v)$/i;

function kindOf(link: RawLink, url: string): RawLinkKind {
  if (link.kind && link.kind !== "attachment") return link.kind;
  const label = `${link.title} ${url}`;
  if (/slides?\b|slide-?deck|presentation\.pdf/i.test(label)) return "slides";
  if (/video|recording|youtube\.com|youtu\.be|vimeo\.com|media\.ccc\.de|peertube/i.test(label))
    return "video";
  if (VIDEO_FILE.test(new URL(url).pathname)) return "video";
  // A plain <link> to a page (a project's site, a repository) is a website, not a file.
  if (link.kind === "attachment" || FILE.test(new URL(url).pathname)) return "attachment";
  return "website";
}

/**
 * The talk page first (its url, else base URL + slug), then slides, video and
 * attachments in source order, deduplicated, at most six.
 */
export function talkLinks(
  page: string | null,
  raw: readonly RawLink[],
  baseUrl: string | null,
): Link[] {
  const out: Link[] = [];
  const seen = new Set<string>();
  const add = (kind: Link["kind"], url: string | null) => {
    if (!url || seen.has(url) || out.length >= MAX_LINKS) return;
    if (DROPPED.some((re) => re.test(url))) return;
    seen.add(url);
    out.push({ kind, url });
  };
  // The title links only to a page: a talk "url" that is a file (a hand-made calendar's
  // URL: a recording) is listed by its kind instead, and the card has no page for it.
  const own = page ? httpUrl(page, baseUrl) : null;
  if (own && FILE.test(new URL(own).pathname)) add(kindOf({ url: own, title: "" }, own), own);
  else add("page", own);
  for (const link of raw) {
    if (DROPPED.some((re) => re.test(link.title))) continue;
    const url = httpUrl(link.url, baseUrl);
    if (url) add(kindOf(link, url), url);
  }
  return out;
}
