// The lists the public pages show, built once per catalog (a reload brings a new catalog
// and so a new index): talks by speaker, topic and event, newest first, and related talks.
import type { Catalog } from "../core/catalog.ts";
import type { Talk } from "../core/talk.ts";
import { speakerSlug } from "../render/web/paths.ts";
import { relatedIndex } from "./related.ts";

interface EventEntry {
  readonly name: string;
  readonly year: number;
  readonly talks: readonly Talk[];
}

interface CatalogIndex {
  speaker(slug: string): { readonly name: string; readonly talks: readonly Talk[] } | undefined;
  topic(slug: string): readonly Talk[] | undefined;
  event(id: string): EventEntry | undefined;
  /** Talks added on or after `since` (YYYY-MM-DD), latest first. */
  addedSince(since: string): readonly Talk[];
  /** Up to `max` talks sharing a speaker (worth 3) or topics (1 each) with `talk`. */
  related(talk: Talk, max: number): readonly Talk[];
}

const sortKey = (t: Talk) => `${t.year}${t.date ?? ""}`;
/** Newest first, then by title. */
function newestFirst(a: Talk, b: Talk): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? 1 : ka > kb ? -1 : a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function build(catalog: Catalog): CatalogIndex {
  const speakers = new Map<string, Talk[]>();
  const names = new Map<string, string>();
  const topics = new Map<string, Talk[]>();
  const events = new Map<string, Talk[]>();
  for (const talk of catalog.talks) {
    // A talk naming one person twice ("Jörg Rödel", "jorg rodel") is listed once.
    const slugs = new Set<string>();
    for (const name of talk.speakers) {
      const slug = speakerSlug(name);
      if (!slug || slugs.has(slug)) continue;
      slugs.add(slug);
      push(speakers, slug, talk);
      if (!names.has(slug)) names.set(slug, name);
    }
    for (const topic of new Set(talk.topics)) push(topics, topic, talk);
    push(events, talk.eventId, talk);
  }
  const newest = [...catalog.talks].sort(newestFirst);
  const rank = new Map(newest.map((t, i) => [t, i]));
  const byRank = (a: Talk, b: Talk) => rank.get(a)! - rank.get(b)!;
  for (const lists of [speakers, topics, events]) for (const l of lists.values()) l.sort(byRank);
  const related = relatedIndex(newest, rank, speakers, topics);
  const added = catalog.talks
    .filter((t) => t.added !== null)
    .sort((a, b) => (a.added! < b.added! ? 1 : a.added! > b.added! ? -1 : byRank(a, b)));

  return {
    speaker(slug) {
      const talks = speakers.get(slug);
      return talks ? { name: names.get(slug)!, talks } : undefined;
    },
    topic: (slug) => topics.get(slug),
    event(id) {
      const talks = events.get(id);
      return talks ? { name: talks[0]!.event, year: talks[0]!.year, talks } : undefined;
    },
    addedSince(since) {
      let n = 0;
      while (n < added.length && added[n]!.added! >= since) n++;
      return added.slice(0, n);
    },
    related(talk, max) {
      const at = rank.get(talk);
      return at === undefined ? [] : related.top(at, max).map((r) => newest[r]!);
    },
  };
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

export function catalogIndex(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = build(catalog);
    indexes.set(catalog, index);
  }
  return index;
}
