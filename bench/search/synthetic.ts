// Synthetic catalogs for the search benchmark: real talks re-mixed with varied words, so
// the vocabulary grows like a real catalog's would (not just copies of 70 talks).
import type { Talk } from "../../src/core/talk.ts";

/** A small seeded PRNG so every run builds the same catalog. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  "ka ro mi net vir tu io sched mem page dev blk xen qe mu lin ux arm pci hot plug map irq vec numa hv guest host dom zone core".split(
    " ",
  );

export function syntheticCatalog(real: readonly Talk[], size: number, seed = 42): Talk[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // A lexicon of made-up technical words, so synthetic talks add new vocabulary.
  const lexicon = Array.from({ length: 30_000 }, () => {
    const n = 2 + Math.floor(rand() * 3);
    return Array.from({ length: n }, () => pick(SYLLABLES)).join("");
  });
  const speakers = [...new Set(real.flatMap((t) => t.speakers))];
  const vary = (text: string) =>
    text
      .split(" ")
      .map((w) => (rand() < 0.25 ? pick(lexicon) : w))
      .join(" ");
  const out: Talk[] = [];
  for (let i = 0; i < size; i++) {
    const base = real[i % real.length]!;
    out.push({
      ...base,
      id: `${base.id}-syn-${i}`,
      title: `${vary(base.title)} ${pick(lexicon)}`,
      speakers: [pick(speakers), ...(rand() < 0.3 ? [`${pick(lexicon)} ${pick(lexicon)}`] : [])],
      year: 2005 + Math.floor(rand() * 21),
      summary: vary(base.summary),
      keyPoints: base.keyPoints.map(vary),
      topics: base.topics,
    });
  }
  return out;
}
