// The search engine: field-weighted term scoring (BM25F) over posting lists, with typo
// correction (fuse.js over the catalog's words), domain synonyms, filters, and a
// confidence cut-off so that a question no talk answers gets no answer at all.
import type { Catalog } from "../catalog.ts";
import type { SearchRequest } from "../grammar.ts";
import type { Talk } from "../talk.ts";
import { allowedTalks } from "./filters.ts";
import { buildIndex, type SearchIndex } from "./index.ts";
import { type Concept, compileQuery } from "./query.ts";
import { loadSynonyms, type SynonymTable } from "./synonyms.ts";
import { phraseTerms } from "./tokenize.ts";

export const SCORING = Object.freeze({
  /** Best-scoring talks checked for adjacency of the query words (a bonus). */
  proximityWindow: 60,
  /** Best-scoring talks checked for a quoted phrase (the rest are too weak to show). */
  phraseWindow: 120,
  /** Score multiplier when the query's words stand next to each other in a talk. */
  proximityBonus: 0.35,
  /**
   * How many of a query's concepts a talk must match: all of one or two, and more than
   * half of longer queries. This is the confidence cut-off: "kafka streams" matching
   * only "stream" is not an answer.
   */
  required: (concepts: number) => (concepts <= 2 ? concepts : Math.floor(concepts / 2) + 1),
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
}
export interface SearchEngine {
  search(request: SearchRequest, limit: number): SearchResult;
  popularTopics(n: number): readonly string[];
  readonly index: SearchIndex;
}

/**
 * A score at or below the `keep`-th best, found in linear time with a histogram: at
 * 100,000 talks, sorting every candidate's score would cost more than the search itself.
 */
function scoreThreshold(scores: readonly number[], keep: number): number {
  const BINS = 1024;
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max <= 0) return Number.NEGATIVE_INFINITY;
  const counts = new Uint32Array(BINS);
  for (const s of scores) counts[Math.min(BINS - 1, Math.floor((s / max) * BINS))]!++;
  let seen = 0;
  for (let b = BINS - 1; b >= 0; b--) {
    seen += counts[b]!;
    if (seen >= keep) return (b / BINS) * max;
  }
  return Number.NEGATIVE_INFINITY;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

/** Newer first, then title: the order of talks that score the same. */
function tieOrder(a: Talk, b: Talk): number {
  return b.year - a.year || a.title.localeCompare(b.title, "en") || a.id.localeCompare(b.id, "en");
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function talkSequences(t: Talk): string[][] {
  return [t.title, t.summary, ...t.keyPoints, [...t.speakers, ...t.authors].join(" ")].map(
    phraseTerms,
  );
}

export function createSearchEngine(
  catalog: Pick<Catalog, "talks">,
  synonyms: SynonymTable = loadSynonyms(),
): SearchEngine {
  const index = buildIndex(catalog.talks);
  const N = catalog.talks.length;
  // Scratch buffers reused by every query (searches run one at a time on the event loop).
  const total = new Float64Array(N);
  const mask = new Uint32Array(N);
  const best = new Float64Array(N);
  const altScore = new Float64Array(N);
  const altCount = new Uint8Array(N);

  /** Adds one concept's score (its best alternative per talk) into `total`; returns talks touched. */
  function scoreConcept(concept: Concept, bit: number, touched: number[]): void {
    const conceptTouched: number[] = [];
    for (const alt of concept.alternatives) {
      if (alt.terms.length === 1) {
        const list = index.postings.get(alt.terms[0]!);
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          const d = list.docs[i]!;
          const v = list.values[i]! * alt.weight;
          if (best[d] === 0) conceptTouched.push(d);
          if (v > best[d]!) best[d] = v;
        }
        continue;
      }
      const lists = alt.terms.map((t) => index.postings.get(t));
      if (lists.some((l) => !l)) continue;
      const altTouched: number[] = [];
      for (const list of lists) {
        for (let i = 0; i < list!.length; i++) {
          const d = list!.docs[i]!;
          if (altCount[d] === 0) altTouched.push(d);
          altCount[d]!++;
          altScore[d]! += list!.values[i]!;
        }
      }
      for (const d of altTouched) {
        if (altCount[d] === lists.length) {
          const v = altScore[d]! * alt.weight;
          if (best[d] === 0) conceptTouched.push(d);
          if (v > best[d]!) best[d] = v;
        }
        altCount[d] = 0;
        altScore[d] = 0;
      }
    }
    for (const d of conceptTouched) {
      if (best[d]! > 0) {
        if (mask[d] === 0) touched.push(d);
        total[d]! += best[d]!;
        mask[d]! |= 1 << bit;
      }
      best[d] = 0;
    }
  }

  function search(request: SearchRequest, limit: number): SearchResult {
    const allowed = allowedTalks(request, index, synonyms);
    const { concepts, corrections } = compileQuery(request, index, synonyms);

    if (concepts.length === 0) {
      // Filters only: every allowed talk, newest first.
      const talks: Talk[] = [];
      if (allowed) for (let d = 0; d < N; d++) if (allowed[d]) talks.push(index.talks[d]!);
      talks.sort(tieOrder);
      return {
        hits: talks.slice(0, limit).map((talk) => ({ talk, score: 0, matched: [] })),
        total: talks.length,
        corrections,
      };
    }

    const touched: number[] = [];
    for (const [bit, c] of concepts.entries()) scoreConcept(c, bit, touched);
    const need = SCORING.required(concepts.length);
    let phraseMask = 0;
    for (const [bit, c] of concepts.entries()) if (c.phrase) phraseMask |= 1 << bit;

    // Candidates: talks matching enough concepts (and every quoted phrase's words).
    const cd: number[] = [];
    const cs: number[] = [];
    const cm: number[] = [];
    for (const d of touched) {
      const m = mask[d]!;
      const matched = popcount(m);
      if (matched >= need && (m & phraseMask) === phraseMask && (!allowed || allowed[d])) {
        const coverage = matched / concepts.length;
        cd.push(d);
        cs.push(total[d]! * coverage * coverage);
        cm.push(m);
      }
      total[d] = 0;
      mask[d] = 0;
    }

    // Only the best few are ranked in full: pick a score threshold with a native
    // typed-array sort instead of sorting every candidate with a comparator.
    const phrases = concepts.filter((c) => c.phrase).map((c) => c.alternatives[0]!.terms);
    const keep = Math.max(limit, phrases.length ? SCORING.phraseWindow : SCORING.proximityWindow);
    const threshold = cd.length > keep ? scoreThreshold(cs, keep) : Number.NEGATIVE_INFINITY;
    const picked = cd.map((_, i) => i).filter((i) => cs[i]! >= threshold);
    let candidates = picked.map((i) => ({ d: cd[i]!, score: cs[i]!, m: cm[i]! }));
    const unverified = cd.length - candidates.length;
    const byScore = (a: { d: number; score: number }, b: { d: number; score: number }) =>
      b.score - a.score || tieOrder(index.talks[a.d]!, index.talks[b.d]!);
    candidates.sort(byScore);

    // Quoted phrases must stand as written; adjacent query words earn a bonus.
    const typed = concepts.filter((c) => !c.phrase).map((c) => c.alternatives[0]!.terms);
    if (typed.length > 1 || phrases.length) {
      candidates = candidates.flatMap((c) => {
        const seqs = talkSequences(index.talks[c.d]!);
        if (!phrases.every((p) => seqs.some((s) => containsRun(s, p)))) return [];
        let pairs = 0;
        for (let i = 0; i + 1 < typed.length; i++) {
          const pair = [...typed[i]!, ...typed[i + 1]!];
          if (seqs.some((s) => containsRun(s, pair))) pairs++;
        }
        const bonus =
          typed.length > 1 ? 1 + (SCORING.proximityBonus * pairs) / (typed.length - 1) : 1;
        return [{ ...c, score: c.score * bonus }];
      });
      candidates.sort(byScore);
    }

    const hits = candidates.slice(0, limit).map((c) => ({
      talk: index.talks[c.d]!,
      score: Math.round(c.score * 1000) / 1000,
      matched: concepts.filter((_, bit) => c.m & (1 << bit)).map((x) => x.label),
    }));
    return { hits, total: candidates.length + unverified, corrections };
  }

  const topicsByUse = [...index.topicDocs]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([topic]) => topic)
    // Hypervisor names say little on their own; suggest subjects.
    .filter((t) => !["kvm", "xen", "qemu", "performance"].includes(t));

  return { search, popularTopics: (n) => topicsByUse.slice(0, n), index };
}
