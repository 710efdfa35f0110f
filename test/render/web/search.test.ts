import { describe, expect, it } from "vitest";
import type { Site } from "../../../src/render/web/html.ts";
import { renderSearchPage } from "../../../src/render/web/search.ts";

const site: Site = { base: "", style: "/style.css" };

describe("the search page", () => {
  it("says which filter matches nothing instead of topics to try, escaped", () => {
    const html = renderSearchPage(site, {
      query: "event:<i>x</i>",
      answer: {
        kind: "no-results",
        query: "event:<i>x</i>",
        why: 'No event in the catalog matches "<i>x</i>".',
        suggestions: [],
        speakers: [],
      },
      topics: [],
    });
    expect(html.slice(html.indexOf("<h1"), html.indexOf("</main>"))).toBe(
      '<h1 dir="auto">No talks found for “event:&lt;i&gt;x&lt;/i&gt;”</h1>' +
        '<p dir="auto">No event in the catalog matches &quot;&lt;i&gt;x&lt;/i&gt;&quot;.</p>',
    );
  });
});
