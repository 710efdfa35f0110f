// The words of a search, read into a SearchRequest: split into tokens ("quoted phrases" and
// key:"quoted values" kept whole), the filters taken out (filters.ts), and the limits on
// how much one question may ask. grammar.ts decides first that a message is a search (not
// a command or small talk); this file only reads the search. Pure.
import { HAS_WORD, readFilter, type Token, type Years } from "./filters.ts";
import type { ChatLanguage } from "./search/query/chat-language.ts";
import { stem } from "./search/query/tokenize.ts";
import { asksRecent } from "./search/recency.ts";

export const QUERY_LIMITS = Object.freeze({
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
  readonly years: Years | null;
  /** The cleaned query text, for echoing back and for paging. */
  readonly text: string;
  /**
   * A second try after the search found nothing: everyday words beside jargon that no
   * talk is named by may be left out ("sharing" in "sharing a gpu between vms").
   */
  readonly loose?: boolean;
  /** Asks for recent talks ("latest talks on …", "what's new in …"): newer ones preferred. */
  readonly recent?: boolean;
}

/** A request with no words and no filter: what a filter-only or a derived request starts from. */
export const EMPTY_REQUEST: SearchRequest = {
  words: [],
  phrases: [],
  speakers: [],
  events: [],
  topics: [],
  years: null,
  text: "",
};

/** Why the words of a search cannot be searched. */
export type SearchProblem =
  | "no-words"
  | "unknown-filter"
  | "bad-year"
  | "empty-filter"
  | "too-many-terms";

type SearchRead =
  | { readonly kind: "search"; readonly request: SearchRequest }
  | { readonly kind: "usage"; readonly problem: SearchProblem; readonly message: string };

const usage = (problem: SearchProblem, message: string): SearchRead => ({
  kind: "usage",
  problem,
  message,
});

const QUOTES_AT_ENDS = /^["“”]+|["“”]+$/g;

/** Splits on spaces, keeping "quoted phrases" and key:"quoted values" together. */
function lex(text: string): Token[] {
  const out: Token[] = [];
  // key:"value with spaces" | "phrase" | bare token. A filter's unclosed quote runs to the
  // end (`speaker:"Ada Example` names one person); a phrase needs its closing mark: an
  // unclosed one ran to the end of the message and usually found nothing, so its words
  // are searched as words, the stray mark dropped.
  const re = /(\w+):["“”]([^"“”]*)["“”]?|["“”]([^"“”]*)["“”]|(\S+)/g;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) out.push({ token: `${m[1]}:${m[2] ?? ""}`, quoted: false });
    else if (m[3] !== undefined) out.push({ token: m[3], quoted: true });
    else if (m[4] !== undefined) {
      const token = m[4].replace(QUOTES_AT_ENDS, "");
      if (token) out.push({ token, quoted: false });
    }
  }
  return out;
}

/**
 * The tokens that cost a search something: all but the everyday words a search drops
 * (filler) or never corrects (common English), per data/chat-words.json.
 */
function searchTerms(tokens: readonly Token[], language: ChatLanguage): number {
  // A word said twice is one term: "numa numa numa …" asks for one thing, and costs one.
  const terms = new Set<string>();
  for (const { token, quoted } of tokens) {
    const word = token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    const everyday = !quoted && (language.common.has(word) || language.filler.has(stem(word)));
    if (!everyday) terms.add(quoted ? `"${word}"` : word);
  }
  return terms.size;
}

const span = (y: Years) => (y.from === y.to ? `${y.from}` : `${y.from}-${y.to}`);

function twoYears(a: Years, b: Years): string {
  const both = { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
  return `One year: filter at a time, please; a range covers several years: year:${span(both)}.`;
}

/** `text` (sanitized, a search) as words, phrases and filters, or why it cannot be searched. */
export function readSearch(text: string, language: ChatLanguage): SearchRead {
  const words: string[] = [];
  const phrases: string[] = [];
  const speakers: string[] = [];
  const events: string[] = [];
  const topics: string[] = [];
  let years: Years | null = null;

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
        // A search has one span of years: a second, different one was dropped unsaid
        // ("year:2011 year:2012" listed 2012 only, under a heading naming both).
        if (years && (years.from !== filter.years.from || years.to !== filter.years.to))
          return usage("bad-year", twoYears(years, filter.years));
        years = filter.years;
        at += filter.took - 1;
        break;
      case "filter":
        ({ speaker: speakers, event: events, topic: topics })[filter.key].push(filter.value);
        at += filter.took - 1;
        break;
      case "none":
        if (HAS_WORD.test(token)) words.push(token);
        // A lone "/" between words says "or" ("hugepages / numa"): the search reads it so.
        else if (token === "/" && words.length > 0 && HAS_WORD.test(tokens[at + 1]?.token ?? ""))
          words.push("or");
    }
  }
  const recent = asksRecent(words, language.recency);
  const request: SearchRequest = {
    words,
    phrases,
    speakers,
    events,
    topics,
    years,
    text,
    ...(recent && { recent }),
  };
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
