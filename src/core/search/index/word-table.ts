// Interns the words of a large catalog while scanning it. Looking a word up in a Map
// needs it sliced out as a new string first; at 100,000 talks that is ~30 million
// short-lived strings, which dominated index build time. This table hashes characters
// as the scan passes them and compares in place, so a word already seen costs nothing.
import { forEachWord, joinsAt } from "../query/tokenize.ts";

/** ASCII letters and digits folded to lower case; 0 for every other ASCII character. */
const FOLD = Uint8Array.from({ length: 128 }, (_, c) =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : c >= 65 && c <= 90 ? c + 32 : 0,
);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

/**
 * Old slots moved per word added while the table grows: the move ends long before the new
 * slots fill (half of them must fill first, one word at a time), at ~16 slots' work a word.
 */
const SLOTS_MOVED_PER_WORD = 16;
/** Old slots moved per step of settling(): well under a millisecond. */
const SLOTS_MOVED_PER_STEP = 1 << 15;

export class WordTable {
  readonly words: string[] = [];
  /**
   * Open addressing, two ints a slot: the word's hash and its id + 1 (0: empty). The hash
   * sits beside the id, so a probe reads one cache line and no string.
   */
  private slots = new Int32Array(2 << 16);
  /** While the table grows: the slots before it, and how far (in ints) their words are moved. */
  private old: Int32Array | null = null;
  private moved = 0;
  /** Each word's folded characters, packed (word k spans starts[k]..starts[k + 1]), for comparing in place. */
  private chars = new Uint16Array(1 << 16);
  private charsUsed = 0;
  private starts = new Int32Array(1 << 12);

  /**
   * The id of `text.slice(start, end)`, hashed as `hash`, without slicing it; when the
   * table does not hold it, -1 - the empty slot where it would go. While the table grows,
   * a word not yet moved is found in the old slots.
   */
  private probe(text: string, start: number, end: number, hash: number): number {
    const found = this.probeIn(this.slots, text, start, end, hash);
    if (found >= 0 || this.old === null) return found;
    const before = this.probeIn(this.old, text, start, end, hash);
    return before >= 0 ? before : found;
  }

  private probeIn(
    slots: Int32Array,
    text: string,
    start: number,
    end: number,
    hash: number,
  ): number {
    const mask = (slots.length >> 1) - 1;
    const length = end - start;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = slots[2 * i + 1]!;
      if (slot === 0) return -1 - i;
      if (slots[2 * i] === hash) {
        const id = slot - 1;
        const at = this.starts[id]!;
        if (this.starts[id + 1]! - at === length && this.same(at, text, start, length)) return id;
      }
    }
  }

  /** The id of `text.slice(start, end)`, hashed as `hash`, added when it is new. */
  private find(text: string, start: number, end: number, hash: number): number {
    const found = this.probe(text, start, end, hash);
    return found >= 0 ? found : this.insert(text.slice(start, end).toLowerCase(), hash, -1 - found);
  }

  /** Whether `text` at `start` spells the packed word at `at`, ignoring ASCII case. */
  private same(at: number, text: string, start: number, length: number): boolean {
    const chars = this.chars;
    for (let j = 0; j < length; j++) {
      let c = text.charCodeAt(start + j);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== chars[at + j]) return false;
    }
    return true;
  }

  private insert(word: string, hash: number, slot: number): number {
    const id = this.words.length;
    this.words.push(word);
    if (this.charsUsed + word.length > this.chars.length) {
      const grown = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + word.length));
      grown.set(this.chars);
      this.chars = grown;
    }
    for (let j = 0; j < word.length; j++) this.chars[this.charsUsed + j] = word.charCodeAt(j);
    this.charsUsed += word.length;
    if (id + 2 > this.starts.length) {
      const grown = new Int32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[id + 1] = this.charsUsed;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = id + 1;
    if (this.old !== null) this.move(SLOTS_MOVED_PER_WORD);
    if (this.words.length * 2 > this.slots.length >> 1) this.grow();
    return id;
  }

  /**
   * Doubles the slots, but moves the words over a few at a time (as words are added, and
   * in settling()): moving them all at once took one 3-9 ms step of a reload's sliced
   * build once the table held tens of thousands of words. Until all are moved, a lookup
   * tries the new slots, then the old ones, which keep every word so their probe runs hold.
   */
  private grow(): void {
    if (this.old !== null) this.move(Number.POSITIVE_INFINITY);
    this.old = this.slots;
    this.moved = 0;
    this.slots = new Int32Array(this.slots.length * 2);
  }

  /** Moves up to `count` old slots' words to the new slots. */
  private move(count: number): void {
    const old = this.old!;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const stop = Math.min(old.length, this.moved + 2 * count);
    for (let k = this.moved; k < stop; k += 2) {
      if (old[k + 1] === 0) continue;
      let i = old[k]! & mask;
      while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = old[k]!;
      slots[2 * i + 1] = old[k + 1]!;
    }
    this.moved = stop;
    if (stop === old.length) this.old = null;
  }

  /** Ends a growth under way, a share of the old slots a step (the build's last steps). */
  *settling(): Generator<void, void> {
    while (this.old !== null) {
      this.move(SLOTS_MOVED_PER_STEP);
      yield;
    }
  }

  idOf(word: string): number {
    return this.find(word, 0, word.length, hashString(word));
  }

  /** The id of a folded word, or -1 when the table does not hold it (nothing is added). */
  lookup(word: string): number {
    const found = this.probe(word, 0, word.length, hashString(word));
    return found >= 0 ? found : -1;
  }

  /**
   * Calls `onWord` with the id of each word of the text (and of its parts, for
   * compounds), exactly as `forEachWord` splits and folds it. Plain ASCII words take
   * the fast path; compounds and accented words go through `forEachWord`'s rules.
   */
  scan(text: string, onWord: (id: number, parts: readonly number[] | null) => void): void {
    // Scans the text as it is: lower-casing a copy first doubled the garbage on big catalogs.
    const lower = text;
    const n = lower.length;
    let i = 0;
    while (i < n) {
      let c = lower.charCodeAt(i);
      if (c < 128 && FOLD[c] === 0) {
        i++;
        continue;
      }
      const start = i;
      let h = FNV_OFFSET;
      let simple = true;
      while (i < n) {
        c = lower.charCodeAt(i);
        if (c >= 128) {
          simple = false;
          i++;
          continue;
        }
        const folded = FOLD[c]!;
        if (folded === 0) break;
        h = Math.imul(h ^ folded, FNV_PRIME);
        i++;
      }
      const joiner = i < n && joinsAt(lower, i);
      if (simple && !joiner) {
        onWord(this.find(lower, start, i, h | 0), null);
        continue;
      }
      // Slow path: find the end of the compound / accented word, then split it the
      // same way forEachWord does.
      let end = i;
      while (end < n) {
        let ch = lower.charCodeAt(end);
        if (ch >= 65 && ch <= 90) ch += 32;
        const wordChar = (ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57) || ch >= 128;
        const joins = end > start && joinsAt(lower, end);
        if (!wordChar && !joins) break;
        end++;
      }
      forEachWord(lower.slice(start, end), (surface, parts) => {
        onWord(this.idOf(surface), parts ? parts.map((p) => this.idOf(p)) : null);
      });
      i = end;
    }
  }
}
