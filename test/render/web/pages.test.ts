// Exact output of the public pages' renderers (pure), and what they do with hostile text.
import { describe, expect, it } from "vitest";
import type { TalkCard } from "../../../src/core/card.ts";
import { document, type Site, text } from "../../../src/render/web/html.ts";
import { renderErrorPage, renderListPage } from "../../../src/render/web/list.ts";
import { paths, speakerSlug } from "../../../src/render/web/paths.ts";
import { STYLE_PATH, STYLESHEET } from "../../../src/render/web/style.ts";
import {
  NO_EXTRAS,
  renderTalkPage,
  type TalkView,
  talkBody,
} from "../../../src/render/web/talk.ts";
import { pager, talkList } from "../../../src/render/web/talk-list.ts";
import { scheduleTime } from "../../../src/render/web/when.ts";

const site: Site = { base: "", style: "/style.css" };
const card: TalkCard = {
  id: "example-2026-numa",
  title: "NUMA & <you>",
  speakers: ["Ada Example", "Jörg Rödel"],
  event: "Example Conf 2026",
  track: "Virtualization",
  year: 2026,
  date: "2026-09-03",
  summary: "Placing guest memory.",
  keyPoints: ["Pin vCPUs"],
  topics: ["numa"],
  links: [
    { kind: "slides", label: "Slides", url: "https://example.org/numa.pdf?a=1&b=2" },
    { kind: "video", label: "Video", url: "javascript:alert(1)" },
  ],
  url: "https://example.org/numa.pdf?a=1&b=2",
  heading: null,
};
const view: TalkView = {
  card,
  eventId: "example-2026",
  location: "Brno",
  extras: {
    ...NO_EXTRAS,
    subtitle: "A tour",
    start: "2026-09-03T10:30:00+02:00",
    end: "2026-09-03T11:00:00+02:00",
    timeZone: "Europe/Prague",
    room: "D105",
    source: {
      format: "frab-xml",
      origin: "https://example.org/schedule.xml",
      importedAt: "2026-08-01T10:00:00Z",
    },
  },
  related: [{ ...card, id: "other", title: "Other", speakers: ["Ada Example"], track: null }],
};

describe("talk page", () => {
  it("renders every field, links by kind (http(s) only), related talks and the source", () => {
    expect(talkBody(site, view)).toBe(
      [
        '<article><h1 dir="auto">NUMA &amp; &lt;you&gt;</h1><p class="subtitle" dir="auto">A tour</p>',
        '<dl><dt>Speakers</dt><dd dir="auto"><a href="/speakers/ada-example"><bdi>Ada Example</bdi></a>, <a href="/speakers/jorg-rodel"><bdi>Jörg Rödel</bdi></a></dd>',
        '<dt>Event</dt><dd dir="auto"><a href="/events/example-2026">Example Conf 2026</a> (Brno)</dd>',
        '<dt>When</dt><dd dir="auto">2026-09-03 10:30–11:00 Europe/Prague</dd>',
        '<dt>Track</dt><dd dir="auto">Virtualization</dd><dt>Room</dt><dd dir="auto">D105</dd></dl>',
        '<h2>Summary</h2><p dir="auto">Placing guest memory.</p>',
        '<h2>Key points</h2><ul><li dir="auto">Pin vCPUs</li></ul>',
        '<h2>Topics</h2><ul class="chips"><li><a href="/topics/numa">numa</a></li></ul>',
        '<h2>Links</h2><ul><li>Slides: <a href="https://example.org/numa.pdf?a=1&amp;b=2" rel="nofollow noopener noreferrer">https://example.org/numa.pdf?a=1&amp;b=2</a></li>',
        "<li>Video: javascript:alert(1)</li></ul>",
        '<h2>Related talks</h2><ol class="talks"><li><h3 dir="auto"><a href="/talks/other">Other</a></h3><p class="muted" dir="auto">Ada Example · Example Conf 2026</p></li></ol>',
        '<h2>Source</h2><p>Imported from <a href="https://example.org/schedule.xml" rel="nofollow noopener noreferrer">https://example.org/schedule.xml</a> (frab-xml) on 2026-08-01.</p>',
        "</article>",
      ].join(""),
    );
  });

  it("leaves out what a talk does not have, and says when the sources give no link", () => {
    const bare = {
      ...card,
      speakers: [],
      track: null,
      date: null,
      keyPoints: [],
      topics: [],
      links: [],
      url: null,
    };
    expect(
      talkBody(site, { card: bare, eventId: "e", location: null, extras: NO_EXTRAS, related: [] }),
    ).toBe(
      [
        '<article><h1 dir="auto">NUMA &amp; &lt;you&gt;</h1>',
        '<dl><dt>Speaker</dt><dd dir="auto">speaker not named in the sources</dd>',
        '<dt>Event</dt><dd dir="auto"><a href="/events/e">Example Conf 2026</a></dd></dl>',
        '<h2>Summary</h2><p dir="auto">Placing guest memory.</p>',
        '<h2>Links</h2><p class="muted">no link in the sources</p></article>',
      ].join(""),
    );
  });

  it("is a whole document with the stylesheet, the search box and no script", () => {
    const html = renderTalkPage({ base: "/virt", style: STYLE_PATH }, view);
    expect(html.startsWith('<!doctype html><html lang="en"><head><meta charset="utf-8">')).toBe(
      true,
    );
    expect(html).toContain(`<link rel="stylesheet" href="/virt${STYLE_PATH}">`);
    expect(html).toContain('<form role="search" action="/virt/" method="get">');
    expect(html).toContain("<title>NUMA &amp; &lt;you&gt; · virt-talks</title>");
    expect(html).not.toMatch(/<script|\son\w+=|\sstyle=/i);
  });
});

