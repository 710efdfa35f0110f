// `search`: the chat grammar, straight to the search engine, so --limit is not bound to
// the chat page size. `--stdin` turns it into a JSON Lines filter for scripts and benches.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { Core, Hit } from "../core/answer.ts";
import { parseCommand } from "../core/grammar.ts";
import { createLibrary, type Library } from "../core/library.ts";
import type { Reply } from "../core/reply.ts";
import { answerRequest, type RespondDeps } from "../core/respond.ts";
import { sanitizeInput } from "../core/sanitize.ts";
import { explainSearch } from "../core/search/explain.ts";
import { type ConversationTurn, createTurn } from "../core/turn.ts";
import { wordData } from "../core/word-data.ts";
import { renderHitList, renderNoResults } from "../render/console/answer.ts";
import { clean } from "../render/console/text.ts";
import { dateInZone } from "../totd/today.ts";
import type { CliContext } from "./context.ts";
import { hitJson as talkHitJson } from "./json.ts";
import { parsed, positiveInt, USAGE, UsageError } from "./usage.ts";

const DEFAULT_LIMIT = 5;

type Outcome =
  | {
      readonly ok: true;
      readonly query: string;
      readonly hits: readonly Hit[];
      readonly corrections: readonly string[];
      /** The search found more talks than the limit. */
      readonly more: boolean;
      /** How many talks match in all. */
      readonly total: number;
      /** No talks because a filter matches none at all (filter-miss.ts). */
      readonly why?: string;
    }
  | { readonly ok: false; readonly message: string; readonly empty: boolean };

/** The CLI's context with the search pipeline, built on first use. */
interface SearchContext extends CliContext {
  core(): Core;
  /** The conversation turn chat users get: one grammar, one pipeline. */
  turn(): ConversationTurn;
  /** The year the core's clock says in the configured zone ("talks from this year"). */
  thisYear(): number;
}

function withSearch(ctx: CliContext): SearchContext {
  let library: Library | undefined;
  let turn: ConversationTurn | undefined;
  // One clock for the search and --explain, so both read "last year" as the same year.
  const clock = () => new Date();
  const getLibrary = () => {
    library ??= createLibrary({ catalog: ctx.catalog(), timeZone: ctx.timeZone(), clock });
    return library;
  };
  return {
    ...ctx,
    core: () => getLibrary().current(),
    turn: () => {
      turn ??= createTurn({ library: getLibrary() });
      return turn;
    },
    thisYear: () => Number(dateInZone(clock(), ctx.timeZone()).slice(0, 4)),
  };
}

/** The CLI records nothing: no observer. */
const CLI: RespondDeps = { platform: "console", clock: Date.now };

/**
 * A search through the same conversation turn chat users get, one page of `limit`, through
 * the one answer wrapper: `send` prints the outcome.
 */
async function answerQuery(
  ctx: SearchContext,
  query: string,
  limit: number,
  send: (outcome: Outcome) => Promise<void>,
): Promise<void> {
  await answerRequest(CLI, {
    ask: () =>
      ctx.turn().handle({
        platform: "console",
        conversation: "cli",
        user: "cli",
        text: query,
        pageSize: limit,
      }),
    render: (reply) => outcomeOf(reply, query),
    send,
  });
}

/** What a reply means to the CLI: hits, or why there are none. */
function outcomeOf(reply: Reply, query: string): Outcome {
  switch (reply.kind) {
    case "results":
      return {
        ok: true,
        query: reply.query,
        hits: reply.hits,
        corrections: reply.corrections,
        more: reply.total > reply.hits.length,
        total: reply.total,
      };
    case "no-results":
      return {
        ok: true,
        query: reply.query,
        hits: [],
        corrections: [],
        more: false,
        total: 0,
        ...(reply.why === undefined ? {} : { why: reply.why }),
      };
    case "usage":
      return { ok: false, message: reply.message, empty: false };
    case "help":
      // An empty query gets the help in chat; here it is an empty line.
      return sanitizeInput(query) === ""
        ? { ok: false, message: "That query is empty.", empty: true }
        : { ok: false, message: '"help" is a chat command, not a search query.', empty: false };
    case "small-talk":
      return {
        ok: false,
        message: `"${query.trim()}" is small talk, not a search query.`,
        empty: false,
      };
    default: {
      const word = query.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
      return {
        ok: false,
        message: `"${word}" is a chat command, not a search query${
          word === "today" ? "; use the `today` command" : ""
        }.`,
        empty: false,
      };
    }
  }
}

function human(ctx: SearchContext, outcome: Extract<Outcome, { ok: true }>): string {
  if (outcome.hits.length === 0)
    return renderNoResults(outcome.query, ctx.core().suggestions(), outcome.why);
  const n = outcome.hits.length;
  const footer = outcome.more
    ? `Showing the first ${n} of ${outcome.total} — use --limit for more.`
    : n === 1
      ? "1 talk found."
      : `${n} talks found.`;
  return renderHitList({
    query: outcome.query,
    cards: outcome.hits.map((h) => h.card),
    offset: 0,
    corrections: outcome.corrections,
    footer,
  });
}

async function fromStdin(ctx: SearchContext, limit: number): Promise<number> {
  const lines = createInterface({ input: ctx.io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    await answerQuery(ctx, line, limit, async (outcome) => {
      if (!outcome.ok && !outcome.empty) ctx.warn(`line ${n}: ${clean(outcome.message)}`);
      await ctx.print(JSON.stringify(outcome.ok ? outcome.hits.map((h) => hitJson(ctx, h)) : []));
    });
  }
  return 0;
}

export async function search(args: readonly string[], cliContext: CliContext): Promise<number> {
  const ctx = withSearch(cliContext);
  const { values, positionals } = parsed(() =>
    parseArgs({
      args: [...args],
      options: {
        json: { type: "boolean" },
        explain: { type: "boolean" },
        limit: { type: "string" },
        stdin: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
    }),
  );
  if (values.help) return ctx.print(USAGE).then(() => 0);
  const limit = positiveInt("--limit", values.limit, DEFAULT_LIMIT);
  if (values.stdin) {
    if (positionals.length) {
      throw new UsageError("--stdin reads the queries from standard input; give no query words.");
    }
    return fromStdin(ctx, limit);
  }
  const query = positionals.join(" ");
  if (!query.trim()) throw new UsageError("search needs a query, e.g. `search numa`.");
  await answerQuery(ctx, query, limit, async (outcome) => {
    if (!outcome.ok) throw new UsageError(outcome.message);
    await ctx.print(
      values.json
        ? JSON.stringify(
            outcome.hits.map((h) => hitJson(ctx, h)),
            null,
            2,
          )
        : human(ctx, outcome),
    );
    if (!values.explain) return;
    // Read as the turn reads it: the catalog's DATA_DIR word lists, not the built-in ones.
    const request = parseCommand(query, wordData(ctx.core().catalog.dataDir));
    if (request.kind === "search") {
      const ids = outcome.hits.map((h) => h.card.id);
      await ctx.print(explainSearch(ctx.core().engine, request.request, ids, ctx.thisYear()));
    }
  });
  return 0;
}

/** The JSON of one hit: the catalog's full record (with location), score and matched terms. */
function hitJson(ctx: SearchContext, hit: Hit) {
  const talk = ctx.core().catalog.byId.get(hit.card.id);
  if (!talk) throw new Error(`talk ${hit.card.id} is not in the catalog`);
  return talkHitJson({ talk, score: hit.score, matched: hit.matched });
}
