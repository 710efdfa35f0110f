// lunr 2.3.9 as a contender in bench:relevance, set up like MiniSearch in rivals.ts: the
// same six flattened fields with our field weights as build-time boosts, lunr's English
// pipeline (trimmer, stop words, Porter stemmer), any word may match (OR), and words of
// four letters or more may also match one edit per five letters (at most 3), weighted
// 0.45 as MiniSearch weighs its fuzzy matches. BM25 with lunr's own k1 1.2, b 0.75.
// The query is given as terms, never to lunr's query parser, which reads ':' '^' '~' '+'
// '-' as syntax and throws on user text such as "io_uring:" or "c++".
import lunr from "lunr";
import type { Talk } from "../../src/core/talk.ts";
import { BOOSTS, type Contender, FIELDS, FUZZY, flatten, MAX_FUZZY, plainText } from "./rivals.ts";

/** MiniSearch's default weight of a fuzzy match against an exact one. */
const FUZZY_WEIGHT = 0.45;

/** The pipeline lunr runs over every indexed field, run here over the query's words. */
const pipeline = new lunr.Pipeline();
pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);

/**
 * The query's terms as lunr indexed them: tokenized (whitespace and hyphens), lowercased,
 * trimmed of punctuation at both ends, stop words out, stemmed. '*' is taken out too:
 * lunr reads it as a wildcard even in a term given outside its query parser.
 */
export function lunrTerms(text: string): string[] {
  const terms = pipeline.run(lunr.tokenizer(text)).map((t) => t.toString().replaceAll("*", ""));
  return [...new Set(terms.filter((t) => t.length > 0))];
}

/** The edit distance a term may be off by: MiniSearch's rule (rivals.ts). */
export function editDistance(term: string): number {
  return term.length >= 4 ? Math.min(MAX_FUZZY, Math.round(term.length * FUZZY)) : 0;
}

export const lunrContender: Contender = {
  name: "lunr",
  build(talks: readonly Talk[]) {
    const index = lunr(function () {
      this.ref("id");
      for (const f of FIELDS) this.field(f, { boost: BOOSTS[f] ?? 1 });
      talks.forEach((t, i) => {
        this.add(flatten(t, i));
      });
    });
    return (r, limit) => {
      const terms = lunrTerms(plainText(r));
      const hits = index.query((q) => {
        for (const term of terms) {
          q.term(term, { usePipeline: false });
          const distance = editDistance(term);
          if (distance > 0)
            q.term(term, { usePipeline: false, editDistance: distance, boost: FUZZY_WEIGHT });
        }
      });
      return hits.slice(0, limit).map((h) => talks[Number(h.ref)]!);
    };
  },
};
