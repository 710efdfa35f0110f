// The search engine: field-weighted term scoring (BM25F) over posting lists, with typo
// correction (fuse.js over the catalog's words), domain synonyms, filters, and a
// confidence cut-off so that a question no talk answers gets no answer at all.
import type { Catalog } from "../catalog.ts";
import type { SearchRequest } from "../search-request.ts";
import type { Talk } from "../talk.ts";
import { type SearchWords, wordData } from "../word-data.ts";
import { acceptance, weighted } from "./concepts.ts";
import { listFiltered } from "./filtered.ts";
import { thinAnswer, thinCarriers } from "./generic-words.ts";
import { onlyInPassing, weakMatch } from "./in-passing.ts";
import { findRuns, type Run, toRun } from "./index/adjacency.ts";
import { buildIndex, buildIndexInSlices, type SearchIndex } from "./index/build.ts";
import { Scorer } from "./index/scorer.ts";
import { tieOrder, topCandidates } from "./index/top.ts";
import { linkTable } from "./linked.ts";
import { compileQuery } from "./query/compile.ts";
import { carriedStrength } from "./query/field-strength.ts";
import { allowedTalks, askedPeople } from "./query/filters.ts";
import { catalogNames, statedFilters } from "./query/stated-filters.ts";
import { titleStems } from "./query/words.ts";
import { pastedLink, questionRules } from "./question-rules.ts";
import { recencyFactor } from "./recency.ts";
import { offField, settingCarriers, settingFactor } from "./setting.ts";
import { TITLE_BONUS, titleInfo, titleShare, titleTerms } from "./title-match.ts";

const SCORING = Object.freeze({
  /** Best-scoring talks checked for adjacency of the query words (a bonus). */
  proximityWindow: 60,
  /** Best-scoring talks checked for a quoted phrase (the rest are too weak to show). */
  phraseWindow: 120,
  /** Score multiplier when the query's words stand next to each other in a talk. */
  proximityBonus: 0.35,
});

export interface EngineHit {
  readonly talk: Talk;
  readonly score: number;
  readonly matched: readonly string[];
}
export interface SearchResult {
  readonly hits: readonly EngineHit[];
  /**
   * Every talk that matches, not just the `limit` returned: "Showing 1–3 of N". Exact,
   * except that a quoted phrase is verified only on the best `max(limit, phraseWindow)`.
   */
  readonly total: number;
  readonly corrections: readonly string[];
  /**
   * Of the best candidates ranked in full, how many a rule turned away (for explain):
   * matched only in passing by a question without the field's words, or weakly by such a
   * question of sentence length (in-passing.ts).
   */
  readonly turnedAway?: { readonly inPassing: number; readonly weak: number };
}
export interface SearchEngine {
  search(request: SearchRequest, limit: number): SearchResult;
  /** The phrases recent searches used, most recent first: what a reload warms (warm()). */
  phrasesInUse(max: number): string[];
  /** Works out those phrases over this engine's index, in steps (see slices.ts). */
  warm(phrases: readonly string[]): Generator<void, void>;
  popularTopics(n: number): readonly string[];
  readonly index: SearchIndex;
  /** The synonyms and chat words it understands questions with. */
  readonly words: SearchWords;
}

export function createSearchEngine(
  catalog: Pick<Catalog, "talks" | "dataDir">,
  words: SearchWords = wordData(catalog.dataDir),
): SearchEngine {
  const index = buildIndex(catalog.talks);
  for (const _ of perIndexTables(index, words.language));
  return engineOver(index, words);
}

/**
 * The tables each index keeps for questions (what titles name, which talks carry the VM
 * setting and how strongly, the catalog's years and event names, its links), worked out before the first
 * question rather than by it: built lazily, the first search after a start or reload
 * paid 10-20 ms for them at 12,000 talks. One table a step (warm() runs them in slices).
 */
function* perIndexTables(index: SearchIndex, language: SearchWords["language"]) {
  titleStems(index);
  yield;
  settingCarriers(index, language);
  yield;
  carriedStrength(index, language);
  yield;
  catalogNames(index);
  yield;
  linkTable(index);
  yield;
}

/** createSearchEngine with the index built in slices (a reload while answering). */
export async function createSearchEngineInSlices(
  catalog: Pick<Catalog, "talks" | "dataDir">,
  words: SearchWords = wordData(catalog.dataDir),
): Promise<SearchEngine> {
  return engineOver(await buildIndexInSlices(catalog.talks), words);
}

