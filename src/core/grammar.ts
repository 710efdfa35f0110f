// The one command grammar shared by Slack, Matrix and the console:
//   subscribe [HH:MM] [Area/City] | unsubscribe | subscription
//   | watch <search> | watches | unwatch N
//   | help | today | random [WORDS] | more | topics | small talk ("hi", "thanks!", 👍)
//   | new [WORDS] | now | next [at EVENT | WORD] | now WORD
//   | schedule [today|tomorrow|yesterday|WEEKDAY] [this morning|afternoon|…] [WORDS]
//     (src/week/command.ts)
//   | search text with filters
//   filters: speaker:NAME  year:2012  year:2010-2011  event:"kvm forum"  topic:numa
//   "quoted phrases" must appear as written.
// This file decides which command a message is (the commands: command-types.ts), reading
// it once: mentions are dropped in parseMessage, then nothing reads them again. A search's
// words, phrases and filters are read by search-request.ts (and filters.ts), for every
// platform.
// The core answers the query commands (CoreCommand); the turn pages with `more` and hands
// the rest to the feature that registered for it (src/core/command-handlers.ts).
import { parseWeekWords } from "../week/command.ts";
import { asksToStop, commandText, oneTellingWord, phraseCommand } from "./command-phrases.ts";
import type {
  Command,
  CoreCommand,
  ParsedMessage,
  TurnCommand,
  UsageProblem,
} from "./command-types.ts";
import { HAS_WORD } from "./filters.ts";
import { dropMentions } from "./mentions.ts";
import { pickPhrase, zeroPhrase } from "./pick-phrases.ts";
import { sanitizeInput } from "./sanitize.ts";
import type { ChatLanguage } from "./search/query/chat-language.ts";
import { stem } from "./search/query/tokenize.ts";
import { EMPTY_REQUEST, QUERY_LIMITS, readSearch, type SearchRequest } from "./search-request.ts";
import { asksForHelp, detectSmallTalk, onlyEmoji } from "./small-talk.ts";
import { parseSubscriptionCommand, type SubscriptionCommand } from "./subscription-grammar.ts";
import { parseWatchCommand, type WatchCommand, type WatchSearch } from "./watch-grammar.ts";
import { weekCommandText } from "./week-phrases.ts";
import { type WordData, wordData } from "./word-data.ts";

/** The word lists the grammar reads (the catalog's DATA_DIR's, else the built-in ones). */
export type GrammarWords = Pick<WordData, "smallTalk" | "language" | "copiedTo">;

/** `watch <search>`, `watches`, `unwatch N` (src/watch/watch-commands.ts answers them). */
export type {
  Command,
  CoreCommand,
  ParsedMessage,
  SearchRequest,
  TurnCommand,
  UsageProblem,
  WatchCommand,
};
export { parseSubscriptionCommand, type SubscriptionCommand };

const STOP_MESSAGE =
  'To stop the talk of the day here, type "unsubscribe"; to stop a watch, "watches" lists them and "unwatch N" ends one.';

const ZERO_MESSAGE = {
  talk: 'Talks are numbered from 1: "show 1" is the first of your last search.',
  page: 'Pages are numbered from 1: "page 1" is the first page of your last search.',
} as const;

const usage = (problem: UsageProblem, message: string): CoreCommand => ({
  kind: "usage",
  problem,
  message,
});

const EMOJI = /\p{Extended_Pictographic}/u;
/** "random numa", "pick a random vfio talk": `random` and the words that narrow it. */
const RANDOM_WITH_WORDS = /^(?:(?:give me|show me|pick|send me|show)\s+)?(?:a\s+)?random\s+(.+)$/;

const CORE_KINDS: ReadonlySet<Command["kind"]> = new Set<CoreCommand["kind"]>([
  "help",
  "today",
  "random",
  "topics",
  "small-talk",
  "search",
  "usage",
  "new",
  "on-now",
  "schedule",
]);

export const isCoreCommand = (command: Command): command is CoreCommand =>
  CORE_KINDS.has(command.kind);

/** A message, read once: mentions are dropped here and nowhere else on its way. */
export function parseMessage(typed: string, words: GrammarWords = wordData()): ParsedMessage {
  const text = dropMentions(typed, words.copiedTo);
  return { text, command: commandOf(text, words.smallTalk, words.language) };
}

/** Every command, the turn's and the features' included. */
export function parseCommand(typed: string, words: GrammarWords = wordData()): Command {
  return parseMessage(typed, words).command;
}

