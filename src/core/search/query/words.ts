// The words of a search, one by one: stems, typo corrections toward catalog words (never
// from everyday English), other spellings of speakers' names, and which words are chat
// filler. query.ts groups them into concepts.

import type { SearchIndex } from "../index/build.ts";
import { RANKING } from "../index/ranking.ts";
import type { ChatLanguage } from "./chat-language.ts";
import { joinLetters, vocabularyCorrection, vocabularyKey } from "./jargon-words.ts";
import { nameSlips, nameVariants } from "./name-spellings.ts";
import type { SynonymTable } from "./synonyms.ts";
import { forEachWord, keep, queryStem, type RawWord, stem } from "./tokenize.ts";

// Compiling a query spells a name's umlauts out before it reads the words.
export { spellOutUmlauts } from "./name-spellings.ts";

export const QUERY_WEIGHTS = Object.freeze({
  typed: 1,
  /** A compound's parts ("sr iov" for "sr-iov"). */
  parts: 0.9,
  synonym: 0.7,
  /** The jargon a lay term stands for ("ballooning" for "giving memory back"). */
  lay: 0.9,
  /** The second and later jargon of a lay term ("crash" → crash dump, then debugging). */
  layOther: 0.8,
  /**
   * A broad term's narrower jargon ("confidential computing" → SEV), on top of `lay`: a
   * kind of the thing asked, so below the term's synonyms; a rare product name would
   * otherwise outrank the talks named by the broad term itself.
   */
  narrower: 0.78,
  /** The words of a lay phrase of two or more words, anywhere in a talk. */
  layWords: 0.5,
  /**
   * A synonym of part of a phrase typed, without the phrase's other words ("aarch64" for
   * "arm64 kvm", whose group holds "arm64"): about the thing, not all of what was asked.
   */
  withoutRest: 0.5,
  /** Another way a talk states a context word's setting ("kvm", "guest" for "host"). */
  context: 0.5,
  /** Multiplied by (1 - fuse score) for a typo correction. */
  correction: 0.95,
  /** Misspellings this short are never corrected into an everyday word ("paris" → "parts"). */
  shortWord: 5,
});

export interface Word {
  readonly typed: string;
  readonly stem: string;
  readonly parts: readonly string[];
  readonly weight: number;
  readonly corrected: string | null;
  /** Chat filler: dropped unless part of a synonym or lay phrase. */
  readonly filler: boolean;
  /** Stems of other spellings of a speaker's name ("jorg" for "joerg", "joerg" for "jörg"). */
  readonly names: readonly string[];
  /** Stems of speakers' name parts one slip away, beside another part of the same name. */
  readonly slips: readonly string[];
}

/**
 * Corrects words the catalog has never seen, toward catalog words; known words and the
 * vocabulary's own entries stay, and a lone letter the vocabulary joins to the word beside
 * it ("risc v") is read joined (jargon-words.ts).
 */
