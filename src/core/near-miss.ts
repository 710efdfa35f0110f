// A second look at a message the search found nothing for, before "No talks found":
// a greeting or a thank-you with a slip ("thnak you", "helo", "heyyy") is small talk, and
// one word a slip from a command ("subscrbe", "tody", "watchs") is that command or a
// question about it. Only after the search, so a real word one letter from a greeting or
// a command ("byte", "watcher") is still searched first. Pure.
import { stripAddress } from "./address.ts";
import type { Answer } from "./answer.ts";
import { commandText } from "./command-phrases.ts";
import { editDistance } from "./edit-distance.ts";
import type { Command } from "./grammar.ts";
import { commandOf } from "./grammar.ts";
import { sanitizeInput } from "./sanitize.ts";
import type { ChatLanguage } from "./search/query/chat-language.ts";
import { stem } from "./search/query/tokenize.ts";
import { detectSmallTalk } from "./small-talk.ts";
import type { SmallTalkLexicon } from "./small-talk-lexicon.ts";

/** Commands that only show something: a slip in one is answered as the command. */
const SHOWING = [
  "help",
  "topics",
  "today",
  "random",
  "more",
  "watches",
  "subscription",
  "schedule",
];
/** Commands that change what a channel gets: a slip in one is asked about, never run. */
const CHANGING = ["subscribe", "unsubscribe", "watch", "unwatch"];

/**
 * A listing command that takes no words, and the command that does: "wathces vfio" (a slip
 * of "watches", which refuses words) meant "watch vfio", as "watchs vfio" does.
 */
const WITH_WORDS: Readonly<Record<string, string>> = { watches: "watch" };

/** Fewer letters than this and every word is one slip from some command. */
const MIN_LETTERS = 4;

/** Slips forgiven in a word this long: one, two in a long word ("unsbuscribe"). */
const slipsFor = (word: string) => (word.length >= 8 ? 2 : 1);

/**
 * Whether `word` is one slip from `command`. A short word may only drop, add or swap a
 * letter: one changed letter makes too many jargon words ("heap", "tree") a command.
 */
function slipped(word: string, command: string, distance: number): boolean {
  if (distance !== 1 || word.length >= 5 || word.length !== command.length) return true;
  return [...word].sort().join("") === [...command].sort().join("");
}

/** The commands closest to `word` within its slips, or none. Same first letter, as typed. */
function nearestCommands(word: string): string[] {
  if (word.length < MIN_LETTERS || !/^\p{L}+$/u.test(word)) return [];
  let best = slipsFor(word);
  let found: string[] = [];
  for (const command of [...SHOWING, ...CHANGING]) {
    if (command[0] !== word[0]) continue;
    const d = editDistance(word, command);
    if (d > best || d === 0 || !slipped(word, command, d)) continue;
    if (d < best || found.length === 0) [best, found] = [d, [command]];
    else found.push(command);
  }
  return found;
}

/** The one command `word` is a single slip from, or none (two at one slip: no guess). */
function oneSlipCommand(word: string): string | undefined {
  const near = nearestCommands(word).filter((c) => editDistance(word, c) === 1);
  return near.length === 1 ? near[0] : undefined;
}

/** Kinds a corrected line may parse to that would only be refused again. */
const REFUSED: ReadonlySet<Command["kind"]> = new Set<Command["kind"]>([
  "search",
  "usage",
  "subscription-usage",
  "watch-usage",
]);

const quoted = (words: readonly string[]) => words.map((w) => `"${w}"`).join(" or ");

/** Small talk with a slip in it ("thnak you"), as a command. */
function slippedSmallTalk(clean: string, smallTalk: SmallTalkLexicon): Command | null {
  const intent = detectSmallTalk(clean, smallTalk, { fuzzy: true });
  return intent ? { kind: "small-talk", intent } : null;
}

/** What the turn can do beyond the answer, for the second look to offer only that. */
export interface SecondLookContext {
  /**
   * Whether the asker's surface runs a channel-changing command of this kind ("watch",
   * "subscribe"): a chat turn with their handlers does, the CLI does not (its "wacth vfio"
   * keeps the talks, as before the question was asked).
   */
  readonly runs: (kind: Command["kind"]) => boolean;
  /** Whether `word` searched alone finds talks (as typed, or corrected): every match counts. */
  readonly findsTalks: (word: string) => boolean;
}

/** Without a turn (the tests of the rules): every command runs, the shown page decides. */
const PAGE_ONLY = (answer: Answer): SecondLookContext => ({
  runs: () => true,
  findsTalks: (word) => foundBy(answer, word),
});

/**
 * What to answer instead of a search's `answer` to `text`, or null to keep it. A search
 * that found talks only by correcting a word ("tahnks" → tasks) is small talk when every
 * word is a slip from small talk. A slipped command with its arguments ("wacth vfio") is
 * asked about when nothing was found, and instead of found talks only for a dropped, added
 * or swapped letter of a word that finds no talk itself ("witch vfio" is a search). A
 * slipped command alone is looked for only when nothing was found ("shedule" finds the
 * scheduler talks, and that is kept).
 */
