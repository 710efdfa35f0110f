// The other engines bench:search puts beside ours: MiniSearch and FlexSearch, configured to
// do the same job as fairly as their options allow (see bench/search.ts's header); lunr
// (bench/search/lunr.ts) joins them in bench:relevance.
import { Document } from "flexsearch";
import MiniSearch from "minisearch";
import type { SearchRequest } from "../../src/core/grammar.ts";
import { RANKING } from "../../src/core/search/index/ranking.ts";
import type { Talk } from "../../src/core/talk.ts";

/** One engine under test: built over a catalog, then asked the same requests as ours. */
export interface Contender {
  readonly name: string;
  build(talks: readonly Talk[]): (request: SearchRequest, limit: number) => readonly Talk[];
}

/** The fields we index, as flat strings, keyed by the talk's position in the catalog. */
export interface FlatTalk {
  [field: string]: string | number;
  id: number;
  title: string;
  speakers: string;
  summary: string;
  keyPoints: string;
  topics: string;
  event: string;
}

export const FIELDS = ["title", "speakers", "summary", "keyPoints", "topics", "event"] as const;

export function flatten(t: Talk, id: number): FlatTalk {
  return {
    id,
    title: t.title,
    speakers: [...t.speakers, ...t.authors].join(", "),
    summary: t.summary,
    keyPoints: t.keyPoints.join(". "),
    topics: t.topics.join(" "),
    event: `${t.event} ${t.eventShort}`,
  };
}

/**
 * The request as one plain text query. Neither engine has our forgiving filters, so the
 * speaker:, event: and topic: values become query words (they are in the indexed fields)
 * and year: ranges become a filter on the results (MiniSearch) or are dropped (FlexSearch).
 */
export function plainText(r: SearchRequest): string {
  return [...r.words, ...r.phrases, ...r.speakers, ...r.events, ...r.topics].join(" ");
}

/** The request's year: range as a test of a talk (every talk passes when it has none). */
export function withinYears(r: SearchRequest): (talk: Talk) => boolean {
  const years = r.years;
  return years ? (t) => t.year >= years.from && t.year <= years.to : () => true;
}

/** Words of four letters or more may be one edit off per 5 letters (at most 3), like ours. */
export const FUZZY = 0.2;
export const MAX_FUZZY = 3;
const fuzzy = (term: string) => (term.length >= 4 ? FUZZY : false);

/** Our field weights, as MiniSearch's and lunr's field boosts (FlexSearch has none). */
export const BOOSTS = Object.fromEntries(FIELDS.map((f) => [f, RANKING.fields[f].weight]));

const miniSearch: Contender = {
  name: "MiniSearch",
  build(talks) {
    const ms = new MiniSearch<FlatTalk>({ fields: [...FIELDS], idField: "id" });
    ms.addAll(talks.map(flatten));
    return (r, limit) => {
      const inYears = withinYears(r);
      const hits = ms.search(plainText(r), {
        boost: BOOSTS,
        fuzzy,
        maxFuzzy: MAX_FUZZY,
        prefix: false,
        combineWith: "OR",
        filter: r.years ? (h) => inYears(talks[h.id as number]!) : undefined,
      });
      return hits.slice(0, limit).map((h) => talks[h.id as number]!);
    };
  },
};

const flexSearch: Contender = {
  name: "FlexSearch",
  build(talks) {
    // "tolerant" indexes each word with swapped and missing letters: typo tolerance close to
    // our correction. LatinBalance folds accents and similar-sounding letters.
    const doc = new Document<FlatTalk>({
      document: { id: "id", index: [...FIELDS] },
      tokenize: "forward",
      encoder: "LatinBalance",
      cache: false,
    });
    talks.forEach((t, i) => {
      doc.add(flatten(t, i));
    });
    return (r, limit) => {
      // suggest: a talk need not hold every word, as ours needs only most of a long query's.
      const hits = doc.search(plainText(r), { limit, suggest: true, merge: true });
      return hits.slice(0, limit).map((h) => talks[h.id as number]!);
    };
  },
};

export const RIVALS: readonly Contender[] = [miniSearch, flexSearch];
