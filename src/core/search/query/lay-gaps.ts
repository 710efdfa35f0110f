// A two-word lay phrase said with the thing it acts on between its words: "pass my
// graphics card through" is "pass through", "give the unused memory back" is "give back".
// compile.ts tries this only where no phrase stands together at a word.
import type { ChatLanguage } from "./chat-language.ts";
import type { StemPhrase } from "./synonyms.ts";
import type { Word } from "./words.ts";

/** Words a lay phrase may have between its two words, at most ("my graphics card"). */
export const MAX_GAP = 3;

/**
 * The two-word lay phrase that starts at words[i] and ends a few words on, and where it
 * ends: the nearest end first. Filler never starts or ends one.
 */
export function gappedLay(
  words: readonly Word[],
  i: number,
  language: ChatLanguage,
): { end: number; jargon: readonly StemPhrase[] } | null {
  const first = words[i];
  if (!first || first.filler) return null;
  for (let j = i + 2; j < words.length && j <= i + 1 + MAX_GAP; j++) {
    const last = words[j]!;
    if (last.filler) continue;
    const jargon = language.lay.get(`${first.stem} ${last.stem}`);
    if (jargon) return { end: j, jargon };
  }
  return null;
}
