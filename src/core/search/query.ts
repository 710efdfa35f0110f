// Compiles the words of a search into concepts. A concept is one thing the user asked
// for ("numa", "device assignment", "migraton"→"migration", "giving memory back"); it
// matches a talk when any of its alternatives (the words typed, a typo correction, a
// synonym, the jargon for a lay term, another spelling of a name) does. Chat filler
// ("who talked about", "any slides on") is dropped: it would only block a match.

import { type ChatLanguage, chatLanguage } from "./chat-language.ts";
import type { SearchIndex } from "./index.ts";
import type { StemPhrase, SynonymTable } from "./synonyms.ts";
import { keep, phraseTerms, type RawWord, rawWords, stem } from "./tokenize.ts";

export const QUERY_WEIGHTS = Object.freeze({
  typed: 1,
  /** A compound's parts ("sr iov" for "sr-iov"). */
  parts: 0.9,
  synonym: 0.7,
  /** The jargon a lay term stands for ("ballooning" for "giving memory back"). */
  lay: 0.9,
  /** The second and later jargon of a lay term ("crash" → crash dump, then debugging). */
  layOther: 0.8,
  /** The words of a lay phrase of two or more words, anywhere in a talk. */
  layWords: 0.5,
  /** Multiplied by (1 - fuse score) for a typo correction. */
  correction: 0.95,
  /** Misspellings this short are never corrected into an everyday word ("paris" → "parts"). */
  shortWord: 5,
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
  /** Chat filler: dropped unless part of a synonym or lay phrase. */
  readonly filler: boolean;
  /** Stems of other spellings of a speaker's name ("jorg" for "joerg", "joerg" for "jörg"). */
  readonly names: readonly string[];
}

/** "Jörg" is also written "Joerg": umlauts spelt out, for name matching. */
function spellOutUmlauts(text: string): string {
  const map: Record<string, string> = {
    ä: "ae",
    ö: "oe",
    ü: "ue",
    Ä: "Ae",
    Ö: "Oe",
    Ü: "Ue",
    ß: "ss",
  };
  return text.replace(/[äöüÄÖÜß]/g, (c) => map[c]!);
}

/** Other spellings of `surface` that are parts of a speaker's name in the catalog. */
function nameVariants(surface: string, spelledOut: string, index: SearchIndex): string[] {
  const variants = new Set([spelledOut, surface.replace(/([aou])e/g, "$1")]);
  variants.delete(surface);
  return [...variants]
    .filter((v) => index.speakerParts.has(v) && index.postings.has(stem(v)))
    .map(stem);
}

/** Corrects words the catalog has never seen, toward catalog words; known words stay. */
function resolveWords(
  words: readonly RawWord[],
  spelled: readonly RawWord[],
  index: SearchIndex,
  language: ChatLanguage,
): Word[] {
  const kept = words.flatMap((w, i) =>
    keep(w.surface) ? [{ w, spelled: spelled[i]?.surface ?? w.surface }] : [],
  );
  // A filler word that is also part of a name stays when another word is too ("he qing").
  const nameParts = kept.filter(({ w }) => index.speakerParts.has(w.surface)).length;
  const out: Word[] = [];
  for (const { w, spelled: spelledOut } of kept) {
    const s = stem(w.surface);
    const parts = w.parts.filter((p) => p.length > 1).map(stem);
    const names = nameVariants(w.surface, spelledOut, index);
    const filler = language.filler.has(s) && !(nameParts > 1 && index.speakerParts.has(w.surface));
    const typed = { typed: w.surface, stem: s, parts, names, filler };
    const known =
      index.postings.has(s) ||
      names.length > 0 ||
      (parts.length > 0 && parts.every((p) => index.postings.has(p)));
    if (known || filler || language.common.has(w.surface)) {
      out.push({ ...typed, weight: QUERY_WEIGHTS.typed, corrected: null });
      continue;
    }
    // "usb3", "qcow3" typed without a space: try the letters and the number apart.
    const glued = /^(\p{L}{2,})(\d+)$/u.exec(w.surface);
    if (glued && index.postings.has(stem(glued[1]!)) && index.postings.has(glued[2]!)) {
      const split = [stem(glued[1]!), glued[2]!];
      out.push({ ...typed, parts: split, weight: QUERY_WEIGHTS.typed, corrected: null });
      continue;
    }
    const [best] = index.vocabulary.correct(w.surface, 1);
    const everyday =
      best !== undefined &&
      w.surface.length <= QUERY_WEIGHTS.shortWord &&
      language.common.has(best.word);
    if (best && !everyday && index.postings.has(stem(best.word))) {
      const weight = QUERY_WEIGHTS.correction * (1 - best.score);
      out.push({ ...typed, stem: stem(best.word), parts: [], weight, corrected: best.word });
    } else {
      out.push({ ...typed, weight: QUERY_WEIGHTS.typed, corrected: null });
    }
  }
  return out;
}

/** Alternatives without repeats: the same stems keep their best weight. */
function distinct(alternatives: readonly Alternative[]): Alternative[] {
  const byTerms = new Map<string, Alternative>();
  for (const a of alternatives) {
    const key = a.terms.join(" ");
    if ((byTerms.get(key)?.weight ?? -1) < a.weight) byTerms.set(key, a);
  }
  return [...byTerms.values()];
}

function synonymAlternatives(
  typed: readonly string[],
  group: readonly StemPhrase[],
  weight: number,
): Alternative[] {
  const typedKey = typed.join(" ");
  return group.map((terms) => ({
    terms,
    weight: weight * (terms.join(" ") === typedKey ? QUERY_WEIGHTS.typed : QUERY_WEIGHTS.synonym),
  }));
}

/**
 * A lay term: the jargon it stands for and the jargon's synonyms, and its own words (those
 * of a longer term, scattered through a talk, count for less).
 */
function layAlternatives(
  typed: readonly string[],
  jargon: readonly StemPhrase[],
  synonyms: SynonymTable,
  weight: number,
): Alternative[] {
  const own = typed.length === 1 ? weight : weight * QUERY_WEIGHTS.layWords;
  const out: Alternative[] = [{ terms: typed, weight: own }];
  for (const [i, terms] of jargon.entries()) {
    const w = weight * QUERY_WEIGHTS.lay * (i === 0 ? 1 : QUERY_WEIGHTS.layOther);
    const group = synonyms.groupsByPhrase.get(terms.join(" "));
    out.push(...(group ? synonymAlternatives(terms, group, w) : [{ terms, weight: w }]));
  }
  return distinct(out);
}

export function compileQuery(
  text: { words: readonly string[]; phrases: readonly string[] },
  index: SearchIndex,
  synonyms: SynonymTable,
  language: ChatLanguage = chatLanguage(),
): CompiledQuery {
  const joined = text.words.join(" ");
  const raw = rawWords(joined);
  const spelled = rawWords(spellOutUmlauts(joined));
  const words = resolveWords(raw, spelled.length === raw.length ? spelled : raw, index, language);
  const concepts: Concept[] = [];
  const context: Concept[] = [];
  const corrections = words.filter((w) => w.corrected).map((w) => `${w.typed} → ${w.corrected}`);
  const longest = Math.max(synonyms.longest, language.layLongest);

  // Greedy longest match of synonym and lay phrases over the (corrected) stems.
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(longest, words.length - i); n >= 1 && !matched; n--) {
      const span = words.slice(i, i + n);
      const stems = span.map((w) => w.stem);
      const key = stems.join(" ");
      const group = synonyms.groupsByPhrase.get(key);
      const jargon = group ? undefined : language.lay.get(key);
      if (!group && !jargon) continue;
      const weight = Math.min(...span.map((w) => w.weight));
      const alternatives = group
        ? synonymAlternatives(stems, group, weight)
        : layAlternatives(stems, jargon!, synonyms, weight);
      const label = span.map((w) => w.corrected ?? w.typed).join(" ");
      const onlyContext = stems.every((s) => language.context.has(s));
      (onlyContext ? context : concepts).push({ label, phrase: false, alternatives });
      matched = n;
    }
    if (matched) {
      i += matched;
      continue;
    }
    const w = words[i++]!;
    if (w.filler) continue;
    const alternatives: Alternative[] = [{ terms: [w.stem], weight: w.weight }];
    for (const name of w.names) alternatives.push({ terms: [name], weight: w.weight });
    if (w.parts.length > 1) {
      alternatives.push({ terms: w.parts, weight: w.weight * QUERY_WEIGHTS.parts });
      const group = synonyms.groupsByPhrase.get(w.parts.join(" "));
      if (group) alternatives.push(...synonymAlternatives(w.parts, group, w.weight));
    }
    const concept = { label: w.corrected ?? w.typed, alternatives, phrase: false };
    (language.context.has(w.stem) ? context : concepts).push(concept);
  }
  // "gpu virtualization" asks about GPUs: the whole catalog is about virtualization.
  if (concepts.length === 0 && text.phrases.length === 0) concepts.push(...context);

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
