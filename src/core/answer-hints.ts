// Whether a search that found nothing may be answered "Looking for a speaker?": only
// when what was typed reads as words of a name. A link, markup or a URL
// ("[link](javascript:alert(1))") holds word-like fragments ("link", "javascript") that a
// speaker's name part may be one letter from; offering speaker:lin for it is noise. Pure.

/** A word of a name: letters, joined by an apostrophe or hyphen ("o'brien", "jean-luc"). */
const NAME_WORD = /^\p{L}+(?:['’-]\p{L}+)*$/u;

/** Sentence punctuation a chat line may end a word with ("arcangel?"). */
const TRAILING = /[?!.,]+$/u;

/** True when every word of `text` is letters only: no brackets, colons, slashes or digits. */
export function readsAsName(text: string): boolean {
  const words = text.split(/\s+/u).filter((w) => w.length > 0);
  return words.length > 0 && words.every((w) => NAME_WORD.test(w.replace(TRAILING, "")));
}
