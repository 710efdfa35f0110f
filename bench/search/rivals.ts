// The other engines bench:search puts beside ours: MiniSearch and FlexSearch, configured to
// do the same job as fairly as their options allow (see bench/search.ts's header).
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
interface FlatTalk {
  [field: string]: string | number;
  id: number;
  title: string;
  speakers: string;
  summary: string;
  keyPoints: string;
  topics: string;
  event: string;
}

const FIELDS = ["title", "speakers", "summary", "keyPoints", "topics", "event"] as const;

function flatten(t: Talk, id: number): FlatTalk {
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
function plainText(r: SearchRequest): string {
  return [...r.words, ...r.phrases, ...r.speakers, ...r.events, ...r.topics].join(" ");
}

/** Words of four letters or more may be one edit off per 5 letters (at most 3), like ours. */
const fuzzy = (term: string) => (term.length >= 4 ? 0.2 : false);

const miniSearch: Contender = {
  name: "MiniSearch",
  build(talks) {
    const ms = new MiniSearch<FlatTalk>({ fields: [...FIELDS], idField: "id" });
    ms.addAll(talks.map(flatten));
    const boost = Object.fromEntries(FIELDS.map((f) => [f, RANKING.fields[f].weight]));
    return (r, limit) => {
      const years = r.years;
      const hits = ms.search(plainText(r), {
        boost,
        fuzzy,
        maxFuzzy: 3,
        prefix: false,
        combineWith: "OR",
        filter: years
          ? (h) =>
              talks[h.id as number]!.year >= years.from && talks[h.id as number]!.year <= years.to
          : undefined,
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
