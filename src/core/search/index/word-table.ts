// Interns the words of a large catalog while scanning it. Looking a word up in a Map
// needs it sliced out as a new string first; at 100,000 talks that is ~30 million
// short-lived strings, which dominated index build time. This table hashes characters
// as the scan passes them and compares in place, so a word already seen costs nothing.
import { FNV_OFFSET, FNV_PRIME, FOLD, type OnWord, scanWords } from "./word-scan.ts";

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
  private probe(text: string, start: number, end: number, hash: number, length: number): number {
    const found = this.probeIn(this.slots, text, start, end, hash, length);
    if (found >= 0 || this.old === null) return found;
    const before = this.probeIn(this.old, text, start, end, hash, length);
    return before >= 0 ? before : found;
  }

  /** `length`: the word's letters and digits, fewer than end - start when joiners stand between them. */
  private probeIn(
    slots: Int32Array,
    text: string,
    start: number,
    end: number,
    hash: number,
    length: number,
  ): number {
    const mask = (slots.length >> 1) - 1;
    const joined = length !== end - start;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = slots[2 * i + 1]!;
      if (slot === 0) return -1 - i;
      if (slots[2 * i] === hash) {
        const id = slot - 1;
        const at = this.starts[id]!;
        if (
          this.starts[id + 1]! - at === length &&
          (joined ? this.sameJoined(at, text, start, end) : this.same(at, text, start, length))
        )
          return id;
      }
    }
  }

  /** The id of `text.slice(start, end)`, hashed as `hash`, added when it is new. For word-scan.ts. */
  find(text: string, start: number, end: number, hash: number): number {
    const found = this.probe(text, start, end, hash, end - start);
    return found >= 0 ? found : this.insert(text.slice(start, end).toLowerCase(), hash, -1 - found);
  }

  /**
   * The id of the ASCII compound `text.slice(start, end)` without its joiners ("SR-IOV" →
   * "sriov"), `length` letters and digits hashed as `hash`, added when it is new. For word-scan.ts.
   */
  findJoined(text: string, start: number, end: number, hash: number, length: number): number {
    const found = this.probe(text, start, end, hash, length);
    if (found >= 0) return found;
    const word = text
      .slice(start, end)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
    return this.insert(word, hash, -1 - found);
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

  /** Whether the ASCII compound at `start..end`, its joiners skipped, spells the packed word at `at`. */
  private sameJoined(at: number, text: string, start: number, end: number): boolean {
    const chars = this.chars;
    let j = at;
    for (let k = start; k < end; k++) {
      const c = FOLD[text.charCodeAt(k)]!;
      if (c !== 0 && c !== chars[j++]) return false;
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
    const found = this.probe(word, 0, word.length, hashString(word), word.length);
    return found >= 0 ? found : -1;
  }

  /**
   * Calls `onWord` with the id of each word of the text (and of its parts, for
   * compounds), exactly as `forEachWord` splits and folds it (word-scan.ts).
   */
  scan(text: string, onWord: OnWord): void {
    scanWords(this, text, onWord);
  }
}
