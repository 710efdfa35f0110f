// Talk pages as bytes, prepared ahead for every talk of the catalog in use, so a request
// for one is a lookup and a write, close to a fixed response. Rendered on each request, a
// talk page cost the server ~150-190 µs of CPU against a bare node:http server's ~50 for a
// fixed page (routing, related talks, HTML, the string encoded to UTF-8 in the write), and
// its p99 under bench:web's load was 2-5× the bare server's.
// A store belongs to one core (serving.ts): a reload brings a new store, so the page of a
// changed talk is never served from the catalog before. Bounded by bytes (TALK_PAGE_BYTES):
// preparing stops at the bound, and a page asked for that was not prepared is rendered on
// demand and kept in place of the least recently used.
import { LRUCache } from "lru-cache";
import type { Talk } from "../core/talk.ts";
import { paths } from "../render/web/paths.ts";
import type { Prepared } from "./prepare.ts";

/** A prepared page with its body as UTF-8 bytes, written as they are. */
export type Ready = Omit<Prepared, "body"> & { readonly body: Buffer };

/** Talk pages by path (PUBLIC_URL's path off), as URL parsing leaves a path. */
export type TalkPageStore = LRUCache<string, Ready>;

/**
 * The default bound: 64 MB holds every page of ~13,500 talks (bench:web -- --memory: 10,000
 * pages took 47 MB, ~4.1 kB of HTML and ~0.6 kB of heap each).
 */
export const TALK_PAGE_BYTES = 64 << 20;

/**
 * What a kept page costs beyond its body: the Buffer, its headers, the store's entry
 * (bench:web -- --memory: ~0.6 kB of heap a page at 10,000 talks).
 */
export const ENTRY_BYTES = 640;

const sizeOf = (page: Ready) => page.body.length + ENTRY_BYTES;

export function createTalkPageStore(maxBytes: number = TALK_PAGE_BYTES): TalkPageStore {
  return new LRUCache({ maxSize: maxBytes, sizeCalculation: sizeOf });
}

export const ready = (page: Prepared): Ready => ({ ...page, body: Buffer.from(page.body, "utf8") });

/**
 * Whether `path` is one URL parsing leaves as it is: only such a path can be asked for by
 * a request target of the same characters (an id of ".." would make "/talks/..", which
 * parses as "/").
 */
const asParsed = (path: string) => new URL(path, "http://localhost").pathname === path;

/**
 * The kept page a request target (PUBLIC_URL's path off) names, when the target is a plain
 * path: a kept path parses to itself, so the target asks for exactly that page.
 */
export function keptAt(store: TalkPageStore, target: string): Ready | undefined {
  return target.includes("?") ? undefined : store.get(target);
}

/**
 * `page`, the talk page at `path` rendered on demand, as bytes; kept only when `path` is the
 * talk's own address (Prepared.talkPath) as a request names it. Another spelling decodes to
 * the same talk ("/talks/%6bvm-…", lower-case hex, "/%74alks/…"): were it kept too, each
 * would be one more copy of the page, and once the store is full would push out a prepared one.
 */
export function keepPage(store: TalkPageStore, path: string, page: Prepared): Ready {
  const bytes = ready(page);
  if (path === page.talkPath && asParsed(path)) store.set(path, bytes);
  return bytes;
}

/** Gets between two yields while putting the prepared pages in order. */
const ORDER_STEP = 1_024;

/**
 * Steps that prepare the page of each of `talks` not kept yet into `store`, one talk a
 * step, by `page(path)` (what a request of the path answers). They stop when the next page
 * would pass the store's bound, or when `current()` says a reload has put another core in
 * use. A talk whose page throws is left out (`failed` hears of it; a request of it renders it
 * anew), and the rest are prepared. When the store is still in use, the first of
 * `talks` are then made the most recently used, so a page rendered on demand later takes
 * the place of the last prepared. Returns how many pages they prepared.
 */
export function* fillSteps(
  store: TalkPageStore,
  talks: readonly Talk[],
  page: (path: string) => Prepared,
  current: () => boolean,
  failed: (talk: Talk, err: unknown) => void,
): Generator<void, number> {
  const made: string[] = [];
  for (const talk of talks) {
    if (!current()) break;
    const path = paths.talk(talk.id);
    if (store.has(path) || !asParsed(path)) continue;
    let prepared: Prepared;
    try {
      prepared = page(path);
    } catch (err) {
      failed(talk, err);
      yield;
      continue;
    }
    if (prepared.talkPath !== path || prepared.status !== 200) continue;
    const bytes = ready(prepared);
    if (store.calculatedSize + sizeOf(bytes) > store.maxSize) break;
    store.set(path, bytes);
    made.push(path);
    yield;
  }
  // Stopped by a reload or a close: nobody serves from this store any more, so putting it
  // in order would only hold it (and the event loop) longer.
  for (let i = made.length - 1; i >= 0 && current(); i--) {
    store.get(made[i]!);
    if (i % ORDER_STEP === 0) yield;
  }
  return made.length;
}