describe("hostile imported text", () => {
  const evil = "\u202Egnp.exe\u202C <img src=x onerror=alert(1)> ";
  const hostile: TalkCard = {
    ...card,
    title: `${evil}${"A".repeat(5_000)}`,
    speakers: [`<script>alert(1)</script>\u2066x`],
    summary: "s".repeat(20_000),
    keyPoints: Array.from({ length: 6 }, () => "k".repeat(5_000)),
    links: Array.from({ length: 6 }, (_, i) => ({
      kind: "page" as const,
      label: "Talk page",
      url: `https://example.org/${"p".repeat(3_000)}${i}`,
    })),
  };
  const html = renderTalkPage(site, {
    ...view,
    card: hostile,
    related: Array.from({ length: 5 }, () => hostile),
  });

  it("escapes markup, drops bidi controls and never makes an element of it", () => {
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("clips long fields so the page stays within 30 kB with its stylesheet", () => {
    expect(Buffer.byteLength(html) + Buffer.byteLength(STYLESHEET)).toBeLessThanOrEqual(30_000);
    expect(text("x".repeat(400), 300)).toBe(`${"x".repeat(299)}…`);
  });
});

describe("lists", () => {
  it("numbers items from the page's first and links previous and next pages", () => {
    expect(talkList(site, [card], { start: 11 })).toBe(
      '<ol class="talks" start="11"><li><h2 dir="auto"><a href="/talks/example-2026-numa">NUMA &amp; &lt;you&gt;</a></h2><p class="muted" dir="auto">Ada Example, Jörg Rödel · Example Conf 2026 · Virtualization</p><p dir="auto">Placing guest memory.</p></li></ol>',
    );
    expect(
      pager(site, { offset: 10, count: 10, total: 25, size: 10 }, (n) => paths.search("numa", n)),
    ).toBe(
      [
        '<p class="muted">Showing 11–20 of 25.</p><nav class="pager" aria-label="Result pages">',
        '<a href="/?q=numa"><span aria-hidden="true">←</span> Previous</a>',
        '<a href="/?q=numa&amp;page=3">Next <span aria-hidden="true">→</span></a></nav>',
      ].join(""),
    );
    expect(pager(site, { offset: 0, count: 1, total: 1, size: 10 }, String)).toBe(
      '<p class="muted">1 talk.</p>',
    );
  });

  it("renders a list page and the error pages", () => {
    const html = renderListPage(site, {
      title: "Topic: numa",
      lead: "NUMA",
      path: "/topics/numa",
      cards: [],
      offset: 0,
      total: 0,
    });
    expect(html).toContain(
      '<main><h1 dir="auto">Topic: numa</h1><p dir="auto">NUMA</p><ol class="talks"></ol><p class="muted">No talks.</p></main>',
    );
    expect(renderErrorPage(site, 404)).toContain("<main><h1>Not found</h1>");
    expect(renderErrorPage(site, 405)).toContain("<main><h1>Method not allowed</h1>");
  });
});

describe("addresses and times", () => {
  it("makes speaker slugs without accents and encodes every segment", () => {
    expect(speakerSlug("Jörg Rödel")).toBe("jorg-rodel");
    expect(speakerSlug("李 明")).toBe("");
    expect(paths.talk("a/b?c")).toBe("/talks/a%2Fb%3Fc");
    expect(paths.search("year:2012 vfio", 2)).toBe("/?q=year%3A2012+vfio&page=2");
  });

  it("shows a schedule's time in its zone, and nothing for nonsense", () => {
    expect(scheduleTime("2026-09-03T23:30:00Z", "2026-09-04T00:15:00Z", "Europe/Prague")).toBe(
      "2026-09-04 01:30–02:15 Europe/Prague",
    );
    expect(scheduleTime("2026-09-03T23:30:00Z", null, "Not/AZone")).toBe("2026-09-03 23:30 UTC");
    expect(scheduleTime("2026-09-03T10:00:00Z", "2026-09-04T10:00:00Z", null)).toBe(
      "2026-09-03 10:00 – 2026-09-04 10:00 UTC",
    );
    expect(scheduleTime("soon", null, null)).toBeNull();
    expect(document(site, { title: "t", main: "" })).toContain('<nav aria-label="Pages">');
  });
});
