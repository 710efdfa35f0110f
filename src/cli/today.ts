// `today`: the talk of the day, computed exactly as the bots' daily post computes it.
import { parseArgs } from "node:util";
import { toCard } from "../core/card.ts";
import { consoleCard } from "../render/console/answer.ts";
import { addDays, dateInZone, talkOfTheDay } from "../totd/today.ts";
import type { CliContext } from "./context.ts";
import { dayJson } from "./json.ts";
import { parsed, positiveInt, USAGE, UsageError } from "./usage.ts";

/** Ten years of days: enough for any planning, and bounded output. */
const MAX_DAYS = 3660;

function calendarDate(value: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  // Round-tripping rejects dates like 2026-02-30 that Date.parse would roll over.
  const ok = !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
  if (!ok) throw new UsageError(`--date must be a calendar date YYYY-MM-DD, got "${value}".`);
  return value;
}

export async function today(args: readonly string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parsed(() =>
    parseArgs({
      args: [...args],
      options: {
        date: { type: "string" },
        days: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
    }),
  );
  if (values.help) return ctx.print(USAGE).then(() => 0);
  if (positionals.length) {
    throw new UsageError(`today takes no arguments, got "${positionals[0]}"; use --date.`);
  }
  const days = positiveInt("--days", values.days, 1, MAX_DAYS);
  const first =
    values.date === undefined ? dateInZone(new Date(), ctx.timeZone()) : calendarDate(values.date);
  const { talks } = ctx.catalog();
  const picks = Array.from({ length: days }, (_, i) => {
    const day = addDays(first, i);
    return { day, talk: talkOfTheDay(talks, day) };
  });
  if (values.json) {
    await ctx.print(
      JSON.stringify(
        picks.map((p) => dayJson(p.day, p.talk)),
        null,
        2,
      ),
    );
  } else {
    // Same heading as the core's talk-of-the-day card.
    const cards = picks.map((p) => consoleCard(toCard(p.talk, `Talk of the day · ${p.day}`)));
    await ctx.print(cards.join("\n\n"));
  }
  return 0;
}