export function resolveWords(
  typedWords: readonly RawWord[],
  typedSpelled: readonly RawWord[],
  index: SearchIndex,
  language: ChatLanguage,
  synonyms: SynonymTable | null = null,
): Word[] {
  const { words, twin: spelled } = synonyms
    ? joinLetters(typedWords, typedSpelled, synonyms)
    : { words: typedWords, twin: typedSpelled };
  const kept = words.flatMap((w, i) =>
    keep(w.surface) ? [{ w, spelled: spelled[i]?.surface ?? w.surface }] : [],
  );
  // A filler word that is also part of a name stays when another word is too ("he qing").
  const speakerWords = kept.map((k) => k.w.surface).filter((o) => index.speakerParts.has(o));
  const nameParts = speakerWords.length;
  const out: Word[] = [];
  const stems = kept.map((k) => queryStem(k.w.surface));
  for (const [i, { w, spelled: spelledOut }] of kept.entries()) {
    const s = stems[i]!;
    const parts = w.parts.filter((p) => p.length > 1).map(queryStem);
    const names = nameVariants(w.surface, spelledOut, index);
    const filler = language.filler.has(s) && !(nameParts > 1 && index.speakerParts.has(w.surface));
    const others = speakerWords.filter((o) => o !== w.surface);
    const slips = filler ? [] : nameSlips(w.surface, others, index);
    const typed = { typed: w.surface, stem: s, parts, names, slips, filler };
    const known =
      index.postings.has(s) ||
      names.length > 0 ||
      (parts.length > 0 && parts.every((p) => index.postings.has(p)));
    // A vocabulary entry is read as typed: the user typed jargon (jargon-words.ts).
    const entry = () => vocabularyKey(s, stems[i - 1], stems[i + 1], synonyms, language);
    if (known || filler || language.common.has(w.surface) || entry()) {
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
    const [found] = index.vocabulary.correct(w.surface, 1);
    const jargon = vocabularyCorrection(w.surface, found?.word, synonyms, language);
    const best = jargon ?? found;
    // The correction's stem, worked out once (the stemmer is the dearest step here).
    const bestStem = jargon ? jargon.stem : best ? queryStem(best.word) : "";
    // "waht did", "presentaion on": a misspelt question word or filler is filler.
    if (best && (!keep(best.word) || language.filler.has(bestStem))) {
      out.push({ ...typed, filler: true, weight: QUERY_WEIGHTS.typed, corrected: null });
      continue;
    }
    const everyday =
      best !== undefined &&
      w.surface.length <= QUERY_WEIGHTS.shortWord &&
      language.common.has(best.word);
    if (best && !everyday && (jargon || index.postings.has(bestStem))) {
      const weight = QUERY_WEIGHTS.correction * (1 - best.score);
      // A correction toward a word may be a slip from a name beside it: "gerd hofman" →
      // "hoffman" (a word here) is one letter from Gerd's "hoffmann".
      const near = slips.length > 0 ? slips : nameSlips(best.word, others, index);
      out.push({
        ...typed,
        stem: bestStem,
        parts: [],
        slips: near,
        weight,
        corrected: best.word,
      });
    } else {
      out.push({ ...typed, weight: QUERY_WEIGHTS.typed, corrected: null });
    }
  }
  return out;
}

/** Stems found in talks' titles, topics and speakers: what talks are named by. */
const namedBy = new WeakMap<SearchIndex, ReadonlySet<string>>();
export function titleStems(index: SearchIndex): ReadonlySet<string> {
  const known = namedBy.get(index);
  if (known) return known;
  // indexTerms, with each distinct word stemmed once: titles repeat their words, and
  // stemming every one took 1.7 s at 100,000 talks.
  const stems = new Set<string>();
  const stemOf = new Map<string, string>();
  const add = (word: string) => {
    if (!keep(word)) return;
    let s = stemOf.get(word);
    if (s === undefined) {
      s = stem(word);
      stemOf.set(word, s);
    }
    stems.add(s);
  };
  for (const t of index.talks)
    forEachWord(`${t.title} ${t.topics.join(" ")} ${t.speakers.join(" ")}`, (surface, parts) => {
      add(surface);
      if (parts) for (const p of parts) add(p);
    });
  namedBy.set(index, stems);
  return stems;
}

/** Whether some talk is named by the word (its title, topics or speakers hold it). */
export function namedWord(w: Word, index: SearchIndex): boolean {
  return titleStems(index).has(w.stem);
}

/**
 * Whether every word left is everyday English, so the catalog cannot answer: a question
 * ("what time is it", "how's the weather") or words no talk is named by. A bare keyword
 * that names a talk is still searched: "weather" finds the KVM Weather Report.
 */
/** Everyday English typed as is, and not a speaker's name ("song", "ben" are names). */
export function everydayWord(w: Word, language: ChatLanguage, index: SearchIndex): boolean {
  const common = language.common.has(w.typed) || language.commonStems.has(w.stem);
  return !w.corrected && common && !index.speakerParts.has(w.typed);
}

/**
 * Everyday words beside jargon (a word or a synonym, lay or event phrase) that no talk is named by: "sharing" in "sharing a gpu"
 * should not veto a GPU talk. Empty when no word is jargon ("weather in paris" keeps both).
 */
export function droppable(
  words: readonly Word[],
  phrases: number,
  language: ChatLanguage,
  index: SearchIndex,
): ReadonlySet<Word> {
  const plain = words.filter((w) => everydayWord(w, language, index));
  const jargon = words.length - plain.length + phrases;
  if (plain.length === 0 || jargon === 0) return new Set();
  const named = titleStems(index);
  return new Set(plain.filter((w) => !named.has(w.stem)));
}

export function everydayOnly(
  words: readonly Word[],
  language: ChatLanguage,
  index: SearchIndex,
  sentence: boolean,
): boolean {
  const content = words.filter((w) => !w.filler && !commonInCatalog(w.stem, index));
  if (content.length === 0 || !content.every((w) => everydayWord(w, language, index))) return false;
  if (sentence) return true;
  const named = titleStems(index);
  return content.every((w) => !named.has(w.stem));
}

/** Whether most of the catalog's talks hold the term (RANKING.commonShare): it tells little. */
export function commonInCatalog(term: string, index: SearchIndex): boolean {
  const df = index.postings.get(term)?.length ?? 0;
  return df > 1 && df >= RANKING.commonShare * index.talks.length;
}

/** Whether the stems name one event ("kvm forum", "linux plumbers 2012"): one concept, not several. */
export function namesEvent(stems: readonly string[], index: SearchIndex): boolean {
  return index.events.some((e) => stems.every((s) => e.terms.has(s)));
}
