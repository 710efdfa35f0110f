// What each public address answers: the search page through the core's one grammar, a
// talk's page, the lists, the talk of the day, the feeds and the JSON search. Pure of HTTP:
// a path and its query parameters in, a status, a type, a body and how long it may be
// cached out (src/web/server.ts does the rest).

import { hitJson } from "../cli/json.ts";
import type { Core } from "../core/answer.ts";
import { type TalkCard, toCard } from "../core/card.ts";
import type { Talk } from "../core/talk.ts";
import { addDays } from "../core/today.ts";
import { renderAtom } from "../render/web/atom.ts";
import { renderCalendar } from "../render/web/calendar.ts";
import type { Site } from "../render/web/html.ts";
import { type ListView, renderErrorPage, renderListPage } from "../render/web/list.ts";
import { PAGE_SIZE, paths } from "../render/web/paths.ts";
import { renderSearchPage } from "../render/web/search.ts";
import { STYLE_PATH, STYLESHEET } from "../render/web/style.ts";
import { renderTalkPage, type TalkView } from "../render/web/talk.ts";
import { catalogIndex } from "./catalog-index.ts";
import { talkExtras } from "./extras.ts";

export interface WebResponse {
  readonly status: number;
  readonly type: string;
  readonly body: string;
  /** Seconds a browser or proxy may keep it (Cache-Control max-age). */
  readonly maxAge: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface PageContext {
  /** The core in use (a reload swaps it). */
  readonly core: Core;
  /** PUBLIC_URL without a trailing slash. */
  readonly publicUrl: string;
  readonly site: Site;
  /** Today's date where the talk of the day is picked (TOTD_TIMEZONE). */
  readonly today: string;
}

const WEB_DEFAULTS = Object.freeze({
  /** "Added lately": the last 30 days. */
  newDays: 30,
  related: 5,
  /** Cache lifetimes (s): pages change with a reload, the day, or never (the stylesheet). */
  pageMaxAge: 300,
  apiMaxAge: 60,
  styleMaxAge: 31_536_000,
  apiLimit: 5,
  apiMaxLimit: 50,
});

const HTML = "text/html; charset=utf-8";
const page = (
  status: number,
  body: string,
  maxAge: number = WEB_DEFAULTS.pageMaxAge,
): WebResponse => ({
  status,
  type: HTML,
  body,
  maxAge,
});

export const errorPage = (
  site: Site,
  status: number,
  headers?: Record<string, string>,
): WebResponse => ({
  ...page(status, renderErrorPage(site, status), status === 404 ? 60 : 0),
  ...(headers ? { headers } : {}),
});

/** ?page=N as a whole number ≥ 1 (anything else is page 1). */
function pageNumber(params: URLSearchParams): number {
  const n = Number(params.get("page") ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

function talkView(ctx: PageContext, talk: Talk, heading?: string): TalkView {
  const index = catalogIndex(ctx.core.catalog);
  return {
    card: toCard(talk),
    eventId: talk.eventId,
    location: talk.location,
    extras: talkExtras(talk),
    related: index.related(talk, WEB_DEFAULTS.related).map((t) => toCard(t)),
    ...(heading ? { heading } : {}),
  };
}

function list(
  ctx: PageContext,
  params: URLSearchParams,
  talks: readonly Talk[],
  view: Omit<ListView, "cards" | "offset" | "total">,
): WebResponse {
  const offset = (pageNumber(params) - 1) * PAGE_SIZE;
  if (offset > 0 && offset >= talks.length) return errorPage(ctx.site, 404);
  const cards: TalkCard[] = talks.slice(offset, offset + PAGE_SIZE).map((t) => toCard(t));
  return page(200, renderListPage(ctx.site, { ...view, cards, offset, total: talks.length }));
}

function search(ctx: PageContext, params: URLSearchParams): WebResponse {
  const query = (params.get("q") ?? "").slice(0, 500);
  const topics = ctx.core.answer("topics");
  const all = topics.kind === "topics" ? topics.topics : [];
  if (!query.trim())
    return page(200, renderSearchPage(ctx.site, { query: "", answer: null, topics: all }));
  const offset = (pageNumber(params) - 1) * PAGE_SIZE;
  const answer = ctx.core.answer(query, { offset, pageSize: PAGE_SIZE });
  return page(200, renderSearchPage(ctx.site, { query, answer, topics: all }));
}

/** /api/search?q=&limit=&offset=: the CLI's `search --json` array; X-Total-Count in all. */
function api(ctx: PageContext, params: URLSearchParams): WebResponse {
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
  const limit = Math.max(1, whole("limit", WEB_DEFAULTS.apiLimit, WEB_DEFAULTS.apiMaxLimit));
  const answer = ctx.core.answer(query, { offset: whole("offset", 0, 100_000), pageSize: limit });
  if (answer.kind === "no-results") return json(200, [], { "x-total-count": "0" });
  if (answer.kind === "usage") return json(400, { error: answer.message });
  if (answer.kind !== "results")
    return json(400, { error: `"${query.trim()}" is not a search query` });
  const hits = answer.hits.flatMap((h) => {
    const talk = ctx.core.catalog.byId.get(h.card.id);
    return talk ? [hitJson({ talk, score: h.score, matched: h.matched })] : [];
  });
  return json(200, hits, { "x-total-count": String(answer.total) });
}

const CALENDAR = "text/calendar; charset=utf-8";

/** Decoded path segments, or null when the path is not valid percent-encoding. */
function segments(path: string): string[] | null {
  try {
    return path.split("/").slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** The response to a GET of `path` (PUBLIC_URL's path already taken off). */
export function respond(ctx: PageContext, path: string, params: URLSearchParams): WebResponse {
  const { site, core } = ctx;
  const index = catalogIndex(core.catalog);
  const parts = segments(path);
  if (parts === null) return errorPage(site, 404);
  const [first = "", second, ...rest] = parts;
  if (rest.length > 0 || (second !== undefined && second === "")) return errorPage(site, 404);
  if (second === undefined) {
    switch (`/${first}`) {
      case paths.home:
        return search(ctx, params);
      case STYLE_PATH:
        return {
          status: 200,
          type: "text/css; charset=utf-8",
          body: STYLESHEET,
          maxAge: WEB_DEFAULTS.styleMaxAge,
        };
      case paths.today: {
        const { card } = core.today(ctx.today);
        const talk = core.catalog.byId.get(card.id)!;
        return page(
          200,
          renderTalkPage(site, talkView(ctx, talk, `Talk of the day · ${ctx.today}`)),
        );
      }
      case paths.todayCalendar: {
        const { card } = core.today(ctx.today);
        const talk = core.catalog.byId.get(card.id)!;
        const body = renderCalendar(
          ctx.publicUrl,
          "virt-talks: talk of the day",
          [{ card: toCard(talk), extras: talkExtras(talk), day: ctx.today }],
          `${ctx.today}T00:00:00Z`,
        );
        return { status: 200, type: CALENDAR, body, maxAge: WEB_DEFAULTS.pageMaxAge };
      }
      case paths.recent:
        return list(ctx, params, index.addedSince(addDays(ctx.today, -WEB_DEFAULTS.newDays)), {
          title: `Added in the last ${WEB_DEFAULTS.newDays} days`,
          lead: null,
          path: paths.recent,
          alternates: [["application/atom+xml", paths.recentFeed, "New talks"]],
          subscribe: [paths.recentFeed, "Follow new talks (Atom feed)"],
        });
      case paths.recentFeed: {
        const talks = index.addedSince(addDays(ctx.today, -WEB_DEFAULTS.newDays));
        const entries = talks.map((t) => ({ card: toCard(t), added: t.added! }));
        return {
          status: 200,
          type: "application/atom+xml; charset=utf-8",
          body: renderAtom(ctx.publicUrl, entries, ctx.today),
          maxAge: WEB_DEFAULTS.pageMaxAge,
        };
      }
      default:
        return errorPage(site, 404);
    }
  }
  switch (first) {
    case "talks": {
      const talk = core.catalog.byId.get(second);
      return talk ? page(200, renderTalkPage(site, talkView(ctx, talk))) : errorPage(site, 404);
    }
    case "speakers": {
      const found = index.speaker(second);
      if (!found) return errorPage(site, 404);
      return list(ctx, params, found.talks, {
        title: `Talks by ${found.name}`,
        lead: null,
        path: paths.speaker(found.name),
      });
    }
    case "topics": {
      const talks = index.topic(second);
      if (!talks) return errorPage(site, 404);
      return list(ctx, params, talks, {
        title: `Topic: ${second}`,
        lead: core.catalog.topics.get(second) ?? null,
        path: paths.topic(second),
      });
    }
    case "events": {
      const calendar = second.endsWith(".ics");
      const id = calendar ? second.slice(0, -4) : second;
      const event = index.event(id);
      if (!event) return errorPage(site, 404);
      const name = event.name.includes(String(event.year))
        ? event.name
        : `${event.name} ${event.year}`;
      if (calendar) {
        const talks = event.talks.map((t) => ({ card: toCard(t), extras: talkExtras(t) }));
        return {
          status: 200,
          type: CALENDAR,
          body: renderCalendar(ctx.publicUrl, name, talks, `${ctx.today}T00:00:00Z`),
          maxAge: WEB_DEFAULTS.pageMaxAge,
        };
      }
      return list(ctx, params, event.talks, {
        title: name,
        lead: event.talks[0]?.location ?? null,
        path: paths.event(id),
        alternates: [["text/calendar", paths.eventCalendar(id), `${name} (iCalendar)`]],
        subscribe: [paths.eventCalendar(id), "Add to a calendar (iCalendar)"],
      });
    }
    case "api":
      return second === "search" ? api(ctx, params) : errorPage(site, 404);
    default:
      return errorPage(site, 404);
  }
}
