// Each talk's words in reading order, as term ids, for checking that a quoted phrase (or a
// pair of adjacent query words) stands in the talk as written. Kept from the index build:
// re-reading a candidate's text at query time cost more than scoring the whole catalog.
// A term is stored as its id + 1 and 0 ends a field, so a run never spans two fields.
// Stored in chunks, each talk whole in one chunk, and the chunks the build wrote are the
// index's: copying them into one flat array at the end allocated (and zeroed) 10 MB at
// 15,000 talks and held a reload's sliced build 3-9 ms at a step; growing one array by
// doubling before that copied megabytes in one step (bench/import/reload.ts). 16 bits an
// entry, 32 from the chunk where a term id past 65,534 turns up.
import { runSteps } from "../../slices.ts";

const SEPARATOR = 0;
/** Entries a chunk: 512 KB at 16 bits; a talk longer than that gets a chunk of its own size. */
const CHUNK = 1 << 18;

type Chunk = Uint16Array | Int32Array;

/** What phraseOrWords() returns when the run stands in the talk (masks are ≥ 0). */
export const PHRASE_STANDS = -1;

/** Whether the run, its first term at `i`, stands there (each next term within `slack`). */
function standsAt(data: Chunk, i: number, stop: number, run: Int32Array, slack: number): boolean {
  let at = i;
  for (let j = 1; j < run.length; j++) {
    const want = run[j]! + 1;
    let k = at + 1;
    const last = Math.min(stop - 1, at + 1 + slack);
    while (k <= last && data[k] !== want && data[k] !== SEPARATOR) k++;
    if (k > last || data[k] !== want) return false;
    at = k;
  }
  return true;
}

export class TermSequences {
  constructor(
    private readonly chunks: readonly Chunk[],
    /** Talk d's chunk, and where its entries start and end in it. */
    private readonly chunkOf: Int32Array,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
  ) {}

  /**
   * Whether the run of term ids stands in order within one field of talk `d`, adjacent
   * or with up to `slack` other terms before each next one ("postcopy live migration"
   * holds "postcopy migration" with slack 1).
   */
  contains(d: number, run: Int32Array, slack = 0): boolean {
    if (run.length === 0) return true;
    const data = this.chunks[this.chunkOf[d]!]!;
    const first = run[0]! + 1;
    const stop = this.ends[d]!;
    for (let i = this.starts[d]!; i < stop; i++)
      if (data[i] === first && standsAt(data, i, stop, run, slack)) return true;
    return false;
  }

  /**
   * contains() and, where the run does not stand, which of its terms talk `d` holds as
   * words, in one pass over the talk: PHRASE_STANDS, or a mask with bit j set when run[j]
   * is there. A phrase check asks both (alternatives.ts); two passes more per talk where
   * the phrase did not stand made the first search of a phrase after a reload 20-30 ms.
   */
  phraseOrWords(d: number, run: Int32Array, slack = 0): number {
    const data = this.chunks[this.chunkOf[d]!]!;
    const first = run[0]! + 1;
    const stop = this.ends[d]!;
    let seen = 0;
    for (let i = this.starts[d]!; i < stop; i++) {
      const v = data[i]!;
      if (v === SEPARATOR) continue;
      for (let j = 0; j < run.length; j++) if (v === run[j]! + 1) seen |= 1 << j;
      if (v === first && standsAt(data, i, stop, run, slack)) return PHRASE_STANDS;
    }
    return seen;
  }

  /** Talk `d`'s terms, in order, as `names` names them (a compound's parts check reads them). */
  *termsOf(d: number, names: readonly string[]): Generator<string> {
    const data = this.chunks[this.chunkOf[d]!]!;
    const stop = this.ends[d]!;
    for (let i = this.starts[d]!; i < stop; i++) {
      const v = data[i]!;
      if (v !== SEPARATOR) yield names[v - 1]!;
    }
  }

  get bytes(): number {
    let bytes = this.chunkOf.byteLength + this.starts.byteLength + this.ends.byteLength;
    for (const chunk of this.chunks) bytes += chunk.byteLength;
    return bytes;
  }
}

export class SequencesBuilder {
  private readonly chunks: Chunk[] = [];
  private chunk: Chunk = new Uint16Array(0);
  private used = 0;
  /** Where the current talk's entries start in the current chunk. */
  private talkStart = 0;
  /** A value needs 32 bits: new chunks are Int32Arrays. */
  private wide = false;
  private readonly chunkOf: Int32Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private talks = 0;

  constructor(talks: number) {
    this.chunkOf = new Int32Array(talks);
    this.starts = new Int32Array(talks);
    this.ends = new Int32Array(talks);
  }

  /** Appends a term to the current talk's current field. */
  push(term: number): void {
    this.put(term + 1);
  }

  /** Ends the current field: a run cannot continue into the next. */
  endField(): void {
    const empty = this.used === this.talkStart || this.chunk[this.used - 1] === SEPARATOR;
    if (!empty) this.put(SEPARATOR);
  }

  private put(value: number): void {
    if (this.used === this.chunk.length) this.nextChunk();
    if (value > 0xffff && !this.wide) this.widen();
    this.chunk[this.used++] = value;
  }

  /** A new chunk, the current talk's entries so far moved to its start (a talk is never split). */
  private nextChunk(): void {
    const sofar = this.used - this.talkStart;
    const size = Math.max(CHUNK, 2 * sofar);
    const chunk = this.wide ? new Int32Array(size) : new Uint16Array(size);
    chunk.set(this.chunk.subarray(this.talkStart, this.used));
    this.chunks.push(chunk);
    this.chunk = chunk;
    this.used = sofar;
    this.talkStart = 0;
  }

  /** From now on 32 bits an entry: the current chunk copied wide, the next ones made wide. */
  private widen(): void {
    this.wide = true;
    const wide = new Int32Array(this.chunk.length);
    wide.set(this.chunk);
    this.chunks[this.chunks.length - 1] = wide;
    this.chunk = wide;
  }

  /** Ends the current talk; what follows belongs to the next. */
  endTalk(): void {
    this.endField();
    const d = this.talks++;
    this.chunkOf[d] = Math.max(0, this.chunks.length - 1);
    this.starts[d] = this.talkStart;
    this.ends[d] = this.used;
    this.talkStart = this.used;
  }

  finish(): TermSequences {
    return runSteps(this.finishing());
  }

  /** finish(): nothing left to copy, the chunks are the sequences (a generator, as the build's other steps). */
  // biome-ignore lint/correctness/useYield: one step, kept a generator so the build's steps read alike
  *finishing(): Generator<void, TermSequences> {
    return new TermSequences(this.chunks, this.chunkOf, this.starts, this.ends);
  }
}
