// The conversation turn: the one pipeline every adapter (Slack, Matrix, the console) and
// the CLI call with what someone typed. It owns what used to be written once per platform:
// rate limiting, routing to "more" paging (per conversation and asker, bounded, with expiry;
// the memory itself is turn-paging.ts), and the one definition of result counts that logs
// and metrics use. It parses once with the one
// grammar; the core answers queries, and commands of a feature (subscriptions, ...) go to
// the handler that feature registered, so the turn imports none of them. Adapters only
// unwrap platform events, render the reply and send it. Never throws.
import {
  type Command,
  type CoreCommand,
  coreCommandOf,
  isCoreCommand,
  parseMessage,
  type TurnCommand,
} from "./grammar.ts";
import { HELP } from "./help.ts";
import type { Library } from "./library.ts";
import { secondLook } from "./near-miss.ts";
import type { Asker, Platform } from "./platform.ts";
import {
  createRateLimiter,
  type RateDecision,
  type RateLimiter,
  slowDownMessage,
} from "./rate-limit.ts";
import type { Reply, SlowDown } from "./reply.ts";
import { createTurnPaging } from "./turn-paging.ts";
import { type WordData, wordData } from "./word-data.ts";

const TURN_DEFAULTS = Object.freeze({
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

/** Commands the grammar knows that neither the core nor the turn answers: a feature's. */
type FeatureCommand = Exclude<Command, CoreCommand | TurnCommand>;

/**
 * What a feature registers: the reply to each of its commands, by kind. Handlers never
 * throw (a failure is a reply that says so). A command no feature registered for is
 * searched as written, as it was before the feature existed.
 */
export type CommandHandlers = {
  readonly [K in FeatureCommand["kind"]]?: (
    command: Extract<FeatureCommand, { readonly kind: K }>,
    input: TurnInput,
  ) => Promise<Reply>;
};

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
  /** null: say nothing where others would see it (a flood past its one slow-down notice). */
  readonly reply: Reply | null;
  readonly outcome: TurnOutcome;
  /**
   * Rate-limited: the one line for the asker alone, on every limited request (the reply
   * carries it only the first time). A surface only the asker sees (a Slack slash
   * command's ephemeral answer) shows it whenever there is no reply.
   */
  readonly slowDown?: SlowDown;
}

export interface ConversationTurn {
  handle(input: TurnInput): Promise<TurnResult>;
}

interface TurnOptions {
  readonly library: Library;
  readonly rateLimiter?: RateLimiter;
  readonly clock?: () => number;
  readonly pagingEntries?: number;
  readonly pagingTtlMs?: number;
  readonly unthrottled?: readonly Platform[];
  /** Told of a bug the turn hid from the asker (it never throws to an adapter). */
  readonly onError?: (error: unknown) => void;
  /** The features' commands (subscriptions, ...), each registered by its feature. */
  readonly handlers?: CommandHandlers;
}

/** The word lists of the catalog in use (DATA_DIR's, else the built-in ones). */
function wordsOf(library: Library): WordData {
  return wordData(library.current().catalog.dataDir);
}

const isBareNext = (command: Command): boolean =>
  command.kind === "on-now" && command.when === "next" && command.request === null;

/**
 * What was asked: a page of a search the asker has (a More button), or a command with the
 * message as the grammar read it (`text`, its mentions dropped: read once, never again).
 */
type Request =
  | { readonly page: NonNullable<TurnInput["page"]> }
  | { readonly command: Command; readonly text: string };

/** The one definition of "how many results" a reply carries. */
function resultCount(reply: Reply | null): number {
  if (!reply) return 0;
  if (reply.kind === "results") return reply.total;
  return reply.kind === "talk" ? 1 : 0;
}

export function createTurn(options: TurnOptions): ConversationTurn {
  const { library } = options;
  const clock = options.clock ?? Date.now;
  const limiter = options.rateLimiter ?? createRateLimiter();
  const unthrottled = new Set(options.unthrottled ?? TURN_DEFAULTS.unthrottled);
  const paging = createTurnPaging({
    library,
    entries: options.pagingEntries ?? TURN_DEFAULTS.pagingEntries,
    ttlMs: options.pagingTtlMs ?? TURN_DEFAULTS.pagingTtlMs,
  });
  const { remember } = paging;

  async function reply(input: TurnInput, request: Request, key: string): Promise<Reply> {
    const core = library.current();
    const size = input.pageSize === undefined ? {} : { pageSize: input.pageSize };
    if ("page" in request) {
      const { query, offset } = request.page;
      return remember(key, core.answer(query, { offset, ...size }));
    }
    const { command, text } = request;
    if (command.kind === "more")
      // "another one" with nothing to page: another random talk.
      return command.orRandom ? paging.another(key, size) : paging.more(key, size);
    if (command.kind === "pick" || command.kind === "page" || command.kind === "previous")
      return paging.pick(key, command, size);
    if (command.kind === "random") return paging.random(key, size, command.request);
    if (isCoreCommand(command)) {
      const answer = remember(key, core.run(command, size));
      // "next" alone after a search, with no conference talk starting soon: the asker was
      // just told "type `more` for the next page" and meant that, not the week command.
      if (isBareNext(command) && answer.kind === "note" && paging.hasMore(key))
        return paging.more(key, size);
      // A slipped greeting or command word gets its answer instead of a failed search.
      const { smallTalk, language } = wordsOf(library);
      const second =
        command.kind === "search"
          ? secondLook(answer, text, smallTalk, language, {
              runs: (kind) => options.handlers?.[kind as keyof CommandHandlers] !== undefined,
              findsTalks: (word) => core.answer(word, { pageSize: 1 }).kind === "results",
            })
          : null;
      return second ? reply(input, { command: second, text }, key) : answer;
    }
    // The registry is keyed by kind, so the handler found takes this command's type.
    const handler = options.handlers?.[command.kind] as
      | ((command: FeatureCommand, input: TurnInput) => Promise<Reply>)
      | undefined;
    if (handler) return handler(command, input);
    const { smallTalk, language } = wordsOf(library);
    return remember(key, core.run(coreCommandOf(text, smallTalk, language), size));
  }

  /** The asker's request past the limit: the slow-down line, said aloud only once. */
  function limited(platform: Platform, decision: RateDecision, waitMs: number): TurnResult {
    const slowDown: SlowDown = {
      kind: "slow-down",
      message: slowDownMessage(waitMs),
      retryAfterMs: waitMs,
    };
    return {
      reply: decision === "slow-down" ? slowDown : null,
      slowDown,
      outcome: { platform, command: "rate-limited", results: 0, outcome: "rate-limited" },
    };
  }

  return {
    async handle(input) {
      const { platform } = input;
      const key = `${platform}\u0000${input.conversation}\u0000${input.user}`;
      try {
        const request: Request = input.page
          ? { page: input.page }
          : parseMessage(input.text, wordsOf(library));
        // Paging a result the asker already has is not a new question: never throttled.
        // A number alone may turn into a new search: that one counts like any other.
        const isPaging =
          "page" in request ||
          ["more", "page"].includes(request.command.kind) ||
          ((request.command.kind === "pick" || request.command.kind === "previous") &&
            !request.command.bare);
        if (!isPaging && !unthrottled.has(platform)) {
          const now = input.now ?? clock();
          const asker = `${platform}\u0000${input.user}`;
          const decision = limiter.take(asker, now);
          if (decision !== "ok") return limited(platform, decision, limiter.waitMs(asker, now));
        }
        const answer = await reply(input, request, key);
        const kind = isPaging ? "more" : answer.kind;
        return {
          reply: answer,
          outcome: { platform, command: kind, results: resultCount(answer), outcome: "ok" },
        };
      } catch (error) {
        // Defensive: the grammar and the engine are total, but an adapter must never see a throw.
        options.onError?.(error);
        const answer: Reply = {
          kind: "usage",
          message: "Sorry, I could not understand that query.",
          help: HELP,
        };
        return {
          reply: answer,
          outcome: { platform, command: "error", results: 0, outcome: "error" },
        };
      }
    },
  };
}