/** The command of a message whose mentions are dropped (parseMessage's `text`). */
export function commandOf(
  raw: string,
  smallTalk = wordData().smallTalk,
  language = wordData().language,
): Command {
  const subscription = parseSubscriptionCommand(raw);
  if (subscription?.kind === "usage")
    return { kind: "subscription-usage", message: subscription.message };
  if (subscription) return subscription;
  const watch = parseWatchCommand(raw, (query): WatchSearch => {
    const parsed = coreCommandOf(query, smallTalk, language);
    if (parsed.kind === "usage") return { kind: "usage", message: parsed.message };
    return parsed.kind === "search"
      ? { kind: "search", text: parsed.request.text }
      : { kind: "other" };
  });
  if (watch) return watch;
  const text = sanitizeInput(raw);
  const phrase = phraseCommand(text);
  if (phrase === "more") return { kind: "more" };
  if (phrase === "another") return { kind: "more", orRandom: true };
  const picked = pickPhrase(text);
  if (picked) return { ...picked, text };
  const zero = zeroPhrase(text);
  if (zero) return usage("numbered-from-1", ZERO_MESSAGE[zero]);
  // A wish for quiet is said in a channel; the web and the CLI search "stop" as written.
  if (asksToStop(text)) return usage("stop", STOP_MESSAGE);
  return coreCommandOf(raw, smallTalk, language);
}

/**
 * The commands the core answers; the turn's own words ("more", "subscribe") are searched
 * as written, as they were before the turn took them.
 */
export function parseCoreCommand(typed: string, words: GrammarWords = wordData()): CoreCommand {
  return coreCommandOf(dropMentions(typed, words.copiedTo), words.smallTalk, words.language);
}

/** parseCoreCommand of a message whose mentions are dropped (parseMessage's `text`). */
export function coreCommandOf(
  raw: string,
  smallTalk: GrammarWords["smallTalk"],
  /** The chat words of the catalog's DATA_DIR: which words count toward the term limit. */
  language: ChatLanguage,
): CoreCommand {
  const text = sanitizeInput(raw);
  if (text.length === 0) return { kind: "help", empty: true };
  if (text.length > QUERY_LIMITS.maxQueryChars) {
    return usage(
      "too-long",
      `That query is ${text.length} characters long; please keep it under ${QUERY_LIMITS.maxQueryChars}.`,
    );
  }
  const phrase = phraseCommand(text);
  // "can you send me the talk of the day" asks for it, not how the bot works; "how many
  // talks do you have" is no greeting.
  if (phrase === "today" || phrase === "topics") return { kind: phrase };
  const intent = detectSmallTalk(text, smallTalk);
  if (intent) return { kind: "small-talk", intent };
  if (asksForHelp(text, smallTalk) || /^[?¿]+$/.test(text)) return { kind: "help", empty: false };
  // Emoji alone as Slack writes them (":thinking_face:"): a reaction, as "🤔" is.
  if (onlyEmoji(text, smallTalk)) return { kind: "small-talk", intent: "ack" };
  if (!HAS_WORD.test(text)) {
    // Emoji alone ("🤔", "🙃"): a reaction, answered like one, with what the bot can do.
    if (EMOJI.test(text)) return { kind: "small-talk", intent: "ack" };
    return usage("no-words", "That query has no words to search for.");
  }

  const first = commandText(text);
  if (first.startsWith("help ")) return { kind: "help", empty: false };
  if (phrase === "help") return { kind: "help", empty: false };
  // Without the turn's memory of a listing, "another one" is a random talk.
  if (phrase === "another") return { kind: "random" };
  // "more" reaching the core (a search's own words, never the turn's) is searched as written.
  if (phrase && phrase !== "more") return { kind: phrase };
  const weekText = weekCommandText(text.replace(/^[/!]/, ""));
  const everyday = (word: string) => language.filler.has(stem(word)) || language.common.has(word);
  const week = parseWeekWords(weekText, everyday);
  if (week) return weekCommand(week, weekText, smallTalk, language);
  // "random numa", "a random talk on topic:vfio": a random one of the talks found for it.
  const random = RANDOM_WITH_WORDS.exec(first);
  if (random && oneTellingWord(random[1]!.split(/\s+/), everyday)) {
    const narrowed = readSearch(random[1]!, language);
    if (narrowed.kind === "search") return { kind: "random", request: narrowed.request };
  }

  return readSearch(text, language);
}

/** A week command with its search words parsed as a question's; words no search takes are words. */
function weekCommand(
  week: NonNullable<ReturnType<typeof parseWeekWords>>,
  text: string,
  smallTalk: GrammarWords["smallTalk"],
  language: ChatLanguage,
): CoreCommand {
  if (week.kind === "week-usage") return usage("week", week.message);
  const { rest, ...words } = week;
  if (rest === null) return { ...words, request: null, text };
  const narrowed = coreCommandOf(rest, smallTalk, language);
  if (narrowed.kind === "usage") return narrowed;
  if (narrowed.kind === "search") return { ...words, request: narrowed.request, text };
  const request = { ...EMPTY_REQUEST, words: rest.split(/\s+/), text: rest };
  return { ...words, request, text };
}
