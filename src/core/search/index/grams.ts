// The typo correction's trigram index: for each key (a word's first letter and one of its
// trigrams, the word padded with a space each side), the ids of the words holding it,
// ascending. All in typed arrays: a Map from key strings to JS arrays made some 80,000
// keys and arrays at 50,000 words, and building it was most of what a reload's sliced
// index build allocated and kept (every young-generation collection copied the growing
// arrays, blocking answers 5-25 ms every few slices).

/** A key's four UTF-16 units packed in two ints: (first letter, gram[0]) and (gram[1], gram[2]). */
const pack = (a: number, b: number) => (a << 16) | b | 0;
const mix = (hi: number, lo: number) => Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b) >>> 0;

/** Unit `i` of the word padded with a space each side. */
const padded = (w: string, i: number) => (i === 0 || i === w.length + 1 ? 32 : w.charCodeAt(i - 1));

/** Keys → numbered rows, open addressing over typed arrays (three ints a slot: hi, lo, row + 1). */
class KeyTable {
  private slots = new Int32Array(3 << 12);
  size = 0;

  /** The key's row, or -1; with `add`, a new row for an unknown key. */
  row(hi: number, lo: number, add: boolean): number {
    let slots = this.slots;
    let mask = slots.length / 3 - 1;
    for (let i = mix(hi, lo) & mask; ; i = (i + 1) & mask) {
      const row = slots[3 * i + 2]! - 1;
      if (row < 0) {
        if (!add) return -1;
        if ((this.size + 1) * 2 > mask + 1) {
          this.grow();
          slots = this.slots;
          mask = slots.length / 3 - 1;
          i = mix(hi, lo) & mask;
          while (slots[3 * i + 2] !== 0) i = (i + 1) & mask;
        }
        slots[3 * i] = hi;
        slots[3 * i + 1] = lo;
        slots[3 * i + 2] = ++this.size;
        return this.size - 1;
      }
      if (slots[3 * i] === hi && slots[3 * i + 1] === lo) return row;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / 3 - 1;
    for (let k = 0; k < old.length; k += 3) {
      if (old[k + 2] === 0) continue;
      let i = mix(old[k]!, old[k + 1]!) & mask;
      while (slots[3 * i + 2] !== 0) i = (i + 1) & mask;
      slots.set(old.subarray(k, k + 3), 3 * i);
    }
    this.slots = slots;
  }
}

export class GramIndex {
  constructor(
    private readonly keys: KeyTable,
    private readonly starts: Int32Array,
    private readonly ids: Int32Array,
  ) {}

  /** Ids of the words holding `key` (first letter + trigram, four units), or undefined. */
  get(key: string): Int32Array | undefined {
    const hi = pack(key.charCodeAt(0), key.charCodeAt(1));
    const lo = pack(key.charCodeAt(2), key.charCodeAt(3));
    const row = this.keys.row(hi, lo, false);
    return row < 0 ? undefined : this.ids.subarray(this.starts[row]!, this.starts[row + 1]!);
  }

  get size(): number {
    return this.keys.size;
  }
}

/** Words read between two yields of buildGramIndex. */
const WORDS_PER_STEP = 1024;

/**
 * The index over `words` (a word's id is its position) of those `indexed` accepts,
 * yielding every WORDS_PER_STEP words (a reload builds it in slices).
 */
export function* buildGramIndex(
  words: readonly string[],
  indexed: (word: string, id: number) => boolean,
): Generator<void, GramIndex> {
  const keys = new KeyTable();
  let counts = new Int32Array(1 << 12);
  let lastWord = new Int32Array(1 << 12).fill(-1);
  // (row, word id) pairs, in word order: each row's ids come out ascending.
  let pairs = new Int32Array(1 << 16);
  let used = 0;
  for (let id = 0; id < words.length; id++) {
    const w = words[id]!;
    if (id % WORDS_PER_STEP === WORDS_PER_STEP - 1) yield;
    if (!indexed(w, id)) continue;
    const first = w.charCodeAt(0);
    for (let i = 0; i + 3 <= w.length + 2; i++) {
      const hi = pack(first, padded(w, i));
      const lo = pack(padded(w, i + 1), padded(w, i + 2));
      const row = keys.row(hi, lo, true);
      if (row >= counts.length) {
        const c = new Int32Array(counts.length * 2);
        c.set(counts);
        counts = c;
        const l = new Int32Array(lastWord.length * 2).fill(-1);
        l.set(lastWord);
        lastWord = l;
      }
      if (lastWord[row] === id) continue; // a trigram twice in one word counts once
      lastWord[row] = id;
      counts[row]!++;
      if (used + 2 > pairs.length) {
        const p = new Int32Array(pairs.length * 2);
        p.set(pairs);
        pairs = p;
      }
      pairs[used++] = row;
      pairs[used++] = id;
    }
  }
  const starts = new Int32Array(keys.size + 1);
  for (let r = 0; r < keys.size; r++) starts[r + 1] = starts[r]! + counts[r]!;
  const next = starts.slice(0, keys.size);
  const ids = new Int32Array(used >> 1);
  for (let k = 0; k < used; k += 2) ids[next[pairs[k]!]!++] = pairs[k + 1]!;
  return new GramIndex(keys, starts, ids);
}
