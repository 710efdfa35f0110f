// The conference-week commands said in words ("what's on now", "what's next", "schedule
// for tomorrow"), made into the command they say for src/week/command.ts to read. Pure.
import { commandText } from "./command-phrases.ts";
import { DAY_WORDS } from "./day-words.ts";

/** Words as alternatives of a pattern; they are letters only (data/chat-words.json `days`). */
const anyOf = (words: Iterable<string>) => [...words].join("|");
const DAY = `${anyOf(DAY_WORDS.days.keys())}|(?:mon|tues|wednes|thurs|fri|satur|sun)day`;
/** A part of today: the schedule lists whole days, so "what's on this afternoon" is today's. */
const DAY_PART = `(?:this\\s+)?(?:${anyOf(DAY_WORDS.parts)})`;

/**
 * The conference-week commands (src/week/command.ts) said in words, as the command:
 * "what's on now" is `now`, "what's next" is `next`, "schedule for tomorrow vfio" is
 * `schedule tomorrow vfio`, "any new talks?" is `new`. Anything else comes back as it was.
 */
const WEEK_PHRASES: readonly (readonly [RegExp, string])[] = [
  [/^what(?:'s|s|\s+is)\s+(?:on|happening|running)(?:\s+(?:right\s+)?now)?$/, "now"],
  [/^(?:on|happening|running)\s+(?:right\s+)?now$/, "now"],
  [/^(?:what(?:'s|s|\s+is)\s+)(?:on\s+|coming\s+(?:up\s+)?)?next$/, "next"],
  [new RegExp(`^(?:what(?:'s|s|\\s+is)\\s+)?(?:on|happening)\\s+(${DAY})$`), "schedule $1"],
  [
    new RegExp(`^(?:what(?:'s|s|\\s+is)\\s+)?(?:on|happening)\\s+(?:${DAY_PART})$`),
    "schedule today",
  ],
  [/^(?:any(?:thing)?\s+new|(?:any\s+)?(?:new|latest|recent|newest)\s+talks)$/, "new"],
];

export function weekCommandText(text: string): string {
  const plain = commandText(text);
  for (const [pattern, command] of WEEK_PHRASES)
    if (pattern.test(plain)) return plain.replace(pattern, command);
  // "schedule for tomorrow", "schedule on monday": the day word is what counts.
  return text.replace(new RegExp(`^(schedule)\\s+(?:for|on)\\s+(?=(?:${DAY})\\b)`, "i"), "$1 ");
}
