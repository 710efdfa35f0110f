// A query's concepts as the postings their alternatives match: a word's posting list, or
// for several words the talks holding them all (intersected once per query, then shared
// by the match set and the scorer), with the alternative's weight.
import { intersect } from "../index/intersect.ts";
import type { PostingList } from "../index/postings.ts";
import type { Concept } from "./compile.ts";

/** Talks holding every word of a multi-word alternative, with their summed values. */
export interface Common {
  readonly docs: Int32Array;
  readonly sums: Float64Array;
  readonly length: number;
}

/**
 * One alternative of a concept: a word's posting list (float32 values) or the talks common
 * to several words (float64 sums). Kept apart so each scoring loop sees one array type.
 */
export type WeightedPostings =
  | { readonly list: PostingList; readonly common: null; readonly weight: number }
  | { readonly list: null; readonly common: Common; readonly weight: number };

export class AlternativeResolver {
  /** Intersections of the current query, back to back; a full pool is replaced, not copied. */
  private docs = new Int32Array(1 << 14);
  private sums = new Float64Array(1 << 14);
  private used = 0;

  constructor(private readonly postings: ReadonlyMap<string, PostingList>) {}

  /**
   * Per concept, the alternatives that can match, in order (those with a word no talk
   * holds dropped). Valid until the next call. (Dropping repeated alternatives was tried
   * and removed: no gain in bench:search at 10,000 talks.)
   */
  resolve(concepts: readonly Concept[]): WeightedPostings[][] {
    this.used = 0;
    return concepts.map((c) => {
      const out: WeightedPostings[] = [];
      c.alternatives.forEach((alt) => {
        const lists: PostingList[] = [];
        for (const t of alt.terms) {
          const list = this.postings.get(t);
          if (!list) return;
          lists.push(list);
        }
        out.push(
          lists.length === 1
            ? { list: lists[0]!, common: null, weight: alt.weight }
            : { list: null, common: this.common(lists), weight: alt.weight },
        );
      });
      return out;
    });
  }

  private common(lists: readonly PostingList[]): Common {
    const most = Math.min(...lists.map((l) => l.length));
    if (this.used + most > this.docs.length) {
      const size = Math.max(this.docs.length * 2, most);
      this.docs = new Int32Array(size);
      this.sums = new Float64Array(size);
      this.used = 0;
    }
    const docs = this.docs.subarray(this.used);
    const sums = this.sums.subarray(this.used);
    const n = intersect(lists, docs, sums);
    this.used += n;
    return { docs: docs.subarray(0, n), sums: sums.subarray(0, n), length: n };
  }
}
