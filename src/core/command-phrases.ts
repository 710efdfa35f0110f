// Everyday ways of typing a one-word command: "show more", "next page", "more please" are
// `more`; "talk of the day" is `today`; "surprise me" is `random`; "HELP!" is `help`; "stop
// posting here" asks how to stop. People ask in sentences and with punctuation; without
// this those went to the search and came back as "No talks found". Whole messages only:
// "more numa" stays a search. A talk or page by its number: pick-phrases.ts; the week's
// commands in words: week-phrases.ts. Pure.

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
