// A search of filters only ("topic:live-migration", "speaker:bonzini year:2020"): every
// talk the filters allow. Talks that carry a topic asked for strongly (its words in the
// title, then the topics, then the abstract: the index's field weights) come first, so a
// recent talk tagged by a loose rule does not bury the talks about it; then newest first.
import type { SearchRequest } from "../search-request.ts";
import type { SearchIndex } from "./index/build.ts";
import type { Scorer } from "./index/scorer.ts";
import { firstInTieOrder, tieOrder, topCandidates } from "./index/top.ts";
import { topicConcepts } from "./query/filters.ts";
import type { Person } from "./query/person.ts";
import type { SynonymTable } from "./query/synonyms.ts";
import { settingFactor } from "./setting.ts";
import { TITLE_BONUS, titleShare, titleTerms } from "./title-match.ts";

/** How many of the strongest talks the title bonus may reorder (as a question's). */
const TITLE_WINDOW = 60;

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
  /** The people asked for (filters.ts askedPeople), or null: their talks are ordered by strength. */
  people: Person | null = null,
  /**
   * Talks carrying the VM setting (setting.ts), or null. A topic of the bot's list is
   * asked in its field: of talks carrying it alike, those about VMs come first (container
   * live migration after VM live migration), as for a question stating the setting.
   */
  carriers: Uint8Array | null = null,
): Listed {
  const docs: number[] = [];
  if (allowed) for (let d = 0; d < allowed.length; d++) if (allowed[d]) docs.push(d);
  const concepts = topicConcepts(request.topics, index, synonyms, false);
  if (concepts.length === 0) {
    const first = people
      ? strongestFirst(docs, limit, index, people)
      : firstInTieOrder(docs, limit, index.talks);
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
  // A title that names the topic ("Live Migration" for topic:live-migration) carries it
  // most strongly: the same title bonus a question gets (title-match.ts), over a window
  // wide enough that a title-named talk below the first page can still come up.
  const named = concepts.map(() => 1);
  const strong = topCandidates(found, Math.max(limit, TITLE_WINDOW), index.talks)
    .map((i) => {
      const d = found.docs[i]!;
      const share = titleShare(titleTerms(index.talks[d]!), concepts, named);
      const field = settingFactor(carriers, true, d);
      return { d, score: found.scores[i]! * (1 + TITLE_BONUS * share) * field };
    })
    .sort((a, b) => b.score - a.score || tieOrder(index.talks[a.d]!, index.talks[b.d]!))
    .slice(0, limit);
  const out = strong.map((c) => c.d);
  const scores = strong.map((c) => c.score);
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

/**
 * A name's talks ("speaker:stefan", "what did paolo present"): those of the speakers
 * strongest in the field first (field-strength.ts), each speaker's newest first.
 */
function strongestFirst(
  docs: readonly number[],
  limit: number,
  index: SearchIndex,
  people: Person,
): number[] {
  const strengths = people.strength();
  // The best few without sorting them all (top.ts): "speaker:mar" names ~750 talks.
  const ranked = {
    docs: Int32Array.from(docs),
    scores: Float64Array.from(docs, (d) => strengths.get(d) ?? 0),
    masks: new Uint32Array(docs.length),
    length: docs.length,
  };
  return topCandidates(ranked, limit, index.talks).map((i) => docs[i]!);
}
