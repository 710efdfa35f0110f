// What the one grammar (grammar.ts) reads a message as: the commands the core, the turn
// and the features answer. Types only; grammar.ts decides which one a message is.
import type { WeekWords } from "../week/command.ts";
import type { PickPhrase } from "./pick-phrases.ts";
import type { SearchProblem, SearchRequest } from "./search-request.ts";
import type { SmallTalkIntent } from "./small-talk.ts";
import type { SubscriptionCommand } from "./subscription-grammar.ts";
import type { WatchCommand } from "./watch-grammar.ts";

export type UsageProblem =
  | "too-long"
  | SearchProblem
  | "week"
  /** One word a slip from a command (near-miss.ts): which command was meant. */
  | "did-you-mean"
  /** "stop posting here": how to stop the daily post or a watch (changes nothing itself). */
  | "stop"
  /** "show 0", "page 0": talks and pages are counted from 1. */
  | "numbered-from-1";

/** What the core answers from the catalog. */
export type CoreCommand =
  | { readonly kind: "help"; readonly empty: boolean }
  | { readonly kind: "today" }
  /** `request`: "random numa", a random talk among those the search accepts for it. */
  | { readonly kind: "random"; readonly request?: SearchRequest }
  | { readonly kind: "topics" }
  | { readonly kind: "small-talk"; readonly intent: SmallTalkIntent }
  | { readonly kind: "search"; readonly request: SearchRequest }
  | {
      readonly kind: "usage";
      readonly problem: UsageProblem;
      readonly message: string;
      /** Words the asker typed, in `message` between double quotes (a renderer escapes them). */
      readonly quoted?: string;
    }
  /** new, now, next, schedule DAY (src/week): `request` narrows the listing; `text` pages it. */
  | (WeekWords & { readonly request: SearchRequest | null; readonly text: string });

/** What the turn answers from the asker's last listing (it remembers it). */
export type TurnCommand =
  /** The next page; `orRandom`: "another one" with nothing to page is a random talk. */
  | { readonly kind: "more"; readonly orRandom?: true }
  /** "show 3", "#3", "page 2" (pick-phrases.ts); `text` is searched when `bare` has nothing to pick from. */
  | (PickPhrase & { readonly text: string });

export type Command =
  | CoreCommand
  | WatchCommand
  | TurnCommand
  | Exclude<SubscriptionCommand, { readonly kind: "usage" }>
  /** `subscribe` with arguments it cannot take: one line saying what is expected. */
  | { readonly kind: "subscription-usage"; readonly message: string };

/** A message as the grammar read it: its words without mentions, and what it asks. */
export interface ParsedMessage {
  /** The message with mentions dropped (mentions.ts): what a second look reads again. */
  readonly text: string;
  readonly command: Command;
}
