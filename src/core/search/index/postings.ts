// Posting lists in typed arrays: one (doc id, score) pair per doc a term occurs in.
// Typed arrays keep a 100,000-talk index small and fast to walk.
import { runSteps } from "../../slices.ts";

export class PostingList {
  docs: Int32Array;
  values: Float32Array;
  length = 0;

  constructor(capacity = 4) {
    this.docs = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
  }

  push(doc: number, value: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const values = new Float32Array(this.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.docs[this.length] = doc;
    this.values[this.length] = value;
    this.length++;
  }

  /** Drops spare capacity once building is done. */
  trim(): void {
    if (this.docs.length !== this.length) {
      this.docs = this.docs.slice(0, this.length);
      this.values = this.values.slice(0, this.length);
    }
  }

  /** A list over ready arrays (views into one shared buffer, from PostingsBuilder). */
  static of(docs: Int32Array, values: Float32Array): PostingList {
    const list = new PostingList(0);
    list.docs = docs;
    list.values = values;
    list.length = docs.length;
    return list;
  }
}

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
/** Pairs laid out between two yields of finishing(): well under a millisecond. */
const PAIRS_PER_STEP = 1 << 15;

/**
 * Builds every posting list at once. Pushing into one growable list per term writes all
 * over memory and copies each list as it grows; at 100,000 talks that was a third of the
 * build. Instead each talk's (term, value) pairs are appended to one buffer, in talk
 * order, and once the document frequencies are known the lists are laid out back to back
 * in a single pair of arrays (a counting sort by term).
 */
export class PostingsBuilder {
  /**
   * Pairs in fixed-size chunks: doubling one buffer re-copied it and made V8 run several
   * full collections of a large heap as external memory jumped.
   */
  private readonly termChunks: Int32Array[] = [];
  private readonly valueChunks: Float32Array[] = [];
  private used = CHUNK;
  private total = 0;
  /** Where each talk's pairs end, counted over all chunks. */
  private readonly ends: Int32Array;
  private docs = 0;
  private df = new Int32Array(1 << 12);

  constructor(talks: number) {
    this.ends = new Int32Array(talks);
  }

  /** Adds a posting for the current talk (talks come in order, each term once). */
  add(term: number, value: number): void {
    if (this.used === CHUNK) {
      this.termChunks.push(new Int32Array(CHUNK));
      this.valueChunks.push(new Float32Array(CHUNK));
      this.used = 0;
    }
    if (term >= this.df.length) {
      const df = new Int32Array(Math.max(this.df.length * 2, term + 1));
      df.set(this.df);
      this.df = df;
    }
    const last = this.termChunks.length - 1;
    this.termChunks[last]![this.used] = term;
    this.valueChunks[last]![this.used] = value;
    this.used++;
    this.total++;
    this.df[term]!++;
  }

  /** Closes the current talk; the next add() is for the next one. */
  endTalk(): void {
    this.ends[this.docs++] = this.total;
  }

  /**
   * The lists of terms 0..termCount-1, docs ascending, each value multiplied by
   * `weight(df)` (idf, known only now) and stored as float32.
   */
  finish(termCount: number, weight: (df: number) => number): PostingList[] {
    return runSteps(this.finishing(termCount, weight));
  }

  /** finish(), yielding after every PAIRS_PER_STEP pairs laid out (a reload's slices). */
  *finishing(termCount: number, weight: (df: number) => number): Generator<void, PostingList[]> {
    const starts = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) starts[t + 1] = starts[t]! + (this.df[t] ?? 0);
    const docs = new Int32Array(this.total);
    const values = new Float32Array(this.total);
    const factor = Float64Array.from({ length: termCount }, (_, t) => weight(this.df[t] ?? 0));
    const next = starts.slice(0, termCount);
    let d = 0;
    for (let k = 0; k < this.total; k++) {
      while (k >= this.ends[d]!) d++;
      const terms = this.termChunks[k >>> CHUNK_BITS]!;
      const t = terms[k & (CHUNK - 1)]!;
      const p = next[t]!++;
      docs[p] = d;
      values[p] = this.valueChunks[k >>> CHUNK_BITS]![k & (CHUNK - 1)]! * factor[t]!;
      if ((k & (PAIRS_PER_STEP - 1)) === PAIRS_PER_STEP - 1) yield;
    }
    return Array.from({ length: termCount }, (_, t) =>
      PostingList.of(
        docs.subarray(starts[t]!, starts[t + 1]!),
        values.subarray(starts[t]!, starts[t + 1]!),
      ),
    );
  }
}

/** Appends to the list kept under `key`, creating it on first use. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): V[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  list.push(value);
  return list;
}
