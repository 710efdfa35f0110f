// Everyday ways of typing a one-word command: "show more", "next page", "more please" are
// `more`; "talk of the day" is `today`; "surprise me" is `random`; "HELP!" is `help`.
// People ask in sentences and with punctuation; without this those went to the search and
// came back as "No talks found". Whole messages only: "more numa" stays a search. Pure.

import { DAY_WORDS } from "./day-words.ts";

export type PhraseCommand = "more" | "another" | "today" | "random" | "topics" | "help";

/** Each command's phrasings, matched against the whole normalised message. */
const PHRASES: readonly (readonly [PhraseCommand, RegExp])[] = [
  [
    "more",
    // "show me more", "can you show us more", "could i see more", "are there any more"
    /^(?:(?:can|could)\s+(?:you|i|we)\s+)?(?:(?:show(?:\s+(?:me|us))?|give\s+(?:me|us)|send(?:\s+(?:me|us))?|load|see|get(?:\s+me)?|list|display)\s+)?(?:(?:are\s+there\s+)?any\s*|some\s+)?(?:more|moar)(?:\s+(?:results|talks|ones|matches|of them|of those|of these))?$/,
  ],
  ["more", /^next\s+(?:page|results|ones|few|one)$/],
  // "anything else?", "any others": after a search, the rest of it.
  ["more", /^(?:(?:is\s+there\s+)?anything|what)\s+else$|^(?:any\s+)?others$/],
  // "give me 5 more", "show a few more": a page is the size it is, the next one is meant.
  [
    "more",
    /^(?:(?:can|could)\s+(?:you|i|we)\s+)?(?:show|give|send|get|list)(?:\s+(?:me|us))?\s+(?:\d{1,2}|a\s+few|a\s+couple|two|three|four|five|ten)\s+more(?:\s+(?:results|talks|ones|of them))?$/,
  ],
  // "show all", "all results", "list them all": every match is a page at a time.
  [
    "more",
    /^(?:(?:show|list|give|see|display)(?:\s+(?:me|us))?\s+)?(?:(?:them|those)\s+)?all(?:\s+(?:the\s+)?(?:results|talks|matches|of them))?$|^(?:show|list)\s+(?:me\s+)?(?:them|those)\s+all$/,
  ],
  ["more", /^(?:(?:show|give me|send)\s+)?one\s+more$/],
  // "another one" after a search is its next page; after nothing, a random talk (turn.ts).
  ["another", /^(?:(?:show|give me|send|show me|send me)\s+)?another(?:\s+(?:one|talk))?$/],
  ["today", /^today$/],
  [
    "today",
    /^(?:(?:can|could|would|will)\s+you\s+)?(?:please\s+)?(?:show|give|send|tell|post)(?:\s+(?:me|us))?\s+(?:the\s+)?(?:talk\s+of\s+the\s+day|today'?s\s+talk|todays\s+talk)$/,
  ],
  ["today", /^(?:(?:what|which)(?:'s|\s+is)\s+)?(?:today'?s|todays)\s+talk$/],
  ["today", /^(?:(?:what|which)(?:'s|\s+is)\s+)?(?:the\s+)?talk\s+of\s+the\s+day(?:\s+today)?$/],
  ["today", /^totd$/],
  [
    "random",
    /^(?:(?:give me|show me|pick|send me|show)\s+)?(?:a\s+)?random(?:\s+(?:talk|one|pick|talk please))?$/,
  ],
  ["random", /^(?:surprise me|(?:i'm\s+|im\s+)?feeling lucky)$/],
  // "recommend a talk", "suggest me something to watch": any talk will do.
  [
    "random",
    /^(?:(?:can|could)\s+you\s+)?(?:recommend|suggest)(?:\s+(?:me|us))?\s+(?:a|one|some|any)(?:\s+good)?\s+(?:talk|one)$|^what\s+should\s+i\s+watch$/,
  ],
  [
    "topics",
    /^(?:(?:list|show|all|which|what)\s+(?:all\s+)?(?:the\s+)?)?topics?(?:\s+(?:are there|do you (?:have|know|cover)))?$/,
  ],
  // "how many talks do you have": the topics list counts them (a greeting otherwise: "how").
  ["topics", /^how\s+many\s+(?:talks|topics)(?:\s+(?:are\s+there|do\s+you\s+(?:have|know)))?$/],
  ["help", /^(?:help|halp|\?)$/],
  // The bot's name alone ("virt-talks", "@virt-talks" where the mention is not stripped):
  // someone calling it, like a bare "/virt".
  ["help", /^@?virt[- ]?talks$/],
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

const ORDINALS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
];
const ORDINAL = `(${ORDINALS.join("|")}|\\d{1,3}(?:st|nd|rd|th))`;
const SHOW =
  "(?:(?:show|open|expand|details?|tell\\s+me\\s+about|more\\s+(?:on|about))(?:\\s+(?:me|us))?(?:\\s+(?:of|on|for))?\\s+)";
const NUMBERED = "(?:(?:talk|result|number|item|no\\.?|#)\\s*)";

/** One talk of the last listing by its number, or a page of it, as people ask for it. */
export type PickPhrase =
  | { readonly kind: "pick"; readonly index: number; readonly bare: boolean }
  | { readonly kind: "page"; readonly page: number }
  /** The page before the one last shown; `bare` ("back") only when there is a listing. */
  | { readonly kind: "previous"; readonly bare: boolean };

/** What a phrase numbered 0 ("show 0", "#0", "page 0") asked for; null: searched as written. */
type Zero = "talk" | "page" | null;

const PICKS: readonly (readonly [RegExp, (m: RegExpExecArray) => PickPhrase | null, Zero])[] = [
  // "show 3", "show #3", "open talk 2", "details of 3", "#2", "number 2", "talk 3"
  [
    new RegExp(`^${SHOW}(?:the\\s+)?${NUMBERED}?(\\d{1,3})$`),
    (m) => pick(Number(m[1]), false),
    "talk",
  ],
  [new RegExp(`^${NUMBERED}(\\d{1,3})$`), (m) => pick(Number(m[1]), false), "talk"],
  // "the second one", "show me the 3rd talk", "first one"
  [
    new RegExp(`^${SHOW}?(?:the\\s+)?${ORDINAL}(?:\\s+(?:one|talk|result))?$`),
    (m) => pick(ordinal(m[1]!), false),
    "talk",
  ],
  // "page 2", "go to page 2", "show page 2"
  [
    /^(?:(?:go\s+to|show(?:\s+me)?|open)\s+)?page\s+(\d{1,3})$/,
    (m) => (Number(m[1]) >= 1 ? { kind: "page", page: Number(m[1]) } : null),
    "page",
  ],
  // "previous page", "go back", "prev"; "back" or "previous" alone only after a listing.
  [
    /^(?:(?:show|go\s+to|go)\s+)?(?:the\s+)?(?:previous|prev|last)\s+(?:page|results|ones|few)$|^go\s+back$/,
    () => ({ kind: "previous", bare: false }),
    null,
  ],
  [/^(?:back|previous|prev)$/, () => ({ kind: "previous", bare: true }), null],
  // A number alone: a pick only when there is a listing to pick from (turn.ts).
  [/^(\d{1,2})$/, (m) => pick(Number(m[1]), true), null],
];

const pick = (index: number, bare: boolean): PickPhrase | null =>
  index >= 1 ? { kind: "pick", index, bare } : null;

function ordinal(word: string): number {
  const n = ORDINALS.indexOf(word);
  return n >= 0 ? n + 1 : Number.parseInt(word, 10);
}

/** "show 3", "#3", "the second one", "page 2": a talk or a page of the last listing. */
export function pickPhrase(text: string): PickPhrase | null {
  const plain = commandText(text);
  for (const [pattern, read] of PICKS) {
    const m = pattern.exec(plain);
    if (m) return read(m);
  }
  return null;
}

/**
 * "show 0", "#0", "the 0th one", "page 0": a talk or page counted from 0, which no listing
 * has (searched as words, "#0" found talks that merely say "0"). A 0 alone stays a search.
 */
export function zeroPhrase(text: string): "talk" | "page" | null {
  const plain = commandText(text);
  for (const [pattern, read, zero] of PICKS) {
    const m = pattern.exec(plain);
    if (m) return read(m) === null ? zero : null;
  }
  return null;
}

/**
 * "stop posting here", "cancel subscription", "mute", "turn off the daily talk": someone who
 * wants the bot quiet. Only whole messages of these words; answered with how to stop the
 * daily post or a watch, never by changing anything (that takes the command itself).
 */
const STOP_VERB =
  /^(?:(?:please|pls|plz)\s+)?(?:stop|mute|silence|quiet|unsub|disable|cancel|turn\s+off|switch\s+off|no\s+more|enough)(?:\s+|$)/;
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "it that this now posting post posts posted spamming spam sending messages message here in " +
    "channel room the daily talk talks of day subscription subscriptions notifications " +
    "alerts alert please pls bot virt-talks virt talks totd me us all from you your these those " +
    "with them updates"
  ).split(" "),
);

/** Whether the whole message asks the bot to stop posting (see STOP_VERB). */
export function asksToStop(text: string): boolean {
  const plain = commandText(text).replace(/[,.!]+/g, " ");
  // "stop watching numa", "stop the watch on vfio": a watch, ended by its number.
  if (/^(?:(?:please|pls)\s+)?stop\s+(?:watching|the\s+watch|watch)\b/.test(plain)) return true;
  const verb = STOP_VERB.exec(plain);
  if (!verb) return false;
  return plain
    .slice(verb[0].length)
    .split(/\s+/)
    .every((w) => w === "" || STOP_WORDS.has(w));
}

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

/** "vfio?" and "vfio!" are "vfio". */
const plainWord = (token: string) => token.toLowerCase().replace(/[?!.]+$/, "");

/**
 * Whether words after a command word narrow it: one word or filter first, everyday words
 * aside ("vfio talks", "topic:numa"). Two telling words, or an everyday word first, are a
 * search that opens with the command word ("next generation virtio", "random number
 * generators").
 */
export function oneTellingWord(
  words: readonly string[],
  everyday: (word: string) => boolean,
): boolean {
  const first = words[0];
  return (
    first !== undefined &&
    !everyday(plainWord(first)) &&
    words.filter((w) => !everyday(plainWord(w))).length === 1
  );
}
