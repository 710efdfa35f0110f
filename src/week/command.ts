// The words of the conference-week commands, before their search words are parsed:
//   new | what's new [WORDS]      now | next [at EVENT | WORD]
//   schedule [today|tomorrow|yesterday|WEEKDAY] [this morning|afternoon|…] [WORDS]
// The one grammar (src/core/grammar.ts) calls this and parses `rest` as a search, so the
// filters and words narrowing a listing mean what they mean in a question.
import { oneTellingWord } from "../core/command-phrases.ts";
import { DAY_WORDS } from "../core/day-words.ts";
import { type DayWord, WEEKDAYS } from "./week.ts";

export type WeekWords =
  | { readonly kind: "new" }
  | { readonly kind: "on-now"; readonly when: "now" | "next" }
  | { readonly kind: "schedule"; readonly day: DayWord };

type WeekParse =
  | (WeekWords & { readonly rest: string | null })
  | { readonly kind: "week-usage"; readonly message: string };

const WHATS = new Set(["what's", "whats", "what’s"]);
const DAYS: ReadonlyMap<string, DayWord> = new Map<string, DayWord>([
  ...DAY_WORDS.days,
  ...WEEKDAYS.flatMap((d): [string, DayWord][] => [
    [d, d],
    [d.slice(0, 3), d],
  ]),
]);

/** A part of a day: the schedule lists whole days, so "this afternoon" is today's. */
const DAY_PARTS = DAY_WORDS.parts;
/** Spans longer than a day ("next week", "this month"): the schedule lists one day. */
const SPANS = DAY_WORDS.spans;
const RELATIVE = DAY_WORDS.shifts;
/** The days `DAYS` reads that are weekdays ("fri" is friday), not today or tomorrow. */
const WEEKDAY_SET: ReadonlySet<string> = new Set(WEEKDAYS);
const SPAN_MESSAGE =
  'The schedule lists one conference day: "schedule" (today), "schedule tomorrow", "schedule yesterday" or a weekday ("schedule fri"), with words to narrow it ("schedule tomorrow vfio").';

/** "new?" and "new!" are "new". */
const bare = (token: string | undefined) => (token ?? "").toLowerCase().replace(/[?!.]+$/, "");
const restOf = (tokens: readonly string[], from: number) =>
  tokens.length > from ? tokens.slice(from).join(" ") : null;

/**
 * `new` narrowed by a few words ("what's new in vfio") lists what was added lately; a
 * longer question that opens the same way ("what's new in qemu lately? looking for a
 * state of the project kind of talk") asks for the best talks, and is a search.
 */
const NEW_WORDS = 4;

/** `new` with the words after its `from` tokens, or null when they make it a question. */
function newCommand(tokens: readonly string[], from: number): WeekParse | null {
  return tokens.length - from > NEW_WORDS ? null : { kind: "new", rest: restOf(tokens, from) };
}

/**
 * `schedule` and its day: "schedule", "schedule tomorrow vfio", "schedule this afternoon"
 * (today), "schedule next fri" (the coming weekday); a span it cannot list ("schedule next
 * week"), a past weekday ("schedule last friday") and words that contradict the day
 * ("schedule next yesterday", "this tomorrow") are a usage line, not search words.
 */
function scheduleCommand(tokens: readonly string[]): WeekParse {
  const usage: WeekParse = { kind: "week-usage", message: SPAN_MESSAGE };
  const at = 1;
  const relative = bare(tokens[at]);
  if (RELATIVE.has(relative)) {
    const next = bare(tokens[at + 1]);
    if (SPANS.has(next)) return usage;
    // "this afternoon" is today's; "next morning", "last afternoon" name no day it lists.
    if (DAY_PARTS.has(next))
      return relative === "this" ? scheduleAfterDay(tokens, "today", 3) : usage;
    const weekday = DAYS.get(next);
    if (weekday !== undefined) {
      // The schedule counts weekdays forward: a past one, or "next today", it cannot list.
      if (relative === "last" || !WEEKDAY_SET.has(weekday)) return usage;
      return scheduleAfterDay(tokens, weekday, 3);
    }
  }
  if (SPANS.has(relative)) return usage;
  const said = DAYS.get(relative);
  return scheduleAfterDay(tokens, said ?? "today", said ? 2 : 1);
}

/** The schedule of `day` with the words after `at` ("tomorrow morning": a part aside). */
function scheduleAfterDay(tokens: readonly string[], day: DayWord, from: number): WeekParse {
  const at = DAY_PARTS.has(bare(tokens[from])) ? from + 1 : from;
  return { kind: "schedule", day, rest: restOf(tokens, at) };
}

/**
 * `now vfio`, `next topic:numa`: the listing narrowed by one word or filter, everyday
 * words aside ("next vfio talks"). More words are a search that opens with the word
 * ("next generation virtio"), and so are everyday words alone ("now what").
 */
function narrowsOnNow(tokens: readonly string[], everyday: (word: string) => boolean): boolean {
  return oneTellingWord(tokens.slice(1), everyday);
}

/**
 * The week command `text` asks for, or null when it is something else (a search).
 * `everyday`: whether a word is chat filler or everyday English (data/chat-words.json).
 */
export function parseWeekWords(
  text: string,
  everyday: (word: string) => boolean,
): WeekParse | null {
  const tokens = text.split(/\s+/).filter(Boolean);
  const first = bare(tokens[0]);
  if (first === "new") return newCommand(tokens, 1);
  if (WHATS.has(first) && bare(tokens[1]) === "new") return newCommand(tokens, 2);
  if (first === "what" && bare(tokens[1]) === "is" && bare(tokens[2]) === "new")
    return newCommand(tokens, 3);
  if (first === "now" || first === "next") {
    // Only the bare word or "at EVENT": "next generation virtio" stays a search.
    if (tokens.length === 1) return { kind: "on-now", when: first, rest: null };
    if (bare(tokens[1]) !== "at")
      return narrowsOnNow(tokens, everyday)
        ? { kind: "on-now", when: first, rest: restOf(tokens, 1) }
        : null;
    const event = restOf(tokens, 2);
    if (event === null)
      return {
        kind: "week-usage",
        message: `Write "${first} at" with an event, like ${first} at fosdem.`,
      };
    return { kind: "on-now", when: first, rest: `event:"${event.replaceAll('"', "")}"` };
  }
  return first === "schedule" ? scheduleCommand(tokens) : null;
}
