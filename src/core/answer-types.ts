// What an answer is: the platform-neutral result every renderer (src/render) draws and
// every adapter sends; the contract between the core and them, kept apart from the code
// that makes it (answer.ts, which re-exports these for its callers).
import type { TalkCard } from "./card.ts";
import type { TopicCount } from "./discover.ts";
import type { HELP } from "./help.ts";
import type { SmallTalkIntent } from "./small-talk-lexicon.ts";

export interface Hit {
  readonly card: TalkCard;
  /** Relevance, higher is better; 0 for filter-only listings. */
  readonly score: number;
  /** Query terms (after typo correction and synonyms) that this talk matched. */
  readonly matched: readonly string[];
}

/** A page of talks: a search's, or a listing's (new, now, next, schedule). */
export interface ResultsAnswer {
  readonly kind: "results";
  readonly query: string;
  /** This page of hits. */
  readonly hits: readonly Hit[];
  /** Index of the first hit of this page among all hits. */
  readonly offset: number;
  /** How many talks match in all: paging with `offset` reaches every one. */
  readonly total: number;
  /** Typo corrections applied, e.g. ["migraton → migration"]. */
  readonly corrections: readonly string[];
  /** What a listing is ("Schedule for tomorrow"), shown instead of "Talks for …". */
  readonly heading?: string;
}

export type Answer =
  | { readonly kind: "help"; readonly help: typeof HELP }
  | {
      readonly kind: "usage";
      readonly message: string;
      readonly help: typeof HELP;
      /** Words the asker typed, in `message` between double quotes: a renderer escapes them. */
      readonly quoted?: string;
    }
  | ResultsAnswer
  | {
      readonly kind: "no-results";
      readonly query: string;
      /** A filter that matches no talk at all: "No talk in the catalog is from 2020: …". */
      readonly why?: string;
      /** Topic slugs close to the query, or the most used ones when none is close. */
      readonly suggestions: readonly string[];
      /** Speakers' name parts the query looks like ("arcangel" → "arcangeli"), for speaker:NAME. */
      readonly speakers: readonly string[];
    }
  /** A topic: filter naming no topic of the catalog; `nearest` are slugs to try. */
  | { readonly kind: "unknown-topic"; readonly topic: string; readonly nearest: readonly string[] }
  /** "topics": every topic that has talks, with how many. */
  | { readonly kind: "topics"; readonly topics: readonly TopicCount[] }
  /** "hi", "thanks!": a friendly line and what the bot can do; never cards. */
  | {
      readonly kind: "small-talk";
      readonly intent: SmallTalkIntent;
      readonly reply: string;
      /** One line of what the bot can do, and example queries to type. */
      readonly capabilities: string;
      readonly examples: readonly string[];
    }
  | { readonly kind: "talk"; readonly reason: "today" | "random"; readonly card: TalkCard }
  /** One line instead of an empty listing: "Nothing is running now. Next: …" (src/week). */
  | {
      readonly kind: "note";
      readonly message: string;
      /** Words the asker typed, in `message` between double quotes: a renderer escapes them. */
      readonly quoted?: string;
    };

export interface AnswerOptions {
  readonly offset?: number;
  readonly pageSize?: number;
}
