// A search of filters only ("topic:live-migration", "speaker:bonzini year:2020"): every
// talk the filters allow. Talks that carry a topic asked for strongly (its words in the
// title, then the topics, then the abstract: the index's field weights) come first, so a
// recent talk tagged by a loose rule does not bury the talks about it; then newest first.
import type { SearchRequest } from "../grammar.ts";
import type { SearchIndex } from "./index/build.ts";
import type { Scorer } from "./index/scorer.ts";
import { firstInTieOrder, topCandidates } from "./index/top.ts";
import { topicConcepts } from "./query/filters.ts";
import type { SynonymTable } from "./query/synonyms.ts";

interface Listed {
  readonly docs: readonly number[];
  /** How strongly each listed talk carries the topics (0: only tagged, or no topic asked). */
  readonly scores: readonly number[];
  readonly total: number;
}

export function listFiltered(
  request: SearchRequest,
  allowed: Uint8Array | null,
  limit: number,
  index: SearchIndex,
  synonyms: SynonymTable,
  scorer: Scorer,
): Listed {
  const docs: number[] = [];
  if (allowed) for (let d = 0; d < allowed.length; d++) if (allowed[d]) docs.push(d);
  const concepts = topicConcepts(request.topics, index, synonyms, false);
  if (concepts.length === 0) {
    const first = firstInTieOrder(docs, limit, index.talks);
    return { docs: first, scores: first.map(() => 0), total: docs.length };
  }
  const n = concepts.length;
  const found = scorer.score({
    concepts,
    allowed,
    need: 1,
    info: concepts.map(() => 1),
    needInfo: 1,
    totalInfo: n,
    requiredMask: 0,
  });
  const strong = topCandidates(found, limit, index.talks);
  const out = strong.map((i) => found.docs[i]!);
  const scores = strong.map((i) => found.scores[i]!);
  if (out.length < limit) {
    const seen = new Set<number>();
    for (let i = 0; i < found.length; i++) seen.add(found.docs[i]!);
    const rest = firstInTieOrder(
      docs.filter((d) => !seen.has(d)),
      limit - out.length,
      index.talks,
    );
    out.push(...rest);
    scores.push(...rest.map(() => 0));
  }
  return { docs: out, scores, total: docs.length };
}
