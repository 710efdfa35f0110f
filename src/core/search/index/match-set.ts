// Which talks can match a query at all, as bitsets: a bit per talk for each concept, added
// up in bit-sliced counters (32 talks per operation) and compared with the number needed.
// Scoring then skips every talk outside the set. For a long query of common words that
// is most of the catalog: at 100,000 talks "numa vfio xen kvm qemu …" reaches ~90,000
// talks, of which ~3,400 hold seven of its twelve concepts. Justified by bench:search at
// 10,000 talks (median, one run): "numa vfio xen kvm qemu …" takes 0.68 ms with it and
// 0.87 ms without.
import type { WeightedPostings } from "../query/alternatives.ts";

/** Bit planes of the counters: up to 63 concepts (a query has at most 32). */
const PLANES = 6;

export class MatchSet {
  private readonly words: number;
  private readonly concept: Uint32Array;
  private readonly planes: Uint32Array;
  private readonly result: Uint32Array;

  constructor(size: number) {
    this.words = (size + 31) >>> 5;
    this.concept = new Uint32Array(this.words);
    this.planes = new Uint32Array(this.words * PLANES);
    this.result = new Uint32Array(this.words);
  }

  /**
   * Talks holding at least `need` of the concepts (any alternative), every concept of
   * `requiredMask`, and allowed by the filters. Reused by the next call.
   */
  compute(
    concepts: readonly (readonly WeightedPostings[])[],
    need: number,
    requiredMask: number,
    allowed: Uint8Array | null,
  ): Uint32Array {
    const { words, concept, planes, result } = this;
    planes.fill(0);
    if (allowed) this.fromAllowed(allowed);
    else result.fill(0xffffffff);
    concepts.forEach((c, bit) => {
      if (c.length === 0) {
        // A concept no talk holds adds nothing to the counters (but a required one empties the set).
        if (requiredMask & (1 << bit)) result.fill(0);
        return;
      }
      concept.fill(0);
      for (const alt of c) {
        const { docs, length } = alt.list ?? alt.common;
        for (let i = 0; i < length; i++) concept[docs[i]! >>> 5]! |= 1 << (docs[i]! & 31);
      }
      if (requiredMask & (1 << bit)) for (let w = 0; w < words; w++) result[w]! &= concept[w]!;
      // Add the concept's bits to the counters: a ripple-carry add, 32 talks at a time.
      for (let w = 0; w < words; w++) {
        let carry = concept[w]!;
        for (let p = 0; carry !== 0 && p < PLANES; p++) {
          const plane = planes[p * words + w]!;
          planes[p * words + w] = plane ^ carry;
          carry = plane & carry;
        }
      }
    });
    // counter >= need, bit-sliced: from the top plane down, track "greater" and "equal so far".
    for (let w = 0; w < words; w++) {
      let greater = 0;
      let equal = 0xffffffff;
      for (let p = PLANES - 1; p >= 0; p--) {
        const plane = planes[p * words + w]!;
        if ((need >>> p) & 1) equal &= plane;
        else {
          greater |= equal & plane;
          equal &= ~plane;
        }
      }
      result[w]! &= greater | equal;
    }
    return result;
  }

  /** The talks the filters allow, as a bitset (reused by the next call). */
  fromAllowed(allowed: Uint8Array): Uint32Array {
    const result = this.result;
    result.fill(0);
    for (let d = 0; d < allowed.length; d++) if (allowed[d]) result[d >>> 5]! |= 1 << (d & 31);
    return result;
  }
}

/** Bits set in a 32-bit mask, in constant time (this runs once per matching talk). */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
