import { describe, expect, it } from "vitest";
import { type Core, createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { parseCoreCommand } from "../../src/core/grammar.ts";
import type { Site } from "../../src/render/web/html.ts";
import { type ChatOnly, renderSearchPage } from "../../src/render/web/search.ts";
import { readWebQuery } from "../../src/web/chat-only.ts";
import { searchApi } from "../../src/web/feeds.ts";
import { respond } from "../../src/web/pages.ts";
import type { PageContext } from "../../src/web/response.ts";
import { dataDirCopiedTo } from "../support/cc-data-dir.ts";

const site: Site = { base: "", style: "/style.css" };
const chatOnlyQuery = (query: string) => readWebQuery(query).chat;
const main = (query: string, chat: ChatOnly) => {
  const html = renderSearchPage(site, { query, answer: null, topics: [], chat });
  return html.slice(html.indexOf("<h1"), html.indexOf("</main>"));
};

describe("chat commands typed in the web search box", () => {
  it("are told apart from searches by the one grammar's kinds", () => {
    const typed = [
      "more",
      "another one",
      "show 3",
      "page 2",
      "page 0",
      "previous page",
      "subscribe",
      "subscribe 9",
      "unsubscribe",
      "subscription",
      "watch numa",
      "watches",
      "unwatch 2",
      "stop",
      "stop posting here",
    ];
    expect(Object.fromEntries(typed.map((q) => [q, chatOnlyQuery(q)]))).toEqual({
      more: "paging",
      "another one": "paging",
      "show 3": "paging",
      "page 2": "paging",
      "page 0": "paging",
      "previous page": "paging",
      subscribe: "subscription",
      "subscribe 9": "subscription",
      unsubscribe: "subscription",
      subscription: "subscription",
      "watch numa": "watch",
      watches: "watch",
      "unwatch 2": "watch",
      stop: "stop",
      "stop posting here": "stop",
    });
  });

  it("leaves searches, help and the core's commands to the core", () => {
    const typed = ["numa", "more numa", "live migration stop", "help", "?", "topics", "next"];
    expect(typed.map((q) => chatOnlyQuery(q))).toEqual(typed.map(() => null));
  });

  it("reads a search once: the command the core runs is the one the core's own parse gives", () => {
    const typed = ["numa", "more numa", "live migration stop", "help", "?", "topics", "next"];
    expect(typed.map((q) => readWebQuery(q))).toEqual(
      typed.map((q) => ({ chat: null, command: parseCoreCommand(q) })),
    );
  });

  it("the search page and /api/search run the command read, never parsing the text again", () => {
    const core = createCore({ catalog: loadCatalog(), timeZone: "UTC" });
    const context = (c: Core): PageContext => ({
      core: c,
      publicUrl: "https://talks.example.org",
      site,
      today: "2026-11-22",
    });
    const parsesAgain: Core = {
      ...core,
      answer: () => {
        throw new Error("the web parsed the query a second time");
      },
    };
    for (const q of ["numa", "year:2012 vfio", "topic:nosuchtopic", "help"]) {
      const params = new URLSearchParams({ q });
      expect(respond(context(parsesAgain), "/", params)).toEqual(
        respond(context(core), "/", params),
      );
      expect(searchApi(context(parsesAgain), params)).toEqual(searchApi(context(core), params));
    }
    // The front page lists every topic without a query to parse.
    expect(respond(context(parsesAgain), "/", new URLSearchParams()).status).toBe(200);
  });

  it("say they are chat commands and what the page has instead", () => {
    const help = '<a href="/?q=help"><code>help</code></a> lists what you can search for.';
    expect(main("more", "paging")).toBe(
      `<h1 dir="auto">“more” is a chat command</h1><p>Here, each page of results has links to the next and previous pages. ${help}</p>`,
    );
    expect(main("subscribe", "subscription")).toBe(
      `<h1 dir="auto">“subscribe” is a chat command</h1><p>It posts a talk every morning in a channel; here, see <a href="/today">the talk of the day</a>. ${help}</p>`,
    );
    expect(main("watches", "watch")).toBe(
      `<h1 dir="auto">“watches” is a chat command</h1><p>It tells a channel of new talks on a subject; here, see <a href="/new">talks added lately</a> or follow <a href="/new.atom">their feed</a>. ${help}</p>`,
    );
    expect(main("<b>stop</b>", "stop")).toBe(
      `<h1 dir="auto">“&lt;b&gt;stop&lt;/b&gt;” is a chat command</h1><p>Nothing is posted to this page, so there is nothing to stop. ${help}</p>`,
    );
  });

  it("drops the cc words of the catalog's DATA_DIR with the mention after them", () => {
    const own = dataDirCopiedTo("ptal");
    const core = createCore({ catalog: loadCatalog(own.dir), timeZone: "UTC" });
    const ctx: PageContext = {
      core,
      publicUrl: "https://talks.example.org",
      site,
      today: "2026-11-22",
    };
    const api = (q: string) => searchApi(ctx, new URLSearchParams({ q }));
    const numa = api("numa");
    expect(numa.status).toBe(200);
    expect(api("numa ptal @alice:matrix.org")).toEqual(numa);
    own.remove();
  });
});
