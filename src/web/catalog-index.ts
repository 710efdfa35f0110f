// The lists the public pages show, built once per catalog (a reload brings a new catalog
// and so a new index): talks by speaker, topic and event, newest first, and related talks.
// The build is written as steps (src/core/slices.ts): after a reload the server builds it
// in slices of a few ms (catalogIndexInSlices), so the chat bot in the same process keeps
// answering; built at once it held the event loop ~0.2 s at 10,000 talks. Nothing in a
// step grows with the catalog: STEP talks per step, the sort in runs (sort-steps.ts), and
// every list is filled in newest order, so none needs sorting.
import type { Catalog } from "../core/catalog.ts";
import { runSteps, SLICE_MS, turn } from "../core/slices.ts";
import type { Talk } from "../core/talk.ts";
import { speakerSlug } from "../render/web/paths.ts";
import { RELATED_SCAN, type RelatedIndex, relatedIndex } from "./related.ts";
import { sortSteps } from "./sort-steps.ts";

interface EventEntry {
  readonly name: string;
  readonly year: number;
  readonly talks: readonly Talk[];
}

export interface CatalogIndex {
  speaker(slug: string): { readonly name: string; readonly talks: readonly Talk[] } | undefined;
  topic(slug: string): readonly Talk[] | undefined;
  event(id: string): EventEntry | undefined;
  /** Talks added on or after `since` (YYYY-MM-DD), latest first. */
  addedSince(since: string): readonly Talk[];
  /** Up to `max` talks sharing a speaker (worth 3) or topics (1 each) with `talk`. */
  related(talk: Talk, max: number): readonly Talk[];
  /** Every talk, newest first (the order talk pages are prepared in ahead). */
  readonly newest: readonly Talk[];
}

/** Talks handled per step (~0.1–0.3 ms of work each). */
const STEP = 256;

/** A talk's list, and the places of its RELATED_SCAN newest talks (for related talks). */
interface List {
  readonly talks: Talk[];
  readonly places: number[];
}

function add<K>(map: Map<K, List>, key: K, talk: Talk, place: number): void {
  let list = map.get(key);
  if (!list) {
    list = { talks: [], places: [] };
    map.set(key, list);
  }
  list.talks.push(talk);
  if (list.places.length < RELATED_SCAN) list.places.push(place);
}

/** Newest first (a later year, then date: the larger key), then by title. */
function compare(keyA: string, titleA: string, keyB: string, titleB: string): number {
  if (keyA !== keyB) return keyA < keyB ? 1 : -1;
  return titleA < titleB ? -1 : titleA > titleB ? 1 : 0;
}

const sortKey = (talk: Talk) => `${talk.year}${talk.date ?? ""}`;

/**
 * `talk`'s place in `newest` (keys in `keyAt`), found by its sort key and title: a binary
 * search, then the few talks equal to it. (A Map of 10,000 talks to their places grew in
 * steps of 1-3 ms during the build.)
 */
function placeOf(
  newest: readonly Talk[],
  keyAt: readonly string[],
  talk: Talk,
): number | undefined {
  const key = sortKey(talk);
  let lo = 0;
  let hi = newest.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(keyAt[mid]!, newest[mid]!.title, key, talk.title) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (let p = lo; p < newest.length && keyAt[p] === key && newest[p]!.title === talk.title; p++)
    if (newest[p] === talk) return p;
  return undefined;
}