export function secondLook(
  answer: Answer,
  /** The message as the grammar read it (parseMessage's `text`: its mentions dropped). */
  text: string,
  smallTalk: SmallTalkLexicon,
  /** The chat words the turn parsed `text` with (the catalog's DATA_DIR). */
  language: ChatLanguage,
  context: SecondLookContext = PAGE_ONLY(answer),
): Command | null {
  const clean = stripAddress(sanitizeInput(text));
  if (answer.kind === "no-results" || answer.kind === "results") {
    const slip = slippedCommandLine(clean, smallTalk, language, context.runs);
    // Talks the slipped word itself found (as typed, or corrected into a catalog word) are
    // never replaced by a question, nor talks found with a real word one changed letter
    // from the command ("witch"); talks its arguments alone found are: "wacth vfio" listed
    // the VFIO talks without a word, and the asker believed a watch was set.
    const replaces = (s: NonNullable<typeof slip>) =>
      s.command.kind !== "usage" ||
      answer.kind === "no-results" ||
      (!changedLetter(s.word, s.meant) && !context.findsTalks(s.word));
    if (slip && replaces(slip)) return slip.command;
  }
  if (answer.kind === "no-results") return nearMiss(clean, smallTalk, language, context.runs);
  if (answer.kind === "results" && answer.corrections.length > 0)
    return slippedSmallTalk(clean, smallTalk) ?? slippedShowing(clean, smallTalk, language);
  return null;
}

/**
 * One word one slip from a showing command, found only by correcting it ("radnom" →
 * random, "tody" → todo): the command was meant. Two slips ("sheduler") may be a search,
 * and so may a slip of "schedule", whose stem is a subject of talks ("shedule" finds the
 * scheduler talks).
 */
function slippedShowing(
  clean: string,
  smallTalk: SmallTalkLexicon,
  language: ChatLanguage,
): Command | null {
  const only = oneSlipCommand(commandText(clean));
  return only !== undefined && SHOWING.includes(only) && only !== "schedule"
    ? commandOf(only, smallTalk, language)
    : null;
}

/**
 * A command with its arguments whose first word has one slip ("wacth vfio", "unwach 1",
 * "subscibe 9am", "schedul tomorrow"), whatever the search found: one that changes what a
 * channel gets is asked about with the whole line, a schedule for a day said is shown.
 * Only when the line, corrected, is that command and would run: "sheduler numa" stays a
 * search, and "subscibe numa" (which subscribe would refuse) is not offered. With the
 * slipped word, so the caller can tell whether the search found anything by it.
 */
function slippedCommandLine(
  clean: string,
  smallTalk: SmallTalkLexicon,
  language: ChatLanguage,
  runs: SecondLookContext["runs"],
): { readonly word: string; readonly meant: string; readonly command: Command } | null {
  const [first, ...rest] = clean.split(/\s+/);
  if (first === undefined || rest.length === 0) return null;
  const word = first.toLowerCase().replace(/^[/!]/, "");
  // "watchs vfio" is one slip from watch and from watches; only "watch vfio" would run.
  const lines = new Map<string, { meant: string; command: string; parsed: Command }>();
  for (const meant of nearestCommands(word).filter((c) => editDistance(word, c) === 1)) {
    for (const command of [meant, WITH_WORDS[meant]]) {
      if (command === undefined) continue;
      const line = `${command} ${rest.join(" ")}`;
      // The slip of the command itself decides whether a changed letter made it ("witch").
      if (!lines.has(line) || meant === command)
        lines.set(line, { meant, command, parsed: commandOf(line, smallTalk, language) });
    }
  }
  const running = [...lines]
    .filter(([, { parsed }]) => !REFUSED.has(parsed.kind))
    // A changing command the surface cannot run is no question to ask (the CLI's talks).
    .filter(([, { command, parsed }]) => !CHANGING.includes(command) || runs(parsed.kind));
  const [only] = running;
  if (running.length !== 1 || only === undefined) return null;
  const [line, { meant, command, parsed }] = only;
  if (CHANGING.includes(command)) {
    const message = `"${word}" is not a command I know. Did you mean "${line}"?`;
    const question = { kind: "usage", problem: "did-you-mean", message, quoted: line } as const;
    return { word, meant, command: question };
  }
  // "schedul numa" may be a search; "schedul tomorrow" names the day it wants.
  const saidDay =
    parsed.kind === "schedule" && (parsed.day !== "today" || /^today$/i.test(rest[0]!));
  return saidDay ? { word, meant, command: parsed } : null;
}

/** Whether `word` is `command` with one letter changed ("witch"), not dropped, added or swapped. */
const changedLetter = (word: string, command: string) =>
  word.length === command.length && [...word].sort().join("") !== [...command].sort().join("");

/** Whether `word` found talks of `answer`'s page: corrected into a catalog word, or matched. */
function foundBy(answer: Answer, word: string): boolean {
  if (answer.kind !== "results") return false;
  if (answer.corrections.some((c) => c.startsWith(`${word} →`))) return true;
  const forms = new Set([word, stem(word)]);
  return answer.hits.some((hit) => hit.matched.some((term) => forms.has(term)));
}

/** What to answer instead of "No talks found" for `clean`, or null to say that after all. */
function nearMiss(
  clean: string,
  smallTalk: SmallTalkLexicon,
  language: ChatLanguage,
  runs: SecondLookContext["runs"],
): Command | null {
  const talk = slippedSmallTalk(clean, smallTalk);
  if (talk) return talk;
  // "topcis please", "mroe pls": courtesy and punctuation around the slipped word aside.
  const word = commandText(clean);
  // A changing command the surface cannot run is not offered: the CLI's "subscrbe" is a
  // search that found nothing, not a question about a command it would refuse.
  const commands = nearestCommands(word).filter(
    (c) => !CHANGING.includes(c) || runs(commandOf(c, smallTalk, language).kind),
  );
  const [only] = commands;
  if (commands.length === 1 && only !== undefined && SHOWING.includes(only))
    return commandOf(only, smallTalk, language);
  if (commands.length === 0) return null;
  return {
    kind: "usage",
    problem: "did-you-mean",
    message: `"${word}" is not a command I know. Did you mean ${quoted(commands)}?`,
  };
}
