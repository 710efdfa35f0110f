// The one command grammar shared by Slack, Matrix and the console:
//   subscribe [HH:MM] [Area/City] | unsubscribe | subscription
//   | watch <search> | watches | unwatch N
//   | help | today | random | more | topics | small talk ("hi", "thanks!", 👍)
//   | new [WORDS] | now | next [at EVENT] | schedule [DAY] [WORDS]  (src/week/command.ts)
//   | search text with filters
//   filters: speaker:NAME  year:2012  year:2010-2011  event:"kvm forum"  topic:numa
//   "quoted phrases" must appear as written.
// The core answers the query commands (CoreCommand); the turn pages with `more` and hands
// the rest to the feature that registered for it (src/core/command-handlers.ts).
import { parseWeekWords, type WeekWords } from "../week/command.ts";
import {
  asksToStop,
  commandText,
  type PickPhrase,
  phraseCommand,
  pickPhrase,
  weekCommandText,
} from "./command-phrases.ts";
import { readFilter } from "./filters.ts";
import { sanitizeInput } from "./sanitize.ts";
import type { ChatLanguage } from "./search/query/chat-language.ts";
import { stem } from "./search/query/tokenize.ts";
import { asksForHelp, detectSmallTalk, type SmallTalkIntent } from "./small-talk.ts";
import { parseSubscriptionCommand, type SubscriptionCommand } from "./subscription-grammar.ts";
import { parseWatchCommand, type WatchCommand, type WatchSearch } from "./watch-grammar.ts";
import { wordData } from "./word-data.ts";

const QUERY_LIMITS = Object.freeze({
  /**
   * Longer queries are refused: fuzzy matching cost grows with pattern length. A question
   * typed in chat, setting out a problem before asking, runs to 250 characters or so.
   */
  maxQueryChars: 300,
  /**
   * More search terms than this is pasted text, not a search; it would also cost every
   * user time (each term is looked up, and corrected when it is not in the catalog).
   * Everyday words do not count ("how can I … without booting it"): the search drops or
   * never corrects them (data/chat-words.json), and people ask in sentences.
   */
  maxTerms: 20,
  /** Every word counts here: a question longer than this is pasted text. */
  maxWords: 50,
});

export interface SearchRequest {
  /** Free words outside quotes, in order. */
  readonly words: readonly string[];
  /** Quoted phrases, each kept whole. */
  readonly phrases: readonly string[];
  readonly speakers: readonly string[];
  readonly events: readonly string[];
  readonly topics: readonly string[];
  readonly years: { readonly from: number; readonly to: number } | null;
  /** The cleaned query text, for echoing back and for paging. */
  readonly text: string;
  /**
   * A second try after the search found nothing: everyday words beside jargon that no
   * talk is named by may be left out ("sharing" in "sharing a gpu between vms").
   */
  readonly loose?: boolean;
}

export type UsageProblem =
  | "too-long"
  | "no-words"
  | "unknown-filter"
  | "bad-year"
  | "empty-filter"
  | "too-many-terms"
  | "week"
  /** One word a slip from a command (near-miss.ts): which command was meant. */
  | "did-you-mean"
  /** "stop posting here": how to stop the daily post or a watch (changes nothing itself). */
  | "stop";

/** What the core answers from the catalog. */
export type CoreCommand =
  | { readonly kind: "help"; readonly empty: boolean }
  | { readonly kind: "today" }
  | { readonly kind: "random" }
  | { readonly kind: "topics" }
  | { readonly kind: "small-talk"; readonly intent: SmallTalkIntent }
  | { readonly kind: "search"; readonly request: SearchRequest }
  | { readonly kind: "usage"; readonly problem: UsageProblem; readonly message: string }
  /** new, now, next, schedule DAY (src/week): `request` narrows the listing; `text` pages it. */
  | (WeekWords & { readonly request: SearchRequest | null; readonly text: string });

/** `watch <search>`, `watches`, `unwatch N` (src/watch/watch-commands.ts answers them). */
export type { WatchCommand };
export { parseSubscriptionCommand, type SubscriptionCommand };

/** What the turn answers from the asker's last listing (it remembers it). */
export type TurnCommand =
  /** The next page; `orRandom`: "another one" with nothing to page is a random talk. */
  | { readonly kind: "more"; readonly orRandom?: true }
  /** "show 3", "#3", "page 2" (command-phrases.ts); `text` is searched when `bare` has nothing to pick from. */
  | (PickPhrase & { readonly text: string });

export type Command =
  | CoreCommand
  | WatchCommand
  | TurnCommand
  | Exclude<SubscriptionCommand, { readonly kind: "usage" }>
  /** `subscribe` with arguments it cannot take: one line saying what is expected. */
  | { readonly kind: "subscription-usage"; readonly message: string };

const STOP_MESSAGE =
  'To stop the talk of the day here, type "unsubscribe"; to stop a watch, "watches" lists them and "unwatch N" ends one.';

const usage = (problem: UsageProblem, message: string): CoreCommand => ({
  kind: "usage",
  problem,
  message,
});

/** Splits on spaces, keeping "quoted phrases" and key:"quoted values" together. */
function lex(text: string): { token: string; quoted: boolean }[] {
  const out: { token: string; quoted: boolean }[] = [];
  // key:"value with spaces" | "phrase" | bare token. An unbalanced quote runs to the end.
  const re = /(\w+):["“”]([^"“”]*)["“”]?|["“”]([^"“”]*)["“”]?|(\S+)/g;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) out.push({ token: `${m[1]}:${m[2] ?? ""}`, quoted: false });
    else if (m[3] !== undefined) out.push({ token: m[3], quoted: true });
    else if (m[4] !== undefined) out.push({ token: m[4], quoted: false });
  }
  return out;
}

