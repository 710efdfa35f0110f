// A question that asks for recent talks ("latest talks on confidential computing", "recent
// work on live migration", "any newer talks on vfio lately") prefers, among the talks that answer it,
// the newer ones: a soft preference like the title's (engine.ts), never a filter, so an
// old talk that answers much better still ranks above a new one that barely does. The
// words are chat-words.json `recency`; the grammar reads them once (search-request.ts).
// ("what's new in xen" is the `new` command: talks added lately, else these words' talks.)
import type { SearchIndex } from "./index/build.ts";

export const RECENCY = Object.freeze({
  /**
   * Score multiplier of a talk from the catalog's newest year is 1 + bonus; each
   * `halfLife` years older halves what it adds. "Latest" means the last year or two of
   * the catalog, not its newer half: a talk from ten years before is close to ×1.
   */
  bonus: 0.5,
  halfLife: 2,
});

/** A word as recency phrases are compared: lower case, apostrophes and edge marks left out. */
export function foldRecencyWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

/** Whether the words (as typed) hold one of the recency phrases (each folded words). */
export function asksRecent(
  words: readonly string[],
  phrases: readonly (readonly string[])[],
): boolean {
  const folded = words.flatMap((w) => w.split(/\s+/)).map(foldRecencyWord);
  return phrases.some((p) =>
    folded.some((_, at) => p.length > 0 && p.every((w, k) => folded[at + k] === w)),
  );
}

/** Per index, its newest year. */
const newestYears = new WeakMap<SearchIndex, number>();

function newestYear(index: SearchIndex): number {
  let newest = newestYears.get(index);
  if (newest === undefined) {
    newest = 0;
    for (const y of index.years) newest = Math.max(newest, y);
    newestYears.set(index, newest);
  }
  return newest;
}

/** The score multiplier of talk `d` for a question asking for recent talks. */
export function recencyFactor(index: SearchIndex, d: number): number {
  const age = Math.max(0, newestYear(index) - index.years[d]!);
  return 1 + RECENCY.bonus * 2 ** (-age / RECENCY.halfLife);
}
