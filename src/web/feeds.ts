// The feeds and the JSON search: Atom of the talks added lately, iCalendar of the talk of the
// day and of an event, and /api/search in the CLI's `search --json` shape.
import { hitJson } from "../cli/json.ts";
import { toCard } from "../core/card.ts";
import type { Talk } from "../core/talk.ts";
import { renderAtom } from "../render/web/atom.ts";
import { renderCalendar } from "../render/web/calendar.ts";
import { chatOnlyApiError, readWebQuery } from "./chat-only.ts";
import { talkExtras } from "./extras.ts";
import { type PageContext, WEB_DEFAULTS, type WebResponse } from "./response.ts";

const CALENDAR = "text/calendar; charset=utf-8";

/** Every event's DTSTAMP: fixed per day, so a calendar's bytes (and ETag) hold all day. */
const stamp = (ctx: PageContext) => `${ctx.today}T00:00:00Z`;

/** Every calendar carries today's DTSTAMP, so it depends on the day as well as the catalog. */
const calendar = (body: string): WebResponse => ({
  status: 200,
  type: CALENDAR,
  body,
  maxAge: WEB_DEFAULTS.pageMaxAge,
  depends: "day",
});

export function todayCalendar(ctx: PageContext): WebResponse {
  const { card } = ctx.core.today(ctx.today);
  const talk = ctx.core.catalog.byId.get(card.id)!;
  const today = [{ card: toCard(talk), extras: talkExtras(talk), day: ctx.today }];
  return calendar(renderCalendar(ctx.publicUrl, "virt-talks: talk of the day", today, stamp(ctx)));
}

export function eventCalendar(ctx: PageContext, name: string, talks: readonly Talk[]): WebResponse {
  const entries = talks.map((t) => ({ card: toCard(t), extras: talkExtras(t) }));
  return calendar(renderCalendar(ctx.publicUrl, name, entries, stamp(ctx)));
}

/** `talks`: added lately, latest first (each has an `added` date). */
export function recentFeed(ctx: PageContext, talks: readonly Talk[]): WebResponse {
  const entries = talks.map((t) => ({ card: toCard(t), added: t.added ?? ctx.today }));
  return {
    status: 200,
    type: "application/atom+xml; charset=utf-8",
    body: renderAtom(ctx.publicUrl, entries, ctx.today),
    maxAge: WEB_DEFAULTS.pageMaxAge,
    depends: "day",
  };
}

/** /api/search?q=&limit=&offset=: the CLI's `search --json` array; X-Total-Count in all. */
export function searchApi(ctx: PageContext, params: URLSearchParams): WebResponse {
  const json = (status: number, value: unknown, headers?: Record<string, string>): WebResponse => ({
    status,
    type: "application/json; charset=utf-8",
    body: `${JSON.stringify(value)}\n`,
    maxAge: WEB_DEFAULTS.apiMaxAge,
    ...(headers ? { headers } : {}),
  });
  const whole = (name: string, fallback: number, max: number) => {
    const n = Number(params.get(name) ?? fallback);
    return Number.isInteger(n) && n >= 0 ? Math.min(n, max) : fallback;
  };
  const query = (params.get("q") ?? "").slice(0, 500);
  if (!query.trim()) return json(400, { error: "q is required, e.g. /api/search?q=numa" });
  // "more", "page 2", "subscribe": chat commands, not words to search (as the search page says).
  const read = readWebQuery(query, ctx.core.catalog.dataDir);
  if (read.chat)
    return json(400, { error: chatOnlyApiError(read.chat, query, ctx.publicUrl), chat: read.chat });
  const limit = Math.max(1, whole("limit", WEB_DEFAULTS.apiLimit, WEB_DEFAULTS.apiMaxLimit));
  const answer = ctx.core.run(read.command, {
    offset: whole("offset", 0, 100_000),
    pageSize: limit,
  });
  if (answer.kind === "no-results") return json(200, [], { "x-total-count": "0" });
  if (answer.kind === "usage") return json(400, { error: answer.message });
  if (answer.kind !== "results")
    return json(400, { error: `"${query.trim()}" is not a search query` });
  const hits = answer.hits.flatMap((h) => {
    const talk = ctx.core.catalog.byId.get(h.card.id);
    return talk ? [hitJson({ talk, score: h.score, matched: h.matched })] : [];
  });
  const response = json(200, hits, { "x-total-count": String(answer.total) });
  // A week listing (now, next, schedule) changes with the clock: not kept by the server.
  return answer.heading === undefined ? response : { ...response, uncached: "moment" };
}
