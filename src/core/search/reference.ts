// The definition of ranking, written plainly: one talk at a time, no posting lists, no
// scratch buffers, no top-k tricks. index/ (build, scorer, top) computes the same ranking
// fast; test/core/search/reference.test.ts checks on random catalogs that it does. Read
// this file to know what a score means; read index/ to know how it is made quick.
//
// A talk's score for a query:
// 1. Each field's text becomes terms (tokenize.ts). A term's pseudo frequency in a talk is
//    the sum, over its occurrences, of the field's weight divided by the field's length
//    normalisation 1 - b + b * length / average length (BM25F), averages taken over the
//    whole catalog and a length at least RANKING.shortest of the average (stubs).
// 2. That frequency saturates: tf * (k1 + 1) / (tf + k1), and is multiplied by the term's
//    rarity in the catalog, idf = ln(1 + (N - df + 0.5) / (df + 0.5)).
// 3. A concept of the query scores its best alternative: the alternative's weight times
//    the greatest of its terms' values, when the talk holds every one of them; an adjacent
//    alternative counts only where they stand in order in one field of the talk's text
//    with at most PHRASE_SLACK other words between neighbours, or PHRASE_APART of that
//    where a word of it is in neither the talk's text nor its event's name; a compound's
//    parts typed count in full where they stand together or a compound of the text holds
//    them run together, COMPOUND_APART elsewhere (phraseFactor).
// 4. A concept's information is the idf of the talks its alternatives match (concepts.ts). A talk that matches concepts carrying enough of the query's
//    information (and every required one, and passes the filters) scores the sum of its
//    concepts' scores times the share of information it matched.
// 5. Talks are ordered by score, then newest first, then by title and id.
//
// Values are rounded to float32 where the index stores them that way, so that both give
// the same numbers, not merely close ones.
import type { Talk } from "../talk.ts";
import { EITHER_REST } from "./index/either-groups.ts";
import { averageLengths, fieldTexts, normalisedLength } from "./index/fields.ts";
import { FIELDS, type FieldName, idf, RANKING } from "./index/ranking.ts";
import { tieOrder } from "./index/top.ts";
import { PHRASE_SLACK, phraseFactor } from "./query/alternatives.ts";
import type { Concept } from "./query/compile.ts";
import { forEachWord, indexTerms, keep, rawWords, stem } from "./query/tokenize.ts";

/**
 * A talk's texts as the phrase checks read them: the title, the names (one run), each key
 * point and the abstract, each as the stems of its words (a compound as one word).
 */
export function referenceWordOrder(talk: Talk): string[][] {
  const texts = [
    fieldTexts(talk, "title"),
    fieldTexts(talk, "summary"),
    ...fieldTexts(talk, "keyPoints").map((p) => [p]),
    fieldTexts(talk, "speakers"),
  ];
  return texts.map((parts) => {
    const out: string[] = [];
    for (const text of parts) forEachWord(text, (w) => keep(w) && out.push(stem(w)));
    return out;
  });
}

/**
 * Whether the terms stand in one of the texts in order, each next one among the
 * PHRASE_SLACK + 1 words after the previous (the first such one is taken).
 */
function standsIn(texts: readonly (readonly string[])[], terms: readonly string[]): boolean {
  return texts.some((words) =>
    words.some((w, i) => {
      if (w !== terms[0]) return false;
      let at = i;
      for (const want of terms.slice(1)) {
        const window = words.slice(at + 1, at + 2 + PHRASE_SLACK);
        const k = window.indexOf(want);
        if (k < 0) return false;
        at += 1 + k;
      }
      return true;
    }),
  );
}

/** The words of a talk's event's names, as typed and as stems (as build.ts keeps them). */
function eventWords(talk: Talk): Set<string> {
  const terms = new Set<string>();
  for (const w of rawWords(`${talk.event} ${talk.eventShort} ${talk.eventId}`))
    for (const s of [w.surface, ...w.parts]) terms.add(s).add(stem(s));
  return terms;
}

/** Each talk's fields as terms. */
function termsOf(talks: readonly Talk[]): Record<FieldName, string[]>[] {
  return talks.map(
    (t) =>
      Object.fromEntries(
        FIELDS.map((f) => [f, fieldTexts(t, f).flatMap((text) => indexTerms(text))]),
      ) as Record<FieldName, string[]>,
  );
}

