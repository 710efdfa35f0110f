// How a span of a query's words reads as one phrase beyond the synonym and lay-term tables:
// two words the catalog writes as one ("smart os"), a lay term with common words inside
// it ("keeping vms apart"). Apart from compile.ts, which groups the words into concepts.
import type { SearchIndex } from "../index/build.ts";
import type { ChatLanguage } from "./chat-language.ts";
import type { StemPhrase, SynonymTable } from "./synonyms.ts";
import { stem } from "./tokenize.ts";
import { commonInCatalog, type Word } from "./words.ts";

/** The stem of two words written together, when the catalog has it and one of them alone not. */
export function glued(span: readonly Word[], index: SearchIndex): string | null {
  if (span.some((w) => w.filler || w.corrected)) return null;
  // Words the catalog holds apart are never glued: checked first, as stemming is dear.
  if (span.every((w) => index.postings.has(w.stem))) return null;
  const joined = stem(span.map((w) => w.typed).join(""));
  return index.postings.has(joined) ? joined : null;
}

/** Common words a lay phrase may have inside, at most: each one doubles the look-ups. */
const MAX_INSIDE = 4;

/**
 * A lay term said with words most talks hold inside it: "keeping vms apart" is "keeping
 * apart", "giving the guest memory back" is "giving memory back" (in a catalog where most
 * talks say "memory" too, so only some of those words may be left out). The fewest words
 * left out first; never the last word.
 */
export function layInside(
  stems: readonly string[],
  index: SearchIndex,
  language: ChatLanguage,
): readonly StemPhrase[] | undefined {
  if (stems.length < 3 || commonInCatalog(stems[stems.length - 1]!, index)) return undefined;
  const inside: number[] = [];
  for (let i = 0; i < stems.length - 1; i++) if (commonInCatalog(stems[i]!, index)) inside.push(i);
  if (inside.length === 0 || inside.length > MAX_INSIDE) return undefined;
  // Every way to leave some of them out, the most words kept first (a stable sort).
  const kept = Array.from({ length: (1 << inside.length) - 1 }, (_, k) => {
    const out = new Set(inside.filter((_, j) => (k + 1) & (1 << j)));
    return stems.filter((_, i) => !out.has(i));
  }).sort((a, b) => b.length - a.length);
  for (const phrase of kept) {
    const jargon = phrase.length > 1 ? language.lay.get(phrase.join(" ")) : undefined;
    if (jargon) return jargon;
  }
  return undefined;
}

/** Whether a phrase's stems are a synonym or a lay term. */
export function phraseKnown(key: string, synonyms: SynonymTable, language: ChatLanguage): boolean {
  return synonyms.groupsByPhrase.has(key) || language.lay.has(key);
}
