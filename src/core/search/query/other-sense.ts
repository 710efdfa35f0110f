// Synonyms read in another sense by the catalog being searched. A synonym is data written
// for the field ("venus", Mesa's Venus driver, for virtio-gpu), but the catalog decides
// what its word means there: "venus" stems to "venu", which every talk mentioning a venue
// holds, and at 12,000 talks those filled the ranks after the one virtio-gpu talk. A
// synonym far commoner in the catalog than what was typed, whose talks hardly ever say
// any other word of the concept, and which the talks saying what was typed hardly ever
// say, is another word there: it is left out of the concept.

import { LRUCache } from "lru-cache";
import type { SearchIndex } from "../index/build.ts";
import type { Alternative, OtherSense } from "./concept.ts";

export const OTHER_SENSE = Object.freeze({
  /** How many times more talks than the typed form's a synonym must have to be checked. */
  commoner: 4,
  /** Below this share of its talks saying another word of the concept, it is another word. */
  together: 0.1,
});

/**
 * The concept's alternatives without the synonyms (`expansion`, one word) that are another
 * word in this catalog (see above), and those left out. `typed`: the stems typed (or a
 * typo's correction), a phrase's counted by its rarest word; unchanged when the catalog
 * lacks them (the synonyms are then all there is to match).
 */
export function withoutOtherSenses(
  alternatives: readonly Alternative[],
  typed: readonly string[],
  index: SearchIndex,
): { alternatives: Alternative[]; left: OtherSense[] } {
  const df = (t: string) => index.postings.get(t)?.length ?? 0;
  const rarest = typed.reduce((a, b) => (df(b) < df(a) ? b : a));
  const typedTalks = df(rarest);
  const kept = [...alternatives];
  if (typedTalks === 0) return { alternatives: kept, left: [] };
  const suspects = alternatives.filter(
    (a) => oneWordExpansion(a) && df(a.terms[0]!) >= OTHER_SENSE.commoner * typedTalks,
  );
  if (suspects.length === 0) return { alternatives: kept, left: [] };
  const left: OtherSense[] = [];
  const every = alternatives.flatMap((a) => a.terms);
  for (const s of suspects) {
    const term = s.terms[0]!;
    const others = new Set(every);
    others.delete(term);
    // Both ways: few of its talks say the concept's other words, and few of the typed
    // form's talks say it ("irq" talks say "interrupt"; no virtio-gpu talk says "venue").
    const share = sharedShare(term, others, index);
    if (share >= OTHER_SENSE.together) continue;
    if (sharedShare(rarest, new Set([term]), index) >= OTHER_SENSE.together) continue;
    left.push({ term, talks: df(term), typedTalks, together: share });
  }
  const out = new Set(left.map((l) => l.term));
  return {
    alternatives: kept.filter((a) => !(oneWordExpansion(a) && out.has(a.terms[0]!))),
    left,
  };
}

/** A synonym of one word (what other senses are looked for in). */
const oneWordExpansion = (a: Alternative) => a.expansion === true && a.terms.length === 1;

/** Shares worked out per index (see sharedShare), bounded: questions may say anything. */
const shares = new WeakMap<SearchIndex, LRUCache<string, number>>();

/**
 * The share of the talks holding `term` that hold any of `others` too. Remembered: the
 * same synonyms come back, and a common one ("security", 1,300 talks of 12,000) costs a
 * pass over its talks and its concept's other words' talks.
 */
function sharedShare(term: string, others: ReadonlySet<string>, index: SearchIndex): number {
  let cache = shares.get(index);
  if (!cache) {
    cache = new LRUCache({ max: 4096 });
    shares.set(index, cache);
  }
  const key = `${term}\u0000${[...others].join(" ")}`;
  let share = cache.get(key);
  if (share === undefined) {
    share = countShared(term, others, index);
    cache.set(key, share);
  }
  return share;
}

function countShared(term: string, others: ReadonlySet<string>, index: SearchIndex): number {
  const list = index.postings.get(term);
  if (!list || list.length === 0) return 1;
  const mine = new Set<number>();
  for (let i = 0; i < list.length; i++) mine.add(list.docs[i]!);
  const both = new Set<number>();
  for (const o of others) {
    const l = index.postings.get(o);
    if (!l) continue;
    for (let i = 0; i < l.length; i++) if (mine.has(l.docs[i]!)) both.add(l.docs[i]!);
    if (both.size === mine.size) break;
  }
  return both.size / mine.size;
}
