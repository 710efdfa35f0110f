// `list` and `show`: the catalog as it is, no searching.
import { parseArgs } from "node:util";
import { NO_SPEAKER } from "../core/card.ts";
import { clean } from "../render/console/text.ts";
import type { CliContext } from "./context.ts";
import { jsonLines, talkJson } from "./json.ts";
import { parsed, USAGE, UsageError } from "./usage.ts";

const OPTIONS = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function list(args: readonly string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parsed(() =>
    parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true }),
  );
  if (values.help) return ctx.print(USAGE).then(() => 0);
  if (positionals.length) throw new UsageError(`list takes no arguments, got "${positionals[0]}".`);
  const { talks } = ctx.catalog();
  if (values.json) {
    for (const piece of jsonLines(talks, talkJson)) await ctx.print(piece);
    return 0;
  }
  const width = Math.max(...talks.map((t) => t.id.length));
  const lines = talks.map((t) => {
    const who = t.speakers.length ? t.speakers.join(", ") : NO_SPEAKER;
    return `${t.id.padEnd(width)}  ${t.year}  ${clean(t.title)} — ${clean(who)}`;
  });
  await ctx.print(lines.join("\n"));
  return 0;
}

export async function show(args: readonly string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parsed(() =>
    parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true }),
  );
  if (values.help) return ctx.print(USAGE).then(() => 0);
  const id = positionals[0]?.trim();
  if (!id || positionals.length > 1) {
    throw new UsageError("show takes exactly one talk id, e.g. `show kvm-forum-2011-keynote`.");
  }
  const { talks, byId } = ctx.catalog();
  const talk = byId.get(id);
  if (!talk) {
    const needle = id.toLowerCase();
    const near = talks.filter((t) => t.id.includes(needle)).slice(0, 5);
    const also = near.length ? ` Did you mean: ${near.map((t) => t.id).join(", ")}?` : "";
    throw new UsageError(
      `No talk has the id "${clean(id)}".${also}`,
      "Run `npm run --silent cli -- list` to see every id.",
    );
  }
  if (values.json) await ctx.print(JSON.stringify(talkJson(talk), null, 2));
  else {
    // The console renderer (and what it needs to render) loads for `show` alone, not `list`.
    const [{ toCard }, { consoleCard }] = await Promise.all([
      import("../core/card.ts"),
      import("../render/console/answer.ts"),
    ]);
    await ctx.print(consoleCard(toCard(talk), { full: true }));
  }
  return 0;
}