/** Term → value per talk: the saturated, normalised, idf-weighted frequency (steps 1–2). */
export function referenceValues(talks: readonly Talk[]): Map<string, number>[] {
  const fields = termsOf(talks);
  const avg = averageLengths((d, i) => fields[d]![FIELDS[i]!].length, talks.length);
  const saturated = fields.map((f) => {
    const tf = new Map<string, number>();
    FIELDS.forEach((name, i) => {
      const terms = f[name];
      if (terms.length === 0) return;
      const { weight, b } = RANKING.fields[name];
      const norm = weight / (1 - b + (b * normalisedLength(terms.length, avg[i]!)) / avg[i]!);
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + norm);
    });
    const k1 = RANKING.k1;
    return new Map([...tf].map(([t, v]) => [t, Math.fround((v * (k1 + 1)) / (v + k1))]));
  });
  const df = new Map<string, number>();
  for (const s of saturated) for (const t of s.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const N = talks.length;
  return saturated.map(
    (s) => new Map([...s].map(([t, v]) => [t, Math.fround(v * idf(df.get(t)!, N))])),
  );
}

interface ReferenceQuery {
  readonly concepts: readonly Concept[];
  /** Each concept's information, the share of it a talk must match, and the total. */
  readonly info: readonly number[];
  readonly needInfo: number;
  readonly totalInfo: number;
  /** Concepts every talk must match, a bit each. */
  readonly requiredMask: number;
  /** Concepts of which every talk must match one, or 0. */
  readonly anyMask?: number;
  /** Alternatives said as one thing: their information counts once (scorer.ts). */
  readonly groups?: readonly { readonly mask: number; readonly info: number }[];
  readonly allowed: Uint8Array | null;
}

interface ReferenceHit {
  readonly talk: number;
  readonly score: number;
  /** Bit i set: concept i matched. */
  readonly mask: number;
}

/** Every talk the query matches, best first (steps 3–5). */
export function referenceRanking(
  talks: readonly Talk[],
  values: readonly Map<string, number>[],
  q: ReferenceQuery,
): ReferenceHit[] {
  const hits: ReferenceHit[] = [];
  talks.forEach((talk, d) => {
    if (q.allowed && !q.allowed[d]) return;
    const has = values[d]!;
    let mask = 0;
    const bests = q.concepts.map(() => 0);
    q.concepts.forEach((concept, bit) => {
      let best = 0;
      for (const alt of concept.alternatives) {
        if (!alt.terms.every((t) => has.has(t))) continue;
        let most = 0;
        for (const t of alt.terms) most = Math.max(most, has.get(t)!);
        const phrase = alt.adjacent && alt.terms.length > 1;
        if (phrase) {
          const texts = referenceWordOrder(talk);
          const event = eventWords(talk);
          most *= phraseFactor(
            standsIn(texts, alt.terms),
            alt.terms,
            (t) => texts.some((words) => words.includes(t)),
            (t) => event.has(t),
            () => texts.flat(),
            alt.compound === true,
          );
        }
        best = Math.max(best, most * alt.weight);
      }
      if (best > 0) {
        bests[bit] = best;
        mask |= 1 << bit;
      }
    });
    const groups = q.groups ?? [];
    // As the scorer adds them: groups said with "or" first (a talk's best concept of each,
    // EITHER_REST of the rest), then the other concepts in order.
    let total = 0;
    let grouped = 0;
    for (const g of groups) {
      const bits = bests.flatMap((_, bit) => (g.mask & (1 << bit) ? [bit] : []));
      if (bits.length < 2) continue;
      let most = 0;
      let sum = 0;
      for (const bit of bits) {
        grouped |= 1 << bit;
        if (bests[bit]! > 0) {
          sum += bests[bit]!;
          most = Math.max(most, bests[bit]!);
        }
      }
      if (sum > 0) total += most + EITHER_REST * (sum - most);
    }
    bests.forEach((best, bit) => {
      if (best > 0 && !(grouped & (1 << bit))) total += best;
    });
    let got = 0;
    q.concepts.forEach((_, bit) => {
      if (mask & (1 << bit) && !groups.some((g) => g.mask & (1 << bit))) got += q.info[bit]!;
    });
    for (const g of groups) if (mask & g.mask) got += g.info;
    if (got < q.needInfo || (mask & q.requiredMask) !== q.requiredMask) return;
    if (q.anyMask && (mask & q.anyMask) === 0) return;
    const coverage = got / q.totalInfo;
    hits.push({ talk: d, score: total * coverage, mask });
  });
  return hits.sort((a, b) => b.score - a.score || tieOrder(talks[a.talk]!, talks[b.talk]!));
}