const HAS_WORD = /[\p{L}\p{N}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/**
 * The tokens that cost a search something: all but the everyday words a search drops
 * (filler) or never corrects (common English), per data/chat-words.json.
 */
function searchTerms(
  tokens: readonly { token: string; quoted: boolean }[],
  language: ChatLanguage,
): number {
  let terms = 0;
  for (const { token, quoted } of tokens) {
    const word = token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    const everyday = !quoted && (language.common.has(word) || language.filler.has(stem(word)));
    if (!everyday) terms++;
  }
  return terms;
}

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

/** Every command, the turn's and the features' included. */
export function parseCommand(
  raw: string,
  smallTalk = wordData().smallTalk,
  language = wordData().language,
): Command {
  const subscription = parseSubscriptionCommand(raw);
  if (subscription?.kind === "usage")
    return { kind: "subscription-usage", message: subscription.message };
  if (subscription) return subscription;
  const watch = parseWatchCommand(raw, (query): WatchSearch => {
    const parsed = parseCoreCommand(query, smallTalk, language);
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
  // A wish for quiet is said in a channel; the web and the CLI search "stop" as written.
  if (asksToStop(text)) return usage("stop", STOP_MESSAGE);
  return parseCoreCommand(raw, smallTalk, language);
}

/**
 * The commands the core answers; the turn's own words ("more", "subscribe") are searched
 * as written, as they were before the turn took them.
 */
export function parseCoreCommand(
  raw: string,
  smallTalk = wordData().smallTalk,
  /** The chat words of the catalog's DATA_DIR: which words count toward the term limit. */
  language = wordData().language,
): CoreCommand {
  const text = sanitizeInput(raw);
  if (text.length === 0) return { kind: "help", empty: true };
  if (text.length > QUERY_LIMITS.maxQueryChars) {
    return usage(
      "too-long",
      `That query is ${text.length} characters long; please keep it under ${QUERY_LIMITS.maxQueryChars}.`,
    );
  }
  const intent = detectSmallTalk(text, smallTalk);
  if (intent) return { kind: "small-talk", intent };
  if (asksForHelp(text, smallTalk) || /^[?¿]+$/.test(text)) return { kind: "help", empty: false };
  if (!HAS_WORD.test(text)) {
    // Emoji alone ("🤔", "🙃"): a reaction, answered like one, with what the bot can do.
    if (EMOJI.test(text)) return { kind: "small-talk", intent: "ack" };
    return usage("no-words", "That query has no words to search for.");
  }

  const first = commandText(text);
  if (first.startsWith("help ")) return { kind: "help", empty: false };
  const phrase = phraseCommand(text);
  if (phrase === "help") return { kind: "help", empty: false };
  // Without the turn's memory of a listing, "another one" is a random talk.
  if (phrase === "another") return { kind: "random" };
  // "more" reaching the core (a search's own words, never the turn's) is searched as written.
  if (phrase && phrase !== "more") return { kind: phrase };
  const weekText = weekCommandText(text.replace(/^[/!]/, ""));
  const week = parseWeekWords(weekText);
  if (week) return weekCommand(week, weekText, smallTalk, language);

  const words: string[] = [];
  const phrases: string[] = [];
  const speakers: string[] = [];
  const events: string[] = [];
  const topics: string[] = [];
  let years: { from: number; to: number } | null = null;

  const tokens = lex(text);
  const terms = searchTerms(tokens, language);
  if (tokens.length > QUERY_LIMITS.maxWords)
    return usage(
      "too-many-terms",
      `That message has ${tokens.length} words; please ask in at most ${QUERY_LIMITS.maxWords}.`,
    );
  if (terms > QUERY_LIMITS.maxTerms)
    return usage(
      "too-many-terms",
      `That query has ${terms} search terms; please use at most ${QUERY_LIMITS.maxTerms}.`,
    );
  for (let at = 0; at < tokens.length; at++) {
    const { token, quoted } = tokens[at]!;
    if (quoted) {
      if (HAS_WORD.test(token)) phrases.push(token.trim());
      continue;
    }
    const filter = readFilter(tokens, at);
    switch (filter.kind) {
      case "problem":
        return usage(filter.problem, filter.message);
      case "word":
        words.push(filter.word);
        break;
      case "years":
        years = filter.years;
        at += filter.took - 1;
        break;
      case "filter":
        ({ speaker: speakers, event: events, topic: topics })[filter.key].push(filter.value);
        at += filter.took - 1;
        break;
      case "none":
        if (HAS_WORD.test(token)) words.push(token);
    }
  }
  const request: SearchRequest = { words, phrases, speakers, events, topics, years, text };
  if (
    !words.length &&
    !phrases.length &&
    !speakers.length &&
    !events.length &&
    !topics.length &&
    !years
  ) {
    return usage("no-words", "That query has no words to search for.");
  }
  return { kind: "search", request };
}

/** A week command with its search words parsed as a question's; words no search takes are words. */
function weekCommand(
  week: NonNullable<ReturnType<typeof parseWeekWords>>,
  text: string,
  smallTalk: ReturnType<typeof wordData>["smallTalk"],
  language: ChatLanguage,
): CoreCommand {
  if (week.kind === "week-usage") return usage("week", week.message);
  const { rest, ...words } = week;
  if (rest === null) return { ...words, request: null, text };
  const narrowed = parseCoreCommand(rest, smallTalk, language);
  if (narrowed.kind === "usage") return narrowed;
  if (narrowed.kind === "search") return { ...words, request: narrowed.request, text };
  const request = { ...EMPTY_REQUEST, words: rest.split(/\s+/), text: rest };
  return { ...words, request, text };
}

const EMPTY_REQUEST = { phrases: [], speakers: [], events: [], topics: [], years: null } as const;
