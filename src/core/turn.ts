// The conversation turn: the one pipeline every adapter (Slack, Matrix, the console) and
// the CLI call with what someone typed. It owns what used to be written once per platform:
// rate limiting, "more" paging (per conversation and asker, bounded, with expiry), and the
// one definition of result counts that logs and metrics use. Adapters only unwrap platform
// events, render the reply and send it. Never throws.
import { LRUCache } from "lru-cache";
import type { SubscriptionCommands } from "../totd/subscription-commands.ts";
import type { SubscriptionReply } from "../totd/subscription-replies.ts";
import type { Answer } from "./answer.ts";
import { HELP } from "./help.ts";
import type { Library } from "./library.ts";
import type { Asker, Platform } from "./ports.ts";
import { createRateLimiter, type RateLimiter, SLOW_DOWN_MESSAGE } from "./rate-limit.ts";

export const TURN_DEFAULTS = Object.freeze({
  /** Askers whose last search is remembered for "more". */
  pagingEntries: 10_000,
  /** A search older than this cannot be paged any more. */
  pagingTtlMs: 60 * 60_000,
  /** Platforms whose one user is the operator at the keyboard: never throttled. */
  unthrottled: Object.freeze(["console"]) as readonly Platform[],
});

export interface TurnInput {
  readonly platform: Platform;
  /** Channel, room or thread id, or the console session: where "more" continues. */
  readonly conversation: string;
  /** The asker (platform user id). */
  readonly user: string;
  readonly text: string;
  /** Milliseconds since the epoch; the turn's clock when absent. */
  readonly now?: number;
  /**
   * Page a specific earlier search instead of parsing `text` (a "More" button carries the
   * query and the next offset of the list it belongs to).
   */
  readonly page?: { readonly query: string; readonly offset: number };
  /** Results per page; the core's default (3, a chat page) when absent. The CLI's --limit. */
  readonly pageSize?: number;
  /** The asker's permissions in this conversation (subscription commands need them). */
  readonly asker?: Asker;
}

/** What a turn answers: a core answer, or one of the turn's own replies. */
export type Reply =
  | Exclude<Answer, { readonly kind: "more" }>
  | { readonly kind: "slow-down"; readonly message: string }
  /** "more" after the last page of a search. */
  | { readonly kind: "end-of-results"; readonly query: string; readonly total: number }
  /** "more" with no search to page. */
  | { readonly kind: "nothing-to-page" }
  /** subscribe / unsubscribe / subscription (src/totd/subscription-replies.ts). */
  | SubscriptionReply;

/** One request's record, for the observer (log line, metrics). */
export interface TurnOutcome {
  readonly platform: Platform;
  /** The reply kind ("results", "help", "talk", ...), "more" for a page of an earlier
   * search, or "error" / "rate-limited". */
  readonly command: string;
  /** How many talks the reply stands for: every match of a search, 1 for a talk. */
  readonly results: number;
  readonly outcome: "ok" | "error" | "rate-limited";
}

export interface TurnResult {
  /** null: say nothing (a flood past its one slow-down notice). */
  readonly reply: Reply | null;
  readonly outcome: TurnOutcome;
}

export interface ConversationTurn {
  handle(input: TurnInput): Promise<TurnResult>;
}

export interface TurnOptions {
  readonly library: Library;
  readonly rateLimiter?: RateLimiter;
  readonly clock?: () => number;
  readonly pagingEntries?: number;
  readonly pagingTtlMs?: number;
  readonly unthrottled?: readonly Platform[];
  /** Told of a bug the turn hid from the asker (it never throws to an adapter). */
  readonly onError?: (error: unknown) => void;
  /** The talk-of-the-day subscription commands, answered before the search grammar. */
  readonly subscriptions?: SubscriptionCommands;
}

interface LastSearch {
  readonly query: string;
  readonly nextOffset: number;
  readonly total: number;
}

/** The one definition of "how many results" a reply carries. */
export function resultCount(reply: Reply | null): number {
  if (!reply) return 0;
  if (reply.kind === "results") return reply.total;
  return reply.kind === "talk" ? 1 : 0;
}

export function createTurn(options: TurnOptions): ConversationTurn {
  const { library } = options;
  const clock = options.clock ?? Date.now;
  const limiter = options.rateLimiter ?? createRateLimiter();
  const unthrottled = new Set(options.unthrottled ?? TURN_DEFAULTS.unthrottled);
  const paging = new LRUCache<string, LastSearch>({
    max: options.pagingEntries ?? TURN_DEFAULTS.pagingEntries,
    ttl: options.pagingTtlMs ?? TURN_DEFAULTS.pagingTtlMs,
  });

  /** The reply, and whether it pages an earlier search (counted as "more"). */
  function answer(input: TurnInput, key: string): { reply: Reply; paged: boolean } {
    const core = library.current();
    const size = input.pageSize === undefined ? {} : { pageSize: input.pageSize };
    let result: Answer;
    let paged = false;
    if (input.page) {
      result = core.answer(input.page.query, { offset: input.page.offset, ...size });
      paged = true;
    } else {
      result = core.answer(input.text, size);
      if (result.kind === "more") {
        const last = paging.get(key);
        if (!last) return { reply: { kind: "nothing-to-page" }, paged: true };
        if (last.nextOffset >= last.total) {
          const reply: Reply = { kind: "end-of-results", query: last.query, total: last.total };
          return { reply, paged: true };
        }
        result = core.answer(last.query, { offset: last.nextOffset, ...size });
        paged = true;
      }
    }
    if (result.kind === "more") return { reply: { kind: "nothing-to-page" }, paged: true };
    if (result.kind === "results") {
      paging.set(key, {
        query: result.query,
        nextOffset: result.offset + result.hits.length,
        total: result.total,
      });
    } else if (result.kind === "no-results" || result.kind === "unknown-topic") {
      // "more" after a search that found nothing must not page an older one.
      paging.delete(key);
    }
    return { reply: result, paged };
  }

  return {
    async handle(input) {
      const { platform } = input;
      const key = `${platform}\u0000${input.conversation}\u0000${input.user}`;
      const decision = unthrottled.has(platform)
        ? "ok"
        : limiter.take(`${platform}\u0000${input.user}`, input.now ?? clock());
      if (decision !== "ok") {
        const reply: Reply | null =
          decision === "slow-down" ? { kind: "slow-down", message: SLOW_DOWN_MESSAGE } : null;
        return {
          reply,
          outcome: { platform, command: "rate-limited", results: 0, outcome: "rate-limited" },
        };
      }
      try {
        // Subscription commands first (they never throw): the search grammar never sees them.
        const own = await options.subscriptions?.handle(input);
        const { reply, paged } = own ? { reply: own, paged: false } : answer(input, key);
        const command = paged ? "more" : reply.kind;
        return {
          reply,
          outcome: { platform, command, results: resultCount(reply), outcome: "ok" },
        };
      } catch (error) {
        // Defensive: the grammar and the engine are total, but an adapter must never see a throw.
        options.onError?.(error);
        const reply: Reply = {
          kind: "usage",
          message: "Sorry, I could not understand that query.",
          help: HELP,
        };
        return { reply, outcome: { platform, command: "error", results: 0, outcome: "error" } };
      }
    },
  };
}
