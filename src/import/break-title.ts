// A schedule lists its breaks among the talks. Which entry is a break is said by its title
// alone ("Coffee break", "Lunch", "Mittagspause"): the words are data
// (data/break-titles.json). A title with any other word — a BOF, "Welcome to the X
// stand", a talk whose abstract is missing — names something a user may look for, so it
// is kept.
import { dirname } from "node:path";
import { z } from "zod";
import { wordFile } from "../core/word-data.ts";
import { loadDataFile } from "./topics.ts";

const WordList = z.object({ words: z.array(z.string().min(1)).min(1) });

/**
 * The words of `dataDir`/`name` (a { "words": [...] } list), lower-cased; the built-in
 * list when `dataDir` has none (a DATA_DIR copied from a release before the file existed).
 */
export function loadWordSet(dataDir: string, name: string): ReadonlySet<string> {
  const { words } = loadDataFile(dirname(wordFile(dataDir, name)), name, WordList);
  return new Set(words.map((w) => w.toLocaleLowerCase()));
}

/** The break words of `dataDir`/break-titles.json. */
export const loadBreakWords = (dataDir: string) => loadWordSet(dataDir, "break-titles.json");

const words = new Intl.Segmenter("en", { granularity: "word" });

function allBreakWords(text: string, breakWords: ReadonlySet<string>): boolean {
  const found = [...words.segment(text.toLowerCase())].filter((s) => s.isWordLike);
  return found.length > 0 && found.every((s) => breakWords.has(s.segment));
}

/**
 * True when every word of `title` is a break word ("Coffee & tea break"), or of what
 * follows its last ": " — schedules name a slot's kind first (linux.conf.au's symposion
 * writes "Main Conference: lunch").
 */
export function isBreakTitle(title: string, breakWords: ReadonlySet<string>): boolean {
  if (allBreakWords(title, breakWords)) return true;
  const colon = title.lastIndexOf(": ");
  return colon > 0 && allBreakWords(title.slice(colon + 2), breakWords);
}
