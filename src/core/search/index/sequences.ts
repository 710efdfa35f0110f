// Each talk's words in reading order, as term ids, for checking that a quoted phrase (or a
// pair of adjacent query words) stands in the talk as written. Kept from the index build:
// re-reading a candidate's text at query time cost more than scoring the whole catalog.
// One flat array for the catalog; a term is stored as its id + 1 and 0 ends a field, so a
// run never spans two fields. Uint16 while the catalog has fewer than 65,535 terms.
// Built in fixed-size chunks and copied into the flat array at the end, a chunk a step:
// growing one flat array by doubling (and widening it to Int32 past 65,535 terms) copied
// megabytes in one step, 3-10 ms each at 12,000 talks, which held the event loop during a
// reload's sliced build (bench/import/reload.ts).
import { runSteps } from "../../slices.ts";

const SEPARATOR = 0;
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

export class TermSequences {
  constructor(
    private readonly data: Uint16Array | Int32Array,
    private readonly starts: Int32Array,
  ) {}

  /**
   * Whether the run of term ids stands in order within one field of talk `d`, adjacent
   * or with up to `slack` other terms before each next one ("postcopy live migration"
   * holds "postcopy migration" with slack 1).
   */
  contains(d: number, run: Int32Array, slack = 0): boolean {
    if (run.length === 0) return true;
    const data = this.data;
    const first = run[0]! + 1;
    const stop = this.starts[d + 1]!;
    outer: for (let i = this.starts[d]!; i < stop; i++) {
      if (data[i] !== first) continue;
      let at = i;
      for (let j = 1; j < run.length; j++) {
        const want = run[j]! + 1;
        let k = at + 1;
        const last = Math.min(stop - 1, at + 1 + slack);
        while (k <= last && data[k] !== want && data[k] !== SEPARATOR) k++;
        if (k > last || data[k] !== want) continue outer;
        at = k;
      }
      return true;
    }
    return false;
  }

  get bytes(): number {
    return this.data.byteLength + this.starts.byteLength;
  }
}

export class SequencesBuilder {
  private readonly chunks: Int32Array[] = [];
  private used = 0;
  /** A value needs 32 bits: the flat array is an Int32Array. */
  private wide = false;
  private readonly starts: Int32Array;
  private talks = 0;

  constructor(talks: number) {
    this.starts = new Int32Array(talks + 1);
  }

  /** Appends a term to the current talk's current field. */
  push(term: number): void {
    this.put(term + 1);
  }

  /** Ends the current field: a run cannot continue into the next. */
  endField(): void {
    const empty = this.used === this.starts[this.talks] || this.at(this.used - 1) === SEPARATOR;
    if (!empty) this.put(SEPARATOR);
  }

  private at(k: number): number {
    return this.chunks[k >>> CHUNK_BITS]![k & (CHUNK - 1)]!;
  }

  private put(value: number): void {
    if ((this.used & (CHUNK - 1)) === 0) this.chunks.push(new Int32Array(CHUNK));
    if (value > 0xffff) this.wide = true;
    this.chunks[this.used >>> CHUNK_BITS]![this.used & (CHUNK - 1)] = value;
    this.used++;
  }

  /** Ends the current talk; what follows belongs to the next. */
  endTalk(): void {
    this.endField();
    this.starts[++this.talks] = this.used;
  }

  finish(): TermSequences {
    return runSteps(this.finishing());
  }

  /** finish(), a chunk copied per step (a reload builds it in slices). */
  *finishing(): Generator<void, TermSequences> {
    const data = this.wide ? new Int32Array(this.used) : new Uint16Array(this.used);
    for (let c = 0; c < this.chunks.length; c++) {
      const from = c * CHUNK;
      data.set(this.chunks[c]!.subarray(0, Math.min(CHUNK, this.used - from)), from);
      yield;
    }
    return new TermSequences(data, this.starts);
  }
}