function engineOver(index: SearchIndex, words: SearchWords): SearchEngine {
  const { synonyms, language } = words;
  const N = index.talks.length;
  // Scratch state reused by every query (searches run one at a time on the event loop).
  const scorer = new Scorer(N, index.postings, index);

  function search(asked: SearchRequest, limit: number): SearchResult {
    // "vfio talks at fosdem 2020": the event and year said in words are its filters.
    const request = statedFilters(asked, index);
    // A talk's link pasted alone: the talks carrying it (linked.ts).
    const linked = pastedLink(request, index);
    if (linked) {
      const hits = linked
        .slice(0, limit)
        .map((d) => ({ talk: index.talks[d]!, score: 1, matched: [] }));
      return { hits, total: linked.length, corrections: [] };
    }
    // The people asked for, once: the filters keep their talks, the listing orders them.
    const people = askedPeople(request, index, language);
    const allowed = allowedTalks(request, index, synonyms, people);
    const { concepts, corrections } = compileQuery(request, index, synonyms, language);

    // A person's name alone is a speaker: filter of its own (person.ts).
    if (concepts.length === 0 || people?.alone) {
      const carriers = settingCarriers(index, language);
      const listed = listFiltered(
        request,
        allowed,
        limit,
        index,
        synonyms,
        scorer,
        people,
        carriers,
      );
      return {
        hits: listed.docs.map((d, i) => ({
          talk: index.talks[d]!,
          score: Math.round(listed.scores[i]! * 1000) / 1000,
          matched: [],
        })),
        total: listed.total,
        corrections,
      };
    }

    // Candidates: talks matching enough of the query's information, its most informative
    // concept and every quoted phrase.
    const accept = acceptance(concepts, index.postings, N);
    const found = scorer.score({ concepts: weighted(concepts, accept), allowed, ...accept });

    // Only the best few are ranked in full and checked for phrases and adjacency.
    const phrases = concepts
      .filter((c) => c.phrase)
      .map((c) => toRun(c.alternatives[0]!.terms, index));
    const keep = Math.max(limit, phrases.length ? SCORING.phraseWindow : SCORING.proximityWindow);
    let candidates = topCandidates(found, keep, index.talks).map((i) => ({
      d: found.docs[i]!,
      score: found.scores[i]!,
      m: found.masks[i]!,
    }));
    const unverified = found.length - candidates.length;
    const byScore = (a: { d: number; score: number }, b: { d: number; score: number }) =>
      b.score - a.score || tieOrder(index.talks[a.d]!, index.talks[b.d]!);

    // Quoted phrases must stand as written; adjacent query words earn a bonus, and so does
    // a title that names what was asked (title-match.ts).
    const typed = concepts
      .filter((c) => !c.phrase && !c.support)
      .map((c) => c.alternatives[0]!.terms);
    const pairs: Run[] = [];
    for (let i = 0; i + 1 < typed.length; i++)
      pairs.push(toRun([...typed[i]!, ...typed[i + 1]!], index));
    const runs = [...phrases, ...pairs];
    const stands = new Uint8Array(runs.length);
    const named = titleInfo(concepts, accept.info);
    // A question that says it is about VMs prefers the talks about them (setting.ts); one
    // without the field's words is not answered by a stray mention (in-passing.ts), and
    // one of sentence length needs a strong match, whatever its words name.
    const must = accept.requiredMask | accept.anyMask;
    const rules = questionRules(request, concepts, must, index, words);
    const { stated, plain, sentence, foreign, unstated, thin } = rules;
    const carriers = stated || unstated ? settingCarriers(index, language) : null;
    const thinOwn = thinCarriers(thin, index, words);
    const turnedAway = { inPassing: 0, weak: 0 };
    // A plain loop, no closure or copy per candidate (up to 120 a query): what they allocated
    // (tsx's __name wraps every closure) brought the next GC pause nearer.
    const ranked: typeof candidates = [];
    for (const c of candidates) {
      const talk = index.talks[c.d]!;
      if (plain && onlyInPassing(talk, concepts, c.m)) {
        turnedAway.inPassing++;
        continue;
      }
      if (
        foreign ||
        (sentence && (weakMatch(talk, concepts, c.m, language) || offField(carriers, c.d))) ||
        (thinOwn !== null && !thinAnswer(c.d, c.m, concepts, accept.info, thinOwn))
      ) {
        turnedAway.weak++;
        continue;
      }
      let bonus = 1;
      if (runs.length) {
        findRuns(index, c.d, runs, stands, phrases.length);
        // Every quoted phrase (the first runs) must stand: no 0 before the adjacent pairs'.
        const missing = stands.indexOf(0);
        if (missing !== -1 && missing < phrases.length) continue;
        let adjacent = 0;
        for (let i = phrases.length; i < runs.length; i++) adjacent += stands[i]!;
        if (typed.length > 1) bonus += (SCORING.proximityBonus * adjacent) / (typed.length - 1);
      }
      bonus += TITLE_BONUS * titleShare(titleTerms(talk), concepts, named);
      const recent = request.recent ? recencyFactor(index, c.d) : 1;
      const setting = settingFactor(carriers, stated, c.d);
      // Each candidate is this query's own object (made above): scored in place.
      c.score = c.score * bonus * setting * recent;
      ranked.push(c);
    }
    candidates = ranked;
    // A sentence stating no VM setting that no talk carrying it answers: another field's.
    if (unstated && carriers && candidates.every((c) => offField(carriers, c.d))) {
      turnedAway.weak += candidates.length;
      candidates = [];
    }
    candidates.sort(byScore);

    const hits = candidates.slice(0, limit).map((c) => ({
      talk: index.talks[c.d]!,
      score: Math.round(c.score * 1000) / 1000,
      matched: concepts.filter((_, bit) => c.m & (1 << bit)).map((x) => x.label),
    }));
    // The rest are weaker than the talks a plain question's stray mentions turned away.
    const total =
      (plain || sentence || unstated || foreign || thin) && candidates.length === 0
        ? 0
        : candidates.length + unverified;
    return { hits, total, corrections, turnedAway };
  }

  const topicsByUse = [...index.topicDocs]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([topic]) => topic)
    // Hypervisor names say little on their own; suggest subjects.
    .filter((t) => !["kvm", "xen", "qemu", "performance"].includes(t));

  return {
    search,
    phrasesInUse: (max) => scorer.alternatives.phrasesInUse(max),
    *warm(phrases) {
      yield* perIndexTables(index, language);
      yield* scorer.alternatives.warmPhrases(phrases);
    },
    popularTopics: (n) => topicsByUse.slice(0, n),
    index,
    words,
  };
}
