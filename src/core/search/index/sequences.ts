// Each talk's words in reading order, as term ids, for checking that a quoted phrase (or a
// pair of adjacent query words) stands in the talk as written. Kept from the index build:
// re-reading a candidate's text at query time cost more than scoring the whole catalog.
// One flat array for the catalog; a term is stored as its id + 1 and 0 ends a field, so a
// run never spans two fields. Uint16 while the catalog has fewer than 65,535 terms.

const SEPARATOR = 0;

/** Grows `a` to hold `size` entries, widening to Int32 when a value needs it. */
function grown(a: Uint16Array | Int32Array, size: number, wide: boolean): Uint16Array | Int32Array {
  const b = wide || a instanceof Int32Array ? new Int32Array(size) : new Uint16Array(size);
  b.set(a);
  return b;
}

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
  private data: Uint16Array | Int32Array = new Uint16Array(1 << 16);
  private used = 0;
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
    const empty = this.used === this.starts[this.talks] || this.data[this.used - 1] === SEPARATOR;
    if (!empty) this.put(SEPARATOR);
  }

  private put(value: number): void {
    if (this.used === this.data.length || (value > 0xffff && this.data instanceof Uint16Array)) {
      this.data = grown(this.data, this.data.length * 2, value > 0xffff);
    }
    this.data[this.used++] = value;
  }

  /** Ends the current talk; what follows belongs to the next. */
  endTalk(): void {
    this.endField();
    this.starts[++this.talks] = this.used;
  }

  finish(): TermSequences {
    return new TermSequences(this.data.slice(0, this.used), this.starts);
  }
}
