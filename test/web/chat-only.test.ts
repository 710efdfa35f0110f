import { describe, expect, it } from "vitest";
import type { Site } from "../../src/render/web/html.ts";
import { type ChatOnly, renderSearchPage } from "../../src/render/web/search.ts";
import { chatOnlyQuery } from "../../src/web/chat-only.ts";

const site: Site = { base: "", style: "/style.css" };
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
});
