// `search`: the chat grammar, straight to the search engine, so --limit is not bound to
// the chat page size. `--stdin` turns it into a JSON Lines filter for scripts and benches.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { toCard } from "../core/card.ts";
import { parseCommand } from "../core/grammar.ts";
import type { EngineHit } from "../core/search/engine.ts";
import { renderHitList, renderNoResults } from "../render/console/answer.ts";
import { clean } from "../render/console/text.ts";
import type { CliContext } from "./context.ts";
import { hitJson } from "./json.ts";
import { parsed, positiveInt, USAGE, UsageError } from "./usage.ts";

export const DEFAULT_LIMIT = 5;

type Outcome =
  | {
      readonly ok: true;
      readonly query: string;
      readonly hits: readonly EngineHit[];
      readonly corrections: readonly string[];
      /** The engine had more hits than the limit. */
      readonly more: boolean;
    }
  | { readonly ok: false; readonly message: string; readonly empty: boolean };

function runQuery(ctx: CliContext, query: string, limit: number): Outcome {
  const command = parseCommand(query);
  switch (command.kind) {
    case "search": {
      const core = ctx.core();
      // One extra hit tells whether the limit cut the list short.
      const n = Math.min(limit, core.catalog.talks.length);
      const result = core.engine.search(command.request, n + 1);
      return {
        ok: true,
        query: command.request.text,
        hits: result.hits.slice(0, n),
        corrections: result.corrections,
        more: result.hits.length > n,
      };
    }
    case "usage":
      return { ok: false, message: command.message, empty: false };
    case "help":
      return command.empty
        ? { ok: false, message: "That query is empty.", empty: true }
        : { ok: false, message: '"help" is a chat command, not a search query.', empty: false };
    default:
      return {
        ok: false,
        message: `"${command.kind}" is a chat command, not a search query${
          command.kind === "today" ? "; use the `today` command" : ""
        }.`,
        empty: false,
      };
  }
}

function human(ctx: CliContext, outcome: Extract<Outcome, { ok: true }>): string {
  if (outcome.hits.length === 0) return renderNoResults(outcome.query, ctx.core().suggestions());
  const n = outcome.hits.length;
  const footer = outcome.more
    ? `Showing the first ${n} — use --limit for more.`
    : n === 1
      ? "1 talk found."
      : `${n} talks found.`;
  return renderHitList({
    query: outcome.query,
    cards: outcome.hits.map((h) => toCard(h.talk)),
    offset: 0,
    corrections: outcome.corrections,
    footer,
  });
}

async function fromStdin(ctx: CliContext, limit: number): Promise<number> {
  const lines = createInterface({ input: ctx.io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    const outcome = runQuery(ctx, line, limit);
    if (!outcome.ok && !outcome.empty) ctx.warn(`line ${n}: ${clean(outcome.message)}`);
    await ctx.print(JSON.stringify(outcome.ok ? outcome.hits.map(hitJson) : []));
  }
  return 0;
}

export async function search(args: readonly string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parsed(() =>
    parseArgs({
      args: [...args],
      options: {
        json: { type: "boolean" },
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
  const outcome = runQuery(ctx, query, limit);
  if (!outcome.ok) throw new UsageError(outcome.message);
  await ctx.print(
    values.json ? JSON.stringify(outcome.hits.map(hitJson), null, 2) : human(ctx, outcome),
  );
  return 0;
}
