// Scores a query's concepts over the posting lists, term at a time, into scratch buffers
// sized to the catalog. At 100,000 talks a common word has tens of thousands of postings,
// so the loops below touch only typed arrays: no per-posting allocation, no JS arrays.
import type { PostingList } from "./postings.ts";
import type { Concept } from "./query.ts";

/** Talks that match enough of a query, with their scores and matched-concept bits. */
export interface Candidates {
  readonly docs: Int32Array;
  readonly scores: Float64Array;
  readonly masks: Uint32Array;
  readonly length: number;
}

export interface ScoreRequest {
  readonly concepts: readonly Concept[];
  /** How many concepts a talk must match. */
  readonly need: number;
  /** Concepts every candidate must match (quoted phrases), a bit each. */
  readonly requiredMask: number;
  /** Talks the filters allow, or null for all. */
  readonly allowed: Uint8Array | null;
}

/** Bits set in a 32-bit mask, in constant time (this runs once per matching talk). */
function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * The first position at or after `from` whose doc is >= `doc` (lists are sorted by doc):
 * galloping, so intersecting a short list with a long one costs the short one's length.
 */
function seek(list: PostingList, from: number, doc: number): number {
  const docs = list.docs;
  const n = list.length;
  // Lists of similar length: the next few postings usually hold it.
  for (let end = Math.min(n, from + 8); from < end; from++) if (docs[from]! >= doc) return from;
  let lo = from;
  let step = 8;
  let hi = from;
  while (hi < n && docs[hi]! < doc) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > n) hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether alternative `a` adds nothing: an earlier one of the concept has the same one or
 * two terms (in any order: their sum is the same) and at least its weight. Synonym groups
 * hold both "device assignment" and "assigned device".
 */
function repeats(alts: Concept["alternatives"], a: number): boolean {
  const terms = alts[a]!.terms;
  if (terms.length > 2) return false;
  for (let e = 0; e < a; e++) {
    const other = alts[e]!.terms;
    if (other.length !== terms.length || alts[e]!.weight < alts[a]!.weight) continue;
    if (terms.length === 1 ? other[0] === terms[0] : sameTwo(other, terms)) return true;
  }
  return false;
}

function sameTwo(x: readonly string[], y: readonly string[]): boolean {
  return (x[0] === y[0] && x[1] === y[1]) || (x[0] === y[1] && x[1] === y[0]);
}

export class Scorer {
  private readonly total: Float64Array;
  private readonly mask: Uint32Array;
  /** Per talk, the best alternative's score for the concept being scored. */
  private readonly best: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly conceptDocs: Int32Array;
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private readonly masks: Uint32Array;

  constructor(
    size: number,
    private readonly postings: ReadonlyMap<string, PostingList>,
  ) {
    this.total = new Float64Array(size);
    this.mask = new Uint32Array(size);
    this.best = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.conceptDocs = new Int32Array(size);
    this.docs = new Int32Array(size);
    this.scores = new Float64Array(size);
    this.masks = new Uint32Array(size);
  }

  /**
   * Candidates for a query: a talk's score is the sum over the concepts it matches of the
   * concept's best alternative, times the square of the share of concepts matched. The
   * result's arrays are reused by the next call.
   */
  score(q: ScoreRequest): Candidates {
    this.touchedCount = 0;
    q.concepts.forEach((c, bit) => {
      this.addConcept(c, (1 << bit) >>> 0);
    });
    const { total, mask, touched, docs, scores, masks } = this;
    const n = q.concepts.length;
    let length = 0;
    for (let k = 0; k < this.touchedCount; k++) {
      const d = touched[k]!;
      const m = mask[d]!;
      const matched = popcount(m);
      if (
        matched >= q.need &&
        (m & q.requiredMask) === q.requiredMask &&
        (!q.allowed || q.allowed[d])
      ) {
        const coverage = matched / n;
        docs[length] = d;
        scores[length] = total[d]! * coverage * coverage;
        masks[length] = m;
        length++;
      }
      total[d] = 0;
      mask[d] = 0;
    }
    return { docs, scores, masks, length };
  }

