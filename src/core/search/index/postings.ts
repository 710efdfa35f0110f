// Posting lists in typed arrays: one (doc id, score) pair per doc a term occurs in.
// Typed arrays keep a 100,000-talk index small and fast to walk.
import { runSteps } from "../../slices.ts";
import { RowMap } from "./rows.ts";

/** Terms handled between two yields while laying the lists out: well under a millisecond. */
const TERMS_PER_STEP = 8192;

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

/** Every term's posting list, back to back in one pair of arrays (term t spans starts[t]..starts[t + 1]). */
export class Postings extends RowMap<PostingList> {
  constructor(
    termIds: ReadonlyMap<string, number>,
    private readonly starts: Int32Array,
    private readonly allDocs: Int32Array,
    private readonly allValues: Float32Array,
  ) {
    super(termIds);
  }

  protected view(term: number): PostingList {
    const from = this.starts[term]!;
    const to = this.starts[term + 1]!;
    return PostingList.of(this.allDocs.subarray(from, to), this.allValues.subarray(from, to));
  }
}

/**
 * Builds every posting list at once, in two passes over the talks: the first counts each
 * term's talks (its document frequency), the second writes each posting straight to its
 * place in one pair of arrays. (Pushing into one growable list per term copied each list
 * as it grew; buffering every (term, value) pair and laying the lists out afterwards, as
 * the build did next, wrote and re-read 80 MB at 100,000 talks.)
 */
export class PostingsBuilder {
  private df = new Int32Array(1 << 12);
  private lastDoc = new Int32Array(1 << 12).fill(-1);
  private starts = new Int32Array(1);
  private next = new Int32Array(0);
  private factor = new Float64Array(0);
  private docs = new Int32Array(0);
  private values = new Float32Array(0);

  /** First pass: the terms of talk `doc` (any order, repeats allowed; talks in order). */
  count(terms: Int32Array, length: number, doc: number): void {
    for (let k = 0; k < length; k++) {
      const t = terms[k]!;
      if (t >= this.df.length) this.grow(t + 1);
      if (this.lastDoc[t] !== doc) {
        this.lastDoc[t] = doc;
        this.df[t]!++;
      }
    }
  }

  private grow(size: number): void {
    const n = Math.max(this.df.length * 2, size);
    const df = new Int32Array(n);
    df.set(this.df);
    this.df = df;
    const lastDoc = new Int32Array(n).fill(-1);
    lastDoc.set(this.lastDoc);
    this.lastDoc = lastDoc;
  }

  /** The talks counted for `term`. */
  frequency(term: number): number {
    return this.df[term] ?? 0;
  }

  /**
   * Between the passes: makes room for the lists of terms 0..termCount-1; each value
   * added will be multiplied by `weight(df)` (idf, known only now).
   */
  layout(termCount: number, weight: (df: number) => number): void {
    runSteps(this.laying(termCount, weight));
  }

  /**
   * layout(), a share of it per step (a reload builds it in slices): done in one step, it
   * held the event loop 1-4 ms at 15,000 talks, the two big arrays most of it.
   */
  *laying(termCount: number, weight: (df: number) => number): Generator<void, void> {
    const starts = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) {
      starts[t + 1] = starts[t]! + this.frequency(t);
      if (t % TERMS_PER_STEP === TERMS_PER_STEP - 1) yield;
    }
    this.starts = starts;
    this.next = starts.slice(0, termCount);
    this.factor = new Float64Array(termCount);
    yield;
    for (let t = 0; t < termCount; t++) {
      this.factor[t] = weight(this.frequency(t));
      if (t % TERMS_PER_STEP === TERMS_PER_STEP - 1) yield;
    }
    yield;
    this.docs = new Int32Array(starts[termCount]!);
    yield;
    this.values = new Float32Array(starts[termCount]!);
    yield;
  }

  /**
   * Second pass: the posting of `term` in talk `doc` (talks in ascending order, each term
   * once per talk, as counted). The value is rounded to float32 before it is weighed, and
   * the product stored as float32.
   */
  add(term: number, doc: number, value: number): void {
    const p = this.next[term]!++;
    this.docs[p] = doc;
    this.values[p] = Math.fround(value) * this.factor[term]!;
  }

  /** The lists, keyed by term (`termIds` numbers the terms 0..termCount-1). */
  finish(termIds: ReadonlyMap<string, number>): Postings {
    return new Postings(termIds, this.starts, this.docs, this.values);
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
