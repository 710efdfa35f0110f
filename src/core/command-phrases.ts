// Everyday ways of typing a one-word command: "show more", "next page", "more please" are
// `more`; "talk of the day" is `today`; "surprise me" is `random`; "HELP!" is `help`.
// People ask in sentences and with punctuation; without this those went to the search and
// came back as "No talks found". Whole messages only: "more numa" stays a search. Pure.

export type PhraseCommand = "more" | "today" | "random" | "topics" | "help";

/** Each command's phrasings, matched against the whole normalised message. */
const PHRASES: readonly (readonly [PhraseCommand, RegExp])[] = [
  [
    "more",
    /^(?:(?:show|give me|send|load|see|get|list|display)\s+)?(?:some\s+)?(?:more|moar)(?:\s+(?:results|talks|ones|matches|of them|of those|of these))?$/,
  ],
  ["more", /^next\s+(?:page|results|ones|few)$/],
  ["today", /^today$/],
  ["today", /^(?:(?:what|which)(?:'s|\s+is)\s+)?(?:today'?s|todays)\s+talk$/],
  ["today", /^(?:(?:what|which)(?:'s|\s+is)\s+)?(?:the\s+)?talk\s+of\s+the\s+day(?:\s+today)?$/],
  ["today", /^totd$/],
  [
    "random",
    /^(?:(?:give me|show me|pick|send me|show)\s+)?(?:a\s+)?random(?:\s+(?:talk|one|pick|talk please))?$/,
  ],
  ["random", /^(?:surprise me|(?:i'm\s+|im\s+)?feeling lucky)$/],
  [
    "topics",
    /^(?:(?:list|show|all|which|what)\s+(?:all\s+)?(?:the\s+)?)?topics?(?:\s+(?:are there|do you (?:have|know|cover)))?$/,
  ],
  ["help", /^(?:help|halp|\?)$/],
];

/** Courtesy at the end that changes nothing: "more please", "random one pls". */
const TRAILING_COURTESY = /(?:\s+(?:please|pls|plz|thanks|thx))+$/;

/** What the phrase-matching sees: lower case, no command prefix, no closing punctuation. */
export function commandText(text: string): string {
  const closing = /[\s?!.,:;]+$/u;
  return text
    .trim()
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/^[/!]/, "")
    .replace(closing, "")
    .replace(TRAILING_COURTESY, "")
    .replace(closing, "")
    .trim();
}

/** The command a whole message says in everyday words, or null. */
export function phraseCommand(text: string): PhraseCommand | null {
  const plain = commandText(text);
  for (const [command, pattern] of PHRASES) if (pattern.test(plain)) return command;
  return null;
}

const DAY = "today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day";

/**
 * The conference-week commands (src/week/command.ts) said in words, as the command:
 * "what's on now" is `now`, "what's next" is `next`, "schedule for tomorrow vfio" is
 * `schedule tomorrow vfio`, "any new talks?" is `new`. Anything else comes back as it was.
 */
const WEEK_PHRASES: readonly (readonly [RegExp, string])[] = [
  [/^what(?:'s|s|\s+is)\s+(?:on|happening|running)(?:\s+(?:right\s+)?now)?$/, "now"],
  [/^(?:on|happening|running)\s+(?:right\s+)?now$/, "now"],
  [/^(?:what(?:'s|s|\s+is)\s+)(?:on\s+|coming\s+(?:up\s+)?)?next$/, "next"],
  [new RegExp(`^(?:what(?:'s|s|\\s+is)\\s+)?on\\s+(${DAY})$`), "schedule $1"],
  [/^(?:any(?:thing)?\s+new|(?:any\s+)?(?:new|latest|recent|newest)\s+talks)$/, "new"],
];

export function weekCommandText(text: string): string {
  const plain = commandText(text);
  for (const [pattern, command] of WEEK_PHRASES)
    if (pattern.test(plain)) return plain.replace(pattern, command);
  // "schedule for tomorrow", "schedule on monday": the day word is what counts.
  return text.replace(new RegExp(`^(schedule)\\s+(?:for|on)\\s+(?=(?:${DAY})\\b)`, "i"), "$1 ");
}
