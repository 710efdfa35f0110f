// Compiles the words of a search into concepts. A concept is one thing the user asked
// for ("numa", "device assignment", "migraton"→"migration"); it matches a talk when any
// of its alternatives (the words typed, a typo correction, a synonym) does.

import type { SearchIndex } from "./index.ts";
import type { SynonymTable } from "./synonyms.ts";
import { keep, phraseTerms, type RawWord, rawWords, stem } from "./tokenize.ts";

export const QUERY_WEIGHTS = Object.freeze({
  typed: 1,
  /** A compound's parts ("sr iov" for "sr-iov"). */
  parts: 0.9,
  synonym: 0.7,
  /** Multiplied by (1 - fuse score) for a typo correction. */
  correction: 0.95,
});

export interface Alternative {
  /** Stems that must all occur in the talk. */
  readonly terms: readonly string[];
  readonly weight: number;
}

export interface Concept {
  /** What the user typed, for "matched" and corrections ("migraton → migration"). */
  readonly label: string;
  readonly alternatives: readonly Alternative[];
  /** Quoted phrases must match, and match as written (adjacent, in order). */
  readonly phrase: boolean;
}

export interface CompiledQuery {
  readonly concepts: readonly Concept[];
  readonly corrections: readonly string[];
}

interface Word {
  readonly typed: string;
  readonly stem: string;
  readonly parts: readonly string[];
  readonly weight: number;
  readonly corrected: string | null;
}

/** Corrects words the catalog has never seen; known words are kept as typed. */
function resolveWords(words: readonly RawWord[], index: SearchIndex): Word[] {
  const out: Word[] = [];
  for (const w of words) {
    if (!keep(w.surface)) continue;
    const s = stem(w.surface);
    const parts = w.parts.filter((p) => p.length > 1).map(stem);
    const known =
      index.postings.has(s) || (parts.length > 0 && parts.every((p) => index.postings.has(p)));
    if (known) {
      out.push({ typed: w.surface, stem: s, parts, weight: QUERY_WEIGHTS.typed, corrected: null });
      continue;
    }
    // "usb3", "qcow3" typed without a space: try the letters and the number apart.
    const glued = /^(\p{L}{2,})(\d+)$/u.exec(w.surface);
    if (glued && index.postings.has(stem(glued[1]!)) && index.postings.has(glued[2]!)) {
      out.push({
        typed: w.surface,
        stem: s,
        parts: [stem(glued[1]!), glued[2]!],
        weight: QUERY_WEIGHTS.typed,
        corrected: null,
      });
      continue;
    }
    const [best] = index.vocabulary.correct(w.surface, 1);
    if (best && index.postings.has(stem(best.word))) {
      const weight = QUERY_WEIGHTS.correction * (1 - best.score);
      out.push({
        typed: w.surface,
        stem: stem(best.word),
        parts: [],
        weight,
        corrected: best.word,
      });
    } else {
      out.push({ typed: w.surface, stem: s, parts, weight: QUERY_WEIGHTS.typed, corrected: null });
    }
  }
  return out;
}

function synonymConcept(
  label: string,
  typed: readonly string[],
  group: readonly (readonly string[])[],
  weight: number,
): Concept {
  const typedKey = typed.join(" ");
  return {
    label,
    phrase: false,
    alternatives: group.map((terms) => ({
      terms,
      weight: weight * (terms.join(" ") === typedKey ? QUERY_WEIGHTS.typed : QUERY_WEIGHTS.synonym),
    })),
  };
}

export function compileQuery(
  text: { words: readonly string[]; phrases: readonly string[] },
  index: SearchIndex,
  synonyms: SynonymTable,
): CompiledQuery {
  const words = resolveWords(rawWords(text.words.join(" ")), index);
  const concepts: Concept[] = [];
  const corrections = words.filter((w) => w.corrected).map((w) => `${w.typed} → ${w.corrected}`);

  // Greedy longest match of synonym phrases over the (corrected) stems.
  for (let i = 0; i < words.length; ) {
    let matched = false;
    for (let n = Math.min(synonyms.longest, words.length - i); n >= 1; n--) {
      const span = words.slice(i, i + n);
      const stems = span.map((w) => w.stem);
      const group = synonyms.groupsByPhrase.get(stems.join(" "));
      if (group) {
        const label = span.map((w) => w.corrected ?? w.typed).join(" ");
        const weight = Math.min(...span.map((w) => w.weight));
        concepts.push(synonymConcept(label, stems, group, weight));
        i += n;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const w = words[i]!;
    const alternatives: Alternative[] = [{ terms: [w.stem], weight: w.weight }];
    if (w.parts.length > 1) {
      alternatives.push({ terms: w.parts, weight: w.weight * QUERY_WEIGHTS.parts });
      const group = synonyms.groupsByPhrase.get(w.parts.join(" "));
      if (group)
        alternatives.push(...synonymConcept(w.typed, w.parts, group, w.weight).alternatives);
    }
    concepts.push({ label: w.corrected ?? w.typed, alternatives, phrase: false });
    i++;
  }

  for (const p of text.phrases) {
    const terms = phraseTerms(p);
    if (terms.length)
      concepts.push({
        label: `"${p}"`,
        alternatives: [{ terms, weight: QUERY_WEIGHTS.typed }],
        phrase: true,
      });
  }
  return { concepts, corrections };
}