function* buildSteps(catalog: Catalog): Generator<void, CatalogIndex> {
  const all = catalog.talks;
  // Per talk (catalog order): its speakers' slugs, each once ("Jörg Rödel" and "jorg
  // rodel" are one person), and its sort key. A speaker's page is named as the catalog
  // first names them.
  const slugs: string[][] = [];
  const keys: string[] = [];
  const names = new Map<string, string>();
  for (let i = 0; i < all.length; i++) {
    const talk = all[i]!;
    const own: string[] = [];
    for (const name of talk.speakers) {
      const slug = speakerSlug(name);
      if (!slug || own.includes(slug)) continue;
      own.push(slug);
      if (!names.has(slug)) names.set(slug, name);
    }
    slugs.push(own);
    keys.push(sortKey(talk));
    if (i % STEP === STEP - 1) yield;
  }
  // Newest first (year, then date), then by title; equal ones in catalog order.
  const order = yield* sortSteps(
    all.map((_, i) => i),
    (a, b) => compare(keys[a]!, all[a]!.title, keys[b]!, all[b]!.title),
  );
  const newest: Talk[] = [];
  const keyAt: string[] = [];
  const speakers = new Map<string, List>();
  const topics = new Map<string, List>();
  const events = new Map<string, List>();
  const added: Talk[] = [];
  for (let place = 0; place < order.length; place++) {
    const i = order[place]!;
    const talk = all[i]!;
    newest.push(talk);
    keyAt.push(keys[i]!);
    for (const slug of slugs[i]!) add(speakers, slug, talk, place);
    for (const topic of new Set(talk.topics)) add(topics, topic, talk, place);
    add(events, talk.eventId, talk, place);
    if (talk.added !== null) added.push(talk);
    if (place % STEP === STEP - 1) yield;
  }
  // Latest added first; the same day newest first (they are in that order already).
  const byAdded = yield* sortSteps(added, (a, b) =>
    a.added! < b.added! ? 1 : a.added! > b.added! ? -1 : 0,
  );
  const places = (lists: Map<string, List>, keysOf: readonly string[]) =>
    keysOf.flatMap((k) => {
      const list = lists.get(k);
      return list ? [list.places] : [];
    });
  const related: RelatedIndex = relatedIndex(newest.length, (place) => {
    const talk = newest[place]!;
    return {
      bySpeaker: places(speakers, slugs[order[place]!]!),
      byTopic: places(topics, [...new Set(talk.topics)]),
    };
  });

  return {
    speaker(slug) {
      const list = speakers.get(slug);
      return list ? { name: names.get(slug)!, talks: list.talks } : undefined;
    },
    topic: (slug) => topics.get(slug)?.talks,
    event(id) {
      const talks = events.get(id)?.talks;
      return talks ? { name: talks[0]!.event, year: talks[0]!.year, talks } : undefined;
    },
    addedSince(since) {
      let n = 0;
      while (n < byAdded.length && byAdded[n]!.added! >= since) n++;
      return byAdded.slice(0, n);
    },
    related(talk, max) {
      const at = placeOf(newest, keyAt, talk);
      return at === undefined ? [] : related.top(at, max).map((r) => newest[r]!);
    },
    newest,
  };
}

/** A catalog's build: its steps, and what they built once done. */
interface Build {
  readonly steps: Generator<void, CatalogIndex>;
  index?: CatalogIndex;
  sliced?: Promise<CatalogIndex>;
}

const builds = new WeakMap<Catalog, Build>();

function buildOf(catalog: Catalog): Build {
  let build = builds.get(catalog);
  if (!build) {
    build = { steps: buildSteps(catalog) };
    builds.set(catalog, build);
  }
  return build;
}

/**
 * Runs `build`'s next step (all that are left with `all`). A step that throws (a bug) ends
 * the generator, so the build is dropped and the next call starts afresh.
 */
function step(catalog: Catalog, build: Build, all: boolean): void {
  try {
    if (all) build.index = runSteps(build.steps);
    else {
      const next = build.steps.next();
      // Done without an index: the generator threw under another caller.
      if (next.done && !next.value) throw new Error("the catalog index build failed");
      if (next.done) build.index = next.value;
    }
  } catch (error) {
    builds.delete(catalog);
    throw error;
  }
}

/** The index of `catalog`, built now if it is not yet (the rest of a sliced build included). */
export function catalogIndex(catalog: Catalog): CatalogIndex {
  const build = buildOf(catalog);
  if (!build.index) step(catalog, build, true);
  return build.index!;
}

/** Whether catalogIndex(catalog) answers without building anything. */
export function hasCatalogIndex(catalog: Catalog): boolean {
  return builds.get(catalog)?.index !== undefined;
}

/**
 * The index of `catalog` built in slices of about `sliceMs`, with an event-loop turn
 * between two (what a reload in a running bot uses). A catalogIndex() call meanwhile
 * finishes the same build at once; the slices then stop.
 */
export function catalogIndexInSlices(
  catalog: Catalog,
  sliceMs: number = SLICE_MS,
): Promise<CatalogIndex> {
  const build = buildOf(catalog);
  if (build.index) return Promise.resolve(build.index);
  build.sliced ??= (async () => {
    let sliceEnds = performance.now() + sliceMs;
    while (!build.index) {
      step(catalog, build, false);
      if (!build.index && performance.now() >= sliceEnds) {
        await turn();
        sliceEnds = performance.now() + sliceMs;
      }
    }
    return build.index;
  })();
  return build.sliced;
}