  /** Adds `v * weight` for each talk of the list to the totals, marking the concept's bit. */
  private credit(list: PostingList, weight: number, bit: number): void {
    const { total, mask, touched } = this;
    const { docs, values } = list;
    let touchedCount = this.touchedCount;
    for (let i = 0; i < list.length; i++) {
      const v = values[i]! * weight;
      if (!(v > 0)) continue;
      const d = docs[i]!;
      if (mask[d] === 0) touched[touchedCount++] = d;
      total[d]! += v;
      mask[d]! |= bit;
    }
    this.touchedCount = touchedCount;
  }

  private addConcept(c: Concept, bit: number): void {
    const alts = c.alternatives;
    if (alts.length === 1 && alts[0]!.terms.length === 1) {
      // The common case, one word: straight into the totals.
      const list = this.postings.get(alts[0]!.terms[0]!);
      if (list) this.credit(list, alts[0]!.weight, bit);
      return;
    }
    // Several alternatives: a talk counts its best one.
    const { best, conceptDocs, total, mask, touched } = this;
    let count = 0;
    alts.forEach((alt, a) => {
      if (repeats(alts, a)) return;
      const lists: PostingList[] = [];
      for (const t of alt.terms) {
        const list = this.postings.get(t);
        if (list) lists.push(list);
      }
      if (lists.length < alt.terms.length) return;
      count =
        lists.length === 1
          ? this.single(lists[0]!, alt.weight, count)
          : this.all(lists, alt.weight, count);
    });
    let touchedCount = this.touchedCount;
    for (let k = 0; k < count; k++) {
      const d = conceptDocs[k]!;
      if (mask[d] === 0) touched[touchedCount++] = d;
      total[d]! += best[d]!;
      mask[d]! |= bit;
      best[d] = 0;
    }
    this.touchedCount = touchedCount;
  }

  /** Keeps each talk's best score in `best`; returns the new count of `conceptDocs`. */
  private keepBest(d: number, v: number, count: number): number {
    const b = this.best[d]!;
    if (v > b) {
      if (b === 0) this.conceptDocs[count++] = d;
      this.best[d] = v;
    }
    return count;
  }

  private single(list: PostingList, weight: number, count: number): number {
    const { best, conceptDocs } = this;
    const { docs, values } = list;
    let n = count;
    for (let i = 0; i < list.length; i++) {
      const d = docs[i]!;
      const v = values[i]! * weight;
      const b = best[d]!;
      if (v > b) {
        if (b === 0) conceptDocs[n++] = d;
        best[d] = v;
      }
    }
    return n;
  }

  /**
   * Talks holding every one of the lists' terms, scored as the sum of the terms' scores
   * (added in the alternative's order, so totals match term-at-a-time addition exactly).
   * The shortest list drives; the others are sought by galloping.
   */
  private all(lists: readonly PostingList[], weight: number, count: number): number {
    let n = count;
    let s = 0;
    for (let k = 1; k < lists.length; k++) if (lists[k]!.length < lists[s]!.length) s = k;
    const at = new Int32Array(lists.length);
    const drive = lists[s]!;
    next: for (let i = 0; i < drive.length; i++) {
      const d = drive.docs[i]!;
      for (let k = 0; k < lists.length; k++) {
        if (k === s) continue;
        const list = lists[k]!;
        const p = seek(list, at[k]!, d);
        at[k] = p;
        if (p === list.length) break next;
        if (list.docs[p] !== d) continue next;
      }
      let sum = 0;
      for (let k = 0; k < lists.length; k++)
        sum += k === s ? drive.values[i]! : lists[k]!.values[at[k]!]!;
      n = this.keepBest(d, sum * weight, n);
    }
    return n;
  }
}
