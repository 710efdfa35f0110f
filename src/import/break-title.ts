// A schedule lists its breaks among the talks. Which entry is a break is said by its title
// alone ("Coffee break", "Lunch", "Mittagspause"): the words are data
// (data/break-titles.json). A title with any other word — a BOF, "Welcome to the X
// stand", a talk whose abstract is missing — names something a user may look for, so it
// is kept.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CatalogError } from "../core/catalog.ts";

const FILE = "break-titles.json";
const BreakTitles = z.object({ words: z.array(z.string().min(1)).min(1) });

/** The break words of `dataDir`/break-titles.json, lower-cased. */
export function loadBreakWords(dataDir: string): ReadonlySet<string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dataDir, FILE), "utf8"));
  } catch (err) {
    throw new CatalogError(FILE, "(file)", "(file)", (err as Error).message);
  }
  const parsed = BreakTitles.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CatalogError(FILE, "(file)", issue.path.join("."), issue.message);
  }
  return new Set(parsed.data.words.map((w) => w.toLowerCase()));
}

const words = new Intl.Segmenter("en", { granularity: "word" });

/** True when every word of `title` is a break word ("Coffee & tea break"). */
export function isBreakTitle(title: string, breakWords: ReadonlySet<string>): boolean {
  const found = [...words.segment(title.toLowerCase())].filter((s) => s.isWordLike);
  return found.length > 0 && found.every((s) => breakWords.has(s.segment));
}
