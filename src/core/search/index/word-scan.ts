// The word table's scan of a text: every word's id as forEachWord (query/tokenize.ts)
// splits and folds it, without slicing a word the table already holds. Plain ASCII words
// and ASCII compounds ("SR-IOV", "x86_64", "virtio.net", "I/O") are hashed and compared in
// place; accented words and apostrophes go through forEachWord itself. Compounds took that
// path too, and it made ~90% of the garbage of a reload's index build (a sliced string, a
// lower-cased copy, the parts, their join, a closure and an array of ids per compound:
// ~80 MB at 15,000 talks, a young-generation collection every ~700 talks).
import { forEachWord, joinsAt } from "../query/tokenize.ts";

/** ASCII letters and digits folded to lower case; 0 for every other ASCII character. */
export const FOLD = Uint8Array.from({ length: 128 }, (_, c) =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : c >= 65 && c <= 90 ? c + 32 : 0,
);

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** What the scan needs of the word table (word-table.ts; an interface, not an import: no import circle). */
export interface WordIds {
  /** The id of `text.slice(start, end)`, hashed as `hash`, added when new. */
  find(text: string, start: number, end: number, hash: number): number;
  /** The id of the ASCII compound at `start..end` run together, added when new. */
  findJoined(text: string, start: number, end: number, hash: number, length: number): number;
  idOf(word: string): number;
}

/** A word's id, and its parts' ids for a compound (an array valid only during the call). */
export type OnWord = (id: number, parts: readonly number[] | null) => void;

/** A compound's pieces: start, end and hash of each, three ints a piece (reused). */
let pieces = new Int32Array(3 * 16);
/** The parts' ids handed to onWord (reused: onWord reads them during the call only). */
const partIds: number[] = [];

export function scanWords(table: WordIds, text: string, onWord: OnWord): void {
  // Scans the text as it is: lower-casing a copy first doubled the garbage on big catalogs.
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 128 && FOLD[c] === 0) {
      i++;
      continue;
    }
    const start = i;
    let h = FNV_OFFSET;
    let simple = true;
    while (i < n) {
      c = text.charCodeAt(i);
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
    const joiner = i < n && joinsAt(text, i);
    if (simple && !joiner) {
      onWord(table.find(text, start, i, h | 0), null);
      continue;
    }
    if (simple) {
      const end = asciiCompound(table, text, start, i, h, onWord);
      if (end >= 0) {
        i = end;
        continue;
      }
    }
    // Slow path: find the end of the compound / accented word, then split it the
    // same way forEachWord does.
    let end = i;
    while (end < n) {
      let ch = text.charCodeAt(end);
      if (ch >= 65 && ch <= 90) ch += 32;
      const wordChar = (ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57) || ch >= 128;
      const joins = end > start && joinsAt(text, end);
      if (!wordChar && !joins) break;
      end++;
    }
    forEachWord(text.slice(start, end), (surface, parts) => {
      onWord(table.idOf(surface), parts ? parts.map((p) => table.idOf(p)) : null);
    });
    i = end;
  }
}

/**
 * The compound whose first piece is `start..firstEnd` (hashed so far as `hash`) and is
 * followed by a joiner, when all of it is ASCII pieces joined by "-", "/", "_" or ".":
 * reports it as forEachWord would (the pieces run together, then each piece; ids taken
 * in that order, so new words get the same ids) and returns where it ends. Returns -1,
 * having reported nothing, for anything else (a non-ASCII character, an apostrophe).
 */
function asciiCompound(
  table: WordIds,
  text: string,
  start: number,
  firstEnd: number,
  hash: number,
  onWord: OnWord,
): number {
  const n = text.length;
  let h = hash;
  let count = 1;
  let letters = firstEnd - start;
  pieces[0] = start;
  pieces[1] = firstEnd;
  pieces[2] = hash | 0;
  let at = firstEnd;
  // Here `at` ends a piece; the character there joins when joinsAt says so, as in forEachWord.
  while (at < n && joinsAt(text, at)) {
    const joiner = text.charCodeAt(at);
    if (joiner === 39 || joiner >= 128) return -1;
    const from = at + 1;
    let p = FNV_OFFSET;
    let k = from;
    for (; k < n; k++) {
      const ch = text.charCodeAt(k);
      if (ch >= 128) return -1;
      const folded = FOLD[ch]!;
      if (folded === 0) break;
      p = Math.imul(p ^ folded, FNV_PRIME);
      h = Math.imul(h ^ folded, FNV_PRIME);
    }
    if (3 * count + 3 > pieces.length) {
      const more = new Int32Array(pieces.length * 2);
      more.set(pieces);
      pieces = more;
    }
    pieces[3 * count] = from;
    pieces[3 * count + 1] = k;
    pieces[3 * count + 2] = p | 0;
    count++;
    letters += k - from;
    at = k;
  }
  const id = table.findJoined(text, start, at, h | 0, letters);
  partIds.length = count;
  for (let q = 0; q < count; q++)
    partIds[q] = table.find(text, pieces[3 * q]!, pieces[3 * q + 1]!, pieces[3 * q + 2]!);
  onWord(id, partIds);
  return at;
}
