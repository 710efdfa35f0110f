// A schedule lists its breaks among the talks. Which entry is a break is said by its title
// alone ("Coffee break", "Lunch", "Mittagspause"): the words are data
// (data/break-titles.json). A title with any other word — a BOF, "Welcome to the X
// stand", a talk whose abstract is missing — names something a user may look for, so it
// is kept.
import { z } from "zod";
import { loadDataFile } from "./topics.ts";

const BreakTitles = z.object({ words: z.array(z.string().min(1)).min(1) });

/** The break words of `dataDir`/break-titles.json, lower-cased. */
export function loadBreakWords(dataDir: string): ReadonlySet<string> {
  const { words } = loadDataFile(dataDir, "break-titles.json", BreakTitles);
  return new Set(words.map((w) => w.toLowerCase()));
}

const words = new Intl.Segmenter("en", { granularity: "word" });

/** True when every word of `title` is a break word ("Coffee & tea break"). */
export function isBreakTitle(title: string, breakWords: ReadonlySet<string>): boolean {
  const found = [...words.segment(title.toLowerCase())].filter((s) => s.isWordLike);
  return found.length > 0 && found.every((s) => breakWords.has(s.segment));
}
