// PLACEHOLDER engine (replaced by the ranked engine): substring match over all text.
import type { Catalog } from "../catalog.ts";
import type { SearchRequest } from "../grammar.ts";
import type { Talk } from "../talk.ts";

export interface EngineHit {
  readonly talk: Talk;
  readonly score: number;
  readonly matched: readonly string[];
}
export interface SearchResult {
  readonly hits: readonly EngineHit[];
  readonly corrections: readonly string[];
}
export interface SearchEngine {
  search(request: SearchRequest, limit: number): SearchResult;
  popularTopics(n: number): readonly string[];
}

export function createSearchEngine(catalog: Pick<Catalog, "talks">): SearchEngine {
  return {
    search(request, limit) {
      const words = [...request.words, ...request.phrases].map((w) => w.toLowerCase());
      const hits = catalog.talks
        .filter((t) => {
          const hay = [t.title, t.summary, ...t.keyPoints, ...t.topics, ...t.speakers]
            .join(" ")
            .toLowerCase();
          return words.every((w) => hay.includes(w));
        })
        .slice(0, limit)
        .map((talk) => ({ talk, score: 1, matched: words }));
      return { hits, corrections: [] };
    },
    popularTopics: (n) => ["numa", "vfio", "live-migration", "networking", "storage"].slice(0, n),
  };
}
