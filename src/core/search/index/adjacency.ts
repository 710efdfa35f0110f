// Whether runs of query terms stand in a talk as written: adjacent, in order, stop words
// skipped, within one field (title, summary or description, one key point, the names).
// Quoted phrases must; query words side by side (one word between allowed) earn a bonus. The index keeps each talk's
// terms in reading order (sequences.ts), so checking a candidate reads no text.
import type { SearchIndex } from "./build.ts";

/** A run of term ids; null when a term is in no talk at all (the run can never stand). */
export type Run = Int32Array | null;

export function toRun(terms: readonly string[], index: SearchIndex): Run {
  const run = new Int32Array(terms.length);
  for (let i = 0; i < terms.length; i++) {
    const id = index.termIds.get(terms[i]!);
    if (id === undefined) return null;
    run[i] = id;
  }
  return run;
}

/**
 * Sets found[i] to 1 for each run that stands in talk `d`, 0 for the others: the first
 * `exact` runs (quoted phrases) as written, the others allowing one word between
 * neighbours ("post-copy migration" stands in "Postcopy live migration").
 */
export function findRuns(
  index: SearchIndex,
  d: number,
  runs: readonly Run[],
  found: Uint8Array,
  exact = runs.length,
): void {
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    found[i] = run && index.sequences.contains(d, run, i < exact ? 0 : 1) ? 1 : 0;
  }
}
