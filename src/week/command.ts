// The words of the conference-week commands, before their search words are parsed:
//   new | what's new [WORDS]      now | next [at EVENT WORDS]
//   schedule [today|tomorrow|WEEKDAY] [WORDS]
// The one grammar (src/core/grammar.ts) calls this and parses `rest` as a search, so the
// filters and words narrowing a listing mean what they mean in a question.
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
  ["today", "today"],
  ["tomorrow", "tomorrow"],
  ...WEEKDAYS.flatMap((d): [string, DayWord][] => [
    [d, d],
    [d.slice(0, 3), d],
  ]),
]);

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

/** The week command `text` asks for, or null when it is something else (a search). */
export function parseWeekWords(text: string): WeekParse | null {
  const tokens = text.split(/\s+/).filter(Boolean);
  const first = bare(tokens[0]);
  if (first === "new") return newCommand(tokens, 1);
  if (WHATS.has(first) && bare(tokens[1]) === "new") return newCommand(tokens, 2);
  if (first === "what" && bare(tokens[1]) === "is" && bare(tokens[2]) === "new")
    return newCommand(tokens, 3);
  if (first === "now" || first === "next") {
    // Only the bare word or "at EVENT": "next generation virtio" stays a search.
    if (tokens.length === 1) return { kind: "on-now", when: first, rest: null };
    if (bare(tokens[1]) !== "at") return null;
    const event = restOf(tokens, 2);
    if (event === null)
      return {
        kind: "week-usage",
        message: `Write "${first} at" with an event, like ${first} at fosdem.`,
      };
    return { kind: "on-now", when: first, rest: `event:"${event.replaceAll('"', "")}"` };
  }
  if (first !== "schedule") return null;
  const day = DAYS.get(bare(tokens[1]));
  return day
    ? { kind: "schedule", day, rest: restOf(tokens, 2) }
    : { kind: "schedule", day: "today", rest: restOf(tokens, 1) };
}
