// How a query's words are read against the vocabulary (synonyms.json, lay-terms.json)
// before typo correction: a lone letter typed apart from the word the vocabulary joins it
// to ("risc v", "H extension"), a word that is a vocabulary entry itself ("vmcore",
// "virito": kept as typed, not corrected toward a catalog word), and a misspelling nearer
// to an entry than to a catalog word (the user typed jargon). words.ts uses these.

import { editDistance } from "../../edit-distance.ts";
import type { ChatLanguage } from "./chat-language.ts";
import type { SynonymTable } from "./synonyms.ts";
import { keep, type RawWord, stem } from "./tokenize.ts";
import { Vocabulary } from "./vocabulary.ts";

const isLoneLetter = (w: RawWord) => w.surface.length === 1 && w.parts.length === 0;

/** A word as it would be read typed with a hyphen: "risc" + "v" is "risc-v". */
function join(a: RawWord, b: RawWord): RawWord {
  const parts = (w: RawWord) => (w.parts.length > 0 ? w.parts : [w.surface]);
  return { surface: a.surface + b.surface, parts: [...parts(a), ...parts(b)] };
}

/**
 * The words with each lone letter joined to the word beside it where the vocabulary
 * writes the two as one ("risc v" → "risc-v"; "h extension" → "h-extension"), the word
 * before first. `twin` (the words spelt otherwise, one for one) is joined the same way.
 * A lone letter is never a word kept for the query, so the words kept stay as many.
 */
export function joinLetters(
  words: readonly RawWord[],
  twin: readonly RawWord[],
  synonyms: SynonymTable,
): { words: RawWord[]; twin: RawWord[] } {
  if (synonyms.joinable.size === 0 || !words.some(isLoneLetter)) {
    return { words: [...words], twin: [...twin] };
  }
  const out: RawWord[] = [];
  const outTwin: RawWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const prev = out[out.length - 1];
    const next = words[i + 1];
    const pair = (a: RawWord, b: RawWord) =>
      synonyms.joinable.has(`${a.parts.at(-1) ?? a.surface} ${b.parts[0] ?? b.surface}`);
    if (isLoneLetter(w) && prev && keep(prev.surface) && pair(prev, w)) {
      out[out.length - 1] = join(prev, w);
      outTwin[outTwin.length - 1] = join(outTwin[outTwin.length - 1]!, twin[i] ?? w);
    } else if (isLoneLetter(w) && next && keep(next.surface) && pair(w, next)) {
      out.push(join(w, next));
      outTwin.push(join(twin[i] ?? w, twin[i + 1] ?? next));
      i++;
    } else {
      out.push(w);
      outTwin.push(twin[i] ?? w);
    }
  }
  return { words: out, twin: outTwin };
}

/**
 * Whether the stem is a one-word entry of the vocabulary (a synonym, a lay term, a listed
 * misspelling), or a word of an entry of several beside the word it stands beside there
 * (`before`, `after`: the stems either side in the query): "shootdown" in "tlb
 * shootdown" is no misspelt "shutdown".
 */
export function vocabularyKey(
  stem: string,
  before: string | undefined,
  after: string | undefined,
  synonyms: SynonymTable | null,
  language: ChatLanguage,
): boolean {
  if (synonyms?.groupsByPhrase.has(stem) || language.lay.has(stem)) return true;
  if (!synonyms || (before === undefined && after === undefined)) return false;
  const pairs = keyWordsOf(synonyms, language).pairs;
  return (
    (before !== undefined && pairs.has(`${before} ${stem}`)) ||
    (after !== undefined && pairs.has(`${stem} ${after}`))
  );
}

interface KeyWords {
  readonly vocabulary: Vocabulary;
  /** The stem each spelling is looked up by. */
  readonly stems: ReadonlyMap<string, string>;
  /** Two stems standing together in an entry of several words ("tlb shootdown"). */
  readonly pairs: ReadonlySet<string>;
}

const keyWords = new WeakMap<SynonymTable, WeakMap<ChatLanguage, KeyWords>>();

/** The vocabulary's one-word entries, for fuzzy matching (built once per pair of tables). */
function keyWordsOf(synonyms: SynonymTable, language: ChatLanguage): KeyWords {
  let byLanguage = keyWords.get(synonyms);
  if (!byLanguage) {
    byLanguage = new WeakMap();
    keyWords.set(synonyms, byLanguage);
  }
  let found = byLanguage.get(language);
  if (!found) {
    const vocabulary = new Vocabulary();
    const stems = new Map<string, string>();
    // Lay terms are held as stems only; a one-word misspelling entry is its own stem.
    for (const key of language.lay.keys()) if (!key.includes(" ")) stems.set(key, key);
    for (const s of synonyms.spellings) stems.set(s, stem(s));
    for (const word of stems.keys()) vocabulary.add(word);
    const pairs = new Set<string>();
    for (const key of [...synonyms.groupsByPhrase.keys(), ...language.lay.keys()]) {
      const terms = key.split(" ");
      for (let i = 0; i + 1 < terms.length; i++) pairs.add(`${terms[i]} ${terms[i + 1]}`);
    }
    found = { vocabulary, stems, pairs };
    byLanguage.set(language, found);
  }
  return found;
}

/**
 * The vocabulary entry a misspelt word is closest to, when no farther than `catalogBest`
 * (the catalog's correction, if any): jargon typed wrong is jargon, not the everyday word
 * of a talk one letter nearer in fuse.js's eyes. The entry as written and its stem.
 */
export function vocabularyCorrection(
  word: string,
  catalogBest: string | undefined,
  synonyms: SynonymTable | null,
  language: ChatLanguage,
): { word: string; stem: string; score: number } | null {
  if (!synonyms) return null;
  const keys = keyWordsOf(synonyms, language);
  const [best] = keys.vocabulary.correct(word, 1);
  if (!best) return null;
  if (catalogBest !== undefined && editDistance(word, best.word) > editDistance(word, catalogBest))
    return null;
  return { word: best.word, stem: keys.stems.get(best.word)!, score: best.score };
}
