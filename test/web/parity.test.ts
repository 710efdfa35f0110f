// A search gives the same talks on the web as in chat: the same grammar and engine, page
// after page (the web shows ten a page, chat three).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTurn } from "../../src/core/turn.ts";
import { startWeb, type WebHarness } from "./support.ts";

let web: WebHarness;
beforeAll(async () => {
  web = await startWeb({ rateLimit: { burst: 1_000, perSecond: 1_000 } });
});
afterAll(() => web.close());

/** Every talk id a chat search pages through, three at a time with "more". */
async function chatIds(query: string): Promise<string[]> {
  const turn = createTurn({ library: web.library });
  const ids: string[] = [];
  let text = query;
  for (;;) {
    const { reply } = await turn.handle({
      platform: "console",
      conversation: "c",
      user: "u",
      text,
    });
    if (reply?.kind !== "results") return ids;
    ids.push(...reply.hits.map((h) => h.card.id));
    text = "more";
  }
}

/** Every talk id the web's search pages list, following the Next links. */
async function webIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  let path: string | null = `/?q=${encodeURIComponent(query)}`;
  while (path) {
    const html: string = await (await web.get(path)).text();
    const main: string = html.slice(html.indexOf("<main>"), html.indexOf("</main>"));
    ids.push(
      ...[...main.matchAll(/<h2 dir="auto"><a href="\/talks\/([^"]+)"/g)].map((m) =>
        decodeURIComponent(m[1]!),
      ),
    );
    const next: string | undefined = /<a href="([^"]+)">Next/.exec(main)?.[1];
    path = next ? next.replaceAll("&amp;", "&") : null;
  }
  return ids;
}

describe("web and chat parity", () => {
  it.each([
    "numa",
    "xen",
    "speaker:williamson",
    "year:2012 live migration",
    'event:"kvm forum" topic:numa',
    "migraton",
  ])("%s finds the same talks in the same order", async (query) => {
    const chat = await chatIds(query);
    expect(chat.length).toBeGreaterThan(0);
    expect(await webIds(query)).toEqual(chat);
  });

  it("a search that finds nothing suggests topics on both", async () => {
    const html = await (await web.get("/?q=kubernetes")).text();
    expect(html).toContain("No talks found for “kubernetes”");
    const { reply } = await createTurn({ library: web.library }).handle({
      platform: "console",
      conversation: "c",
      user: "u",
      text: "kubernetes",
    });
    if (reply?.kind !== "no-results") throw new Error("kubernetes finds nothing");
    for (const topic of reply.suggestions) expect(html).toContain(`href="/topics/${topic}"`);
  });
});
