// A schedule lists its breaks among the talks. Which entry is a break is said by its title
// alone ("Coffee break", "Lunch", "Mittagspause"): the words are data (break-titles.json).
// A title with any other word — a BOF, "Welcome to the X stand", a talk whose abstract
// is missing — names something a user may look for, so it is kept.
import list from "../../data/break-titles.json" with { type: "json" };

const WORDS = new Set(list.words.map((w) => w.toLowerCase()));
const words = new Intl.Segmenter("en", { granularity: "word" });

/** True when every word of `title` is a break word ("Coffee & tea break"). */
export function isBreakTitle(title: string): boolean {
  const found = [...words.segment(title.toLowerCase())].filter((s) => s.isWordLike);
  return found.length > 0 && found.every((s) => WORDS.has(s.segment));
}
