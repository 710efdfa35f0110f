// Which of a query's concepts a talk's title names. BM25F counts the title as a heavier
// field, but term frequency saturates: a talk that says "placement" five times in its
// notes scores as much as one called "NUMA placement" that says it twice. A title says
// what a talk is about, so the engine gives the best few candidates a bonus for the share
// of the query's information their title names (engine.ts), outside the saturation.

import { LRUCache } from "lru-cache";
import type { Talk } from "../talk.ts";
import type { Concept } from "./query/compile.ts";
import { forEachWord, keep, queryStem } from "./query/tokenize.ts";
import { QUERY_WEIGHTS } from "./query/words.ts";

/** Score multiplier per share of the question's information the talk's title names. */
export const TITLE_BONUS = 0.5;

/**
 * Titles whose terms were read lately, and the stems of their words (queryStem). Stemming
 * is the slow part (about 50 µs a title with the Porter stemmer, 3 ms for the 60
 * candidates of a query); titles of a catalog share most of their words, and the same
 * talks come back for the same subjects. Bounded: an imported catalog may hold 100,000 talks.
 */
const titles = new LRUCache<Talk, ReadonlySet<string>>({ max: 20_000 });

/** The title's terms (stems, compounds joined and in parts), as the index reads them. */
export function titleTerms(talk: Talk): ReadonlySet<string> {
  let terms = titles.get(talk);
  if (!terms) {
    const out = new Set<string>();
    forEachWord(talk.title, (surface, parts) => {
      if (keep(surface)) out.add(queryStem(surface));
      if (parts) for (const p of parts) if (keep(p)) out.add(queryStem(p));
    });
    terms = out;
    titles.set(talk, terms);
  }
  return terms;
}

/**
 * What each concept counts for in a title: its information, and for a concept that only
 * supports the ranking (the topic a filter asks for) as much as the most telling concept
 * typed: a talk called "Live Migration" names what `topic:live-migration vms` asks for.
 */
export function titleInfo(concepts: readonly Concept[], info: readonly number[]): number[] {
  let most = 0;
  concepts.forEach((c, i) => {
    if (!c.support) most = Math.max(most, info[i]!);
  });
  return concepts.map((c, i) => (c.support ? most : info[i]!));
}

/**
 * The share of `info` (titleInfo) carried by the concepts the title names: every term of
 * one of their alternatives in the title, counted at that alternative's weight (a synonym
 * names it less than the word typed). A word of the question's setting said otherwise
 * ("qemu" for "virtual machines", at the context weight or less) does not name it.
 */
export function titleShare(
  title: ReadonlySet<string>,
  concepts: readonly Concept[],
  info: readonly number[],
): number {
  // Loops, no closures: the engine asks this of up to 120 candidates a query, and what each
  // call allocated was most of what a query left for the GC (bench:search, 12,000 talks).
  let total = 0;
  let named = 0;
  for (let i = 0; i < concepts.length; i++) {
    const c = concepts[i]!;
    total += info[i]!;
    let best = 0;
    // A typo's correction weighs less than a word typed right (a guess), but a title that
    // names it names what was asked as much: "Live Migration" for "qemu mirgation".
    const heaviest = c.corrected ? heaviestWeight(c.alternatives) : 1;
    const top = heaviest > 0 ? heaviest : 1;
    for (const a of c.alternatives) {
      const weight = a.weight / top;
      if (weight > Math.max(best, QUERY_WEIGHTS.context) && hasAll(title, a.terms))
        best = Math.min(1, weight);
    }
    named += info[i]! * best;
  }
  return total > 0 ? named / total : 0;
}

/** Math.max of the alternatives' weights (-Infinity for none, as Math.max() is). */
function heaviestWeight(alternatives: readonly { readonly weight: number }[]): number {
  let most = Number.NEGATIVE_INFINITY;
  for (const a of alternatives) most = Math.max(most, a.weight);
  return most;
}

function hasAll(title: ReadonlySet<string>, terms: readonly string[]): boolean {
  for (const t of terms) if (!title.has(t)) return false;
  return true;
}
