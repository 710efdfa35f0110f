// The innermost loops of scoring a concept of several alternatives (scorer.ts): each
// talk's best alternative is kept, not their sum. Typed arrays only, no per-posting
// allocation; one loop per value array type so each stays monomorphic.
import type { Common } from "../query/alternatives.ts";
import type { PostingList } from "./postings.ts";

/** Per talk, the best score so far; the talks that have one; talks worth scoring (or null). */
export interface BestBuffers {
  readonly best: Float64Array;
  readonly conceptDocs: Int32Array;
  readonly filter: Uint32Array | null;
}

/** Keeps each (filtered) talk's best `value * weight` in `best`; returns the new count of `conceptDocs`. */
export function keepBest(
  { best, conceptDocs, filter }: BestBuffers,
  list: PostingList,
  weight: number,
  count: number,
): number {
  const { docs, values } = list;
  let n = count;
  for (let i = 0; i < list.length; i++) {
    const d = docs[i]!;
    if (filter !== null && (filter[d >>> 5]! & (1 << (d & 31))) === 0) continue;
    const v = values[i]! * weight;
    const b = best[d]!;
    if (v > b) {
      if (b === 0) conceptDocs[n++] = d;
      best[d] = v;
    }
  }
  return n;
}

/** keepBest for the talks common to several words (float64 values: a loop of its own). */
export function keepBestCommon(
  { best, conceptDocs, filter }: BestBuffers,
  common: Common,
  weight: number,
  count: number,
): number {
  const { docs, values } = common;
  let n = count;
  for (let i = 0; i < common.length; i++) {
    const d = docs[i]!;
    if (filter !== null && (filter[d >>> 5]! & (1 << (d & 31))) === 0) continue;
    const v = values[i]! * weight;
    const b = best[d]!;
    if (v > b) {
      if (b === 0) conceptDocs[n++] = d;
      best[d] = v;
    }
  }
  return n;
}
