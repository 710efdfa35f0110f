// What each public address answers: the search page through the core's one grammar, a
// talk's page, the lists, the talk of the day; the feeds and the JSON search (feeds.ts). Pure of HTTP:
// a path and its query parameters in, a status, a type, a body and how long it may be
// cached out (src/web/server.ts does the rest).

import type { Answer } from "../core/answer.ts";
import { type TalkCard, toCard } from "../core/card.ts";
import type { Talk } from "../core/talk.ts";
import type { Site } from "../render/web/html.ts";
import { type ListView, renderErrorPage, renderListPage } from "../render/web/list.ts";
import { PAGE_SIZE, paths } from "../render/web/paths.ts";
import { renderSearchPage } from "../render/web/search.ts";
import { STYLE_PATH, STYLESHEET } from "../render/web/style.ts";
import { renderTalkPage, type TalkView } from "../render/web/talk.ts";
import { addDays } from "../totd/today.ts";
import { catalogIndex } from "./catalog-index.ts";
import { readWebQuery } from "./chat-only.ts";
import { talkExtras } from "./extras.ts";
import { eventCalendar, recentFeed, searchApi, todayCalendar } from "./feeds.ts";
import { type PageContext, WEB_DEFAULTS, type WebResponse } from "./response.ts";

const HTML = "text/html; charset=utf-8";
const page = (
  status: number,
  body: string,
  maxAge: number = WEB_DEFAULTS.pageMaxAge,
  depends?: WebResponse["depends"],
  uncached?: WebResponse["uncached"],
): WebResponse => ({
  status,
  type: HTML,
  body,
  maxAge,
  ...(depends ? { depends } : {}),
  ...(uncached ? { uncached } : {}),
});

/**
 * Answers that depend on the clock or on chance (the week's listings, "today", "random",
 * a note such as "nothing is running now"): their ETag is a hash of the body, and they are
 * neither kept by the server nor long by a proxy. Every other answer follows from the
 * catalog and the address alone, so the catalog's version tags it (no hash of the body).
 */
const ofTheMoment = (answer: Answer): boolean =>
  answer.kind === "talk" ||
  answer.kind === "note" ||
  (answer.kind === "results" && answer.heading !== undefined);

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
  depends: "catalog" | "day" = "catalog",
): WebResponse {
  const offset = (pageNumber(params) - 1) * PAGE_SIZE;
  if (offset > 0 && offset >= talks.length) return errorPage(ctx.site, 404);
  const cards: TalkCard[] = talks.slice(offset, offset + PAGE_SIZE).map((t) => toCard(t));
  const body = renderListPage(ctx.site, { ...view, cards, offset, total: talks.length });
  return page(200, body, WEB_DEFAULTS.pageMaxAge, depends);
}

function search(ctx: PageContext, params: URLSearchParams): WebResponse {
  const query = (params.get("q") ?? "").slice(0, 500);
  const offset = (pageNumber(params) - 1) * PAGE_SIZE;
  const read = query.trim() ? readWebQuery(query, ctx.core.catalog.dataDir) : null;
  if (read?.chat)
    return page(
      200,
      renderSearchPage(ctx.site, { query, answer: null, topics: [], chat: read.chat }),
    );
  const answer = read ? ctx.core.run(read.command, { offset, pageSize: PAGE_SIZE }) : null;
  // Every topic is listed only on the front page and under an unknown topic.
  const listed =
    answer === null || answer.kind === "unknown-topic" ? ctx.core.run({ kind: "topics" }) : null;
  const topics = listed?.kind === "topics" ? listed.topics : [];
  const body = renderSearchPage(ctx.site, { query: answer ? query : "", answer, topics });
  return answer && ofTheMoment(answer)
    ? page(200, body, WEB_DEFAULTS.apiMaxAge, undefined, "moment")
    : page(200, body, WEB_DEFAULTS.pageMaxAge, "catalog");
}

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
  // The lists are looked up only by the pages that show them (not the search page).
  const index = () => catalogIndex(core.catalog);
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
          depends: "catalog",
        };
      case paths.today: {
        const { card } = core.today(ctx.today);
        const talk = core.catalog.byId.get(card.id)!;
        return page(
          200,
          renderTalkPage(site, talkView(ctx, talk, `Talk of the day · ${ctx.today}`)),
          WEB_DEFAULTS.pageMaxAge,
          "day",
        );
      }
      case paths.todayCalendar:
        return todayCalendar(ctx);
      case paths.recent:
        return list(
          ctx,
          params,
          index().addedSince(addDays(ctx.today, -WEB_DEFAULTS.newDays)),
          {
            title: `Added in the last ${WEB_DEFAULTS.newDays} days`,
            lead: null,
            path: paths.recent,
            alternates: [["application/atom+xml", paths.recentFeed, "New talks"]],
            subscribe: [paths.recentFeed, "Follow new talks (Atom feed)"],
          },
          "day",
        );
      case paths.recentFeed:
        return recentFeed(ctx, index().addedSince(addDays(ctx.today, -WEB_DEFAULTS.newDays)));
      default:
        return errorPage(site, 404);
    }
  }
  switch (first) {
    case "talks": {
      const talk = core.catalog.byId.get(second);
      if (!talk) return errorPage(site, 404);
      return {
        ...page(200, renderTalkPage(site, talkView(ctx, talk)), WEB_DEFAULTS.pageMaxAge, "catalog"),
        talkPage: paths.talk(talk.id),
      };
    }
    case "speakers": {
      const found = index().speaker(second);
      if (!found) return errorPage(site, 404);
      return list(ctx, params, found.talks, {
        title: `Talks by ${found.name}`,
        lead: null,
        path: paths.speaker(found.name),
      });
    }
    case "topics": {
      const talks = index().topic(second);
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
      const event = index().event(id);
      if (!event) return errorPage(site, 404);
      const name = event.name.includes(String(event.year))
        ? event.name
        : `${event.name} ${event.year}`;
      if (calendar) return eventCalendar(ctx, name, event.talks);
      return list(ctx, params, event.talks, {
        title: name,
        lead: event.talks[0]?.location ?? null,
        path: paths.event(id),
        alternates: [["text/calendar", paths.eventCalendar(id), `${name} (iCalendar)`]],
        subscribe: [paths.eventCalendar(id), "Add to a calendar (iCalendar)"],
      });
    }
    case "api":
      return second === "search" ? searchApi(ctx, params) : errorPage(site, 404);
    default:
      return errorPage(site, 404);
  }
}
