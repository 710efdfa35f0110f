// The day words of the schedule command and of the phrases that say it ("what's on this
// afternoon"): data/chat-words.json `days`, read once, for the grammar (week-phrases.ts)
// and the week command (src/week/command.ts) alike, so both read the same words.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DEFAULT_DATA_DIR } from "./catalog.ts";

const DayWordsFile = z.object({
  days: z.object({
    about: z.string().optional(),
    days: z.record(z.string(), z.enum(["today", "tomorrow", "yesterday"])),
    parts: z.string(),
    spans: z.string(),
    shifts: z.string(),
  }),
});

export interface DayWords {
  /** A word that names a day ("tonight" is today). */
  readonly days: ReadonlyMap<string, "today" | "tomorrow" | "yesterday">;
  /** A part of a day ("afternoon"): the schedule lists whole days. */
  readonly parts: ReadonlySet<string>;
  /** More than a day ("week"): the schedule lists one day. */
  readonly spans: ReadonlySet<string>;
  /** Words before a day or a part of one ("this", "next", "last"). */
  readonly shifts: ReadonlySet<string>;
}

const words = (line: string) => new Set(line.split(/\s+/).filter(Boolean));

function readDayWords(): DayWords {
  const file = join(DEFAULT_DATA_DIR, "chat-words.json");
  const { days } = DayWordsFile.parse(JSON.parse(readFileSync(file, "utf8")));
  return {
    days: new Map(Object.entries(days.days)),
    parts: words(days.parts),
    spans: words(days.spans),
    shifts: words(days.shifts),
  };
}

export const DAY_WORDS: DayWords = readDayWords();
