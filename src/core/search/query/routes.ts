// One score per thing asked: when two concepts of a query can match a talk through the
// same alternative ("passing a pci device … with vfio": the lay term leads to VFIO, and
// "vfio" is typed too), a talk saying that one thing scored it twice, and talks saying
// the thing the query names twice outranked those answering the rest of it. A shared
// alternative scores with the concept where it weighs most (typed beats a synonym beats
// a lay term's jargon; the earlier concept on a tie). In the others it still matches (a
// VFIO talk answers "vfio for passing a pci device") but adds next to nothing. Only what
// a concept holds as typed (its best weight) takes a route from the others: two lay
// phrases leading to the same jargon ("move a running vm … without downtime", both to
// live migration) each say what the talk answers, and a talk about high availability
// alone, matching the second in its own words, must not outrank the live migration one.
import type { Concept } from "./concept.ts";

/** The weight a shared alternative keeps where it does not score: it matches, no more. */
export const SHARED_ROUTE = 0.001;

export function oneScorePerRoute(concepts: readonly Concept[]): Concept[] {
  /** Alternative (its terms) → the concept it scores with and its weight there. */
  const owner = new Map<string, { at: number; weight: number }>();
  concepts.forEach((c, at) => {
    if (c.phrase || c.support) return;
    const typed = Math.max(...c.alternatives.map((alt) => alt.weight));
    for (const alt of c.alternatives) {
      if (alt.weight < typed) continue;
      const key = alt.terms.join(" ");
      const held = owner.get(key);
      if (!held || alt.weight > held.weight) owner.set(key, { at, weight: alt.weight });
    }
  });
  return concepts.map((c, at) => {
    if (c.phrase || c.support) return c;
    const shared = (terms: readonly string[]) => {
      const held = owner.get(terms.join(" "));
      return held !== undefined && held.at !== at;
    };
    if (!c.alternatives.some((alt) => shared(alt.terms))) return c;
    return {
      ...c,
      alternatives: c.alternatives.map((alt) =>
        shared(alt.terms) ? { ...alt, weight: alt.weight * SHARED_ROUTE } : alt,
      ),
    };
  });
}
