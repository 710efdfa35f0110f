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

/**
 * A concept that holds another's typed form at least at this share of its own weight says
 * that thing again ("uefi secure boot … secure boot", "virtual tpm … vtpm"): one thing
 * asked twice (concepts.ts counts the two once, as alternatives said with "or").
 */
export const RESTATED = 0.7;

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
  const says = restatements(concepts, owner);
  return concepts.map((c, at) => {
    if (c.phrase || c.support) return c;
    const shared = (terms: readonly string[]) => {
      const held = owner.get(terms.join(" "));
      return held !== undefined && held.at !== at;
    };
    if (!c.alternatives.some((alt) => shared(alt.terms))) return c;
    const restates = says[at];
    return {
      ...c,
      ...(restates === undefined ? {} : { restates }),
      alternatives: c.alternatives.map((alt) =>
        shared(alt.terms) ? { ...alt, weight: alt.weight * SHARED_ROUTE } : alt,
      ),
    };
  });
}

/**
 * Per concept, the concept it says again, if any: each leads to the other's typed form
 * ("vtpm" and "virtual tpm", "ksm" and "page sharing": synonyms), or it holds the other's
 * typed form at its own weight (one word typed in two forms). One leading to the other
 * only is a related thing asked beside it ("serverless" leads to firecracker, "embedded"
 * to arm, "manage vms" to libvirt): both are asked.
 */
function restatements(
  concepts: readonly Concept[],
  owner: ReadonlyMap<string, { at: number; weight: number }>,
): (number | undefined)[] {
  const leads = concepts.map((c, at) => {
    const to = new Map<number, number>();
    if (c.phrase || c.support) return to;
    const typed = Math.max(...c.alternatives.map((alt) => alt.weight));
    for (const alt of c.alternatives) {
      const held = owner.get(alt.terms.join(" "));
      if (held && held.at !== at && alt.weight >= RESTATED * typed)
        to.set(held.at, Math.max(to.get(held.at) ?? 0, alt.weight / typed));
    }
    return to;
  });
  return leads.map((to, at) => {
    for (const [j, share] of to) if (share >= 1 || leads[j]!.has(at)) return j;
    return undefined;
  });
}
