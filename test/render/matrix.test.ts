// Exact output of the Matrix renderer (pure), and the HTML it may contain.
import { describe, expect, it } from "vitest";
import { type TalkCard, toCard } from "../../src/core/card.ts";
import { HELP } from "../../src/core/help.ts";
import {
  matrixCardContent,
  renderEndOfResults,
  renderMatrixAnswer,
  renderNothingToPage,
} from "../../src/render/matrix/answer.ts";
import { realCore } from "../support/matrix-harness.ts";
import { ALLOWED_TAGS, tagsIn } from "../support/matrix-html.ts";

const card: TalkCard = {
  id: "t1",
  title: `VFIO <fast> & "safe"`,
  speakers: ["Alex Williamson"],
  event: "KVM Forum 2011",
  year: 2011,
  date: null,
  summary: "Device assignment's next step.",
  keyPoints: [],
  topics: ["vfio"],
  links: [
    { kind: "slides", label: "Slides", url: "https://example.org/vfio.pdf" },
    { kind: "event", label: "Event page", url: "https://example.org/kvm-forum?a=1&b=2" },
  ],
  url: "https://example.org/vfio.pdf",
  heading: null,
};
const bare: TalkCard = {
  ...card,
  id: "t2",
  title: "Xen NUMA",
  speakers: [],
  event: "Xen Summit",
  year: 2009,
  links: [],
  url: null,
  summary: "No links here.",
  topics: ["numa", "xen"],
};

describe("renderMatrixAnswer", () => {
  it("renders a page of results: linked titles, bylines, summaries, other links, paging hint", () => {
    const content = renderMatrixAnswer({
      kind: "results",
      query: "vfio <b>",
      hits: [
        { card, score: 1, matched: [] },
        { card: bare, score: 1, matched: [] },
      ],
      offset: 3,
      total: 9,
      corrections: ["vfoi → vfio"],
    });
    expect(content).toEqual({
      msgtype: "m.notice",
      body:
        "Talks for “vfio <b>” — 4–5 of 9\nCorrected: vfoi → vfio\n\n" +
        '4. VFIO <fast> & "safe" — https://example.org/vfio.pdf\n' +
        "Alex Williamson · KVM Forum 2011\n" +
        "Device assignment's next step.\n" +
        "Topics: vfio\n" +
        "Also: Event page https://example.org/kvm-forum?a=1&b=2\n\n" +
        "5. Xen NUMA (no link in the sources)\n" +
        "speaker not named in the sources · Xen Summit 2009\n" +
        "No links here.\n" +
        "Topics: numa · xen\n\n" +
        "4 more — send `!virt more`",
      format: "org.matrix.custom.html",
      formatted_body:
        "<p>Talks for <strong>vfio &lt;b&gt;</strong> — 4–5 of 9<br><em>Corrected: vfoi → vfio</em></p>" +
        '<p><strong>4. <a href="https://example.org/vfio.pdf">VFIO &lt;fast&gt; &amp; &quot;safe&quot;</a></strong><br>' +
        "<em>Alex Williamson · KVM Forum 2011</em><br>" +
        "Device assignment&#39;s next step.<br>" +
        "<em>Topics: vfio</em><br>" +
        'Also: <a href="https://example.org/kvm-forum?a=1&amp;b=2">Event page</a></p>' +
        "<p><strong>5. Xen NUMA</strong> <em>(no link in the sources)</em><br>" +
        "<em>speaker not named in the sources · Xen Summit 2009</em><br>" +
        "No links here.<br><em>Topics: numa · xen</em></p>" +
        "<p>4 more — send <code>!virt more</code></p>",
      "m.mentions": {},
    });
  });

  it("leaves out the paging hint on the last page and the range on a single hit", () => {
    const content = renderMatrixAnswer({
      kind: "results",
      query: "vfio",
      hits: [{ card, score: 1, matched: [] }],
      offset: 0,
      total: 1,
      corrections: [],
    });
    expect(content.body.split("\n")[0]).toBe("Talks for “vfio” — 1 of 1");
    expect(content.body).not.toContain("more");
    expect(content.formatted_body).not.toContain("more");
  });

  it("escapes the query of an empty search and suggests topics", () => {
    expect(
      renderMatrixAnswer({
        kind: "no-results",
        query: "<img src=x onerror=alert(1)>",
        suggestions: ["numa", "vfio"],
        speakers: [],
      }),
    ).toEqual({
      msgtype: "m.notice",
      body: "No talks found for “<img src=x onerror=alert(1)>”.\nTry a topic: numa, vfio (e.g. `!virt topic:numa`), or `!virt help`.",
      format: "org.matrix.custom.html",
      formatted_body:
        "<p>No talks found for <strong>&lt;img src=x onerror=alert(1)&gt;</strong>.<br>" +
        "Try a topic: numa, vfio (e.g. <code>!virt topic:numa</code>), or <code>!virt help</code>.</p>",
      "m.mentions": {},
    });
  });

  it("says which filter matches nothing, escaped", () => {
    expect(
      renderMatrixAnswer({
        kind: "no-results",
        query: "event:<b>x</b>",
        why: 'No event in the catalog matches "<b>x</b>".',
        suggestions: [],
        speakers: [],
      }),
    ).toEqual({
      msgtype: "m.notice",
      body: 'No talks found for “event:<b>x</b>”.\nNo event in the catalog matches "<b>x</b>".\nSend `!virt help` for the search syntax.',
      format: "org.matrix.custom.html",
      formatted_body:
        "<p>No talks found for <strong>event:&lt;b&gt;x&lt;/b&gt;</strong>.<br>" +
        "No event in the catalog matches &quot;&lt;b&gt;x&lt;/b&gt;&quot;.<br>" +
        "Send <code>!virt help</code> for the search syntax.</p>",
      "m.mentions": {},
    });
  });

  it("renders help as a list of commands", () => {
    const content = renderMatrixAnswer({ kind: "help", help: HELP });
    expect(content.body).toBe(
      [
        "I find Linux virtualization conference talks (KVM, QEMU, Xen).",
        "Ask with `!virt …` or mention me, e.g. `virt-talks: numa`.",
        "",
        "• WORDS — search talks, e.g. numa, vfio, post-copy migration",
        "• speaker:NAME — talks by a speaker, e.g. speaker:arcangeli",
        "• year:2012 or year:2010-2011 — talks from a year or range",
        '• event:"kvm forum" — talks from an event (kvm forum, plumbers, xen summit)',
        "• topic:numa — talks on a catalog topic",
        "• topics — every topic, with its number of talks",
        '• "quoted phrase" — words that must appear together',
        "• today — the talk of the day",
        "• subscribe [HH:MM] [Zone] — the talk of the day here every day (also unsubscribe, subscription)",
        "• watch WORDS — tell this channel or room when new talks match (also watches, unwatch N)",
        "• new [WORDS] — talks added in the last 7 days (also what's new)",
        "• now, next [at EVENT | WORD] — talks on now, or starting within the hour, at conferences in progress (next vfio)",
        "• schedule [DAY] [WORDS] — a conference day's talks in time order (DAY: today, tomorrow, yesterday, friday, this afternoon…)",
        "• random [WORDS] — a random talk, or one of those WORDS find",
        "• help — this message",
        "",
        "After a search, `!virt more` shows the next talks.",
        "Examples: `!virt numa` · `virt-talks: speaker:williamson vfio` · `virt-talks: year:2012 live migration`",
      ].join("\n"),
    );
    expect(content.formatted_body).toBe(
      "<p>I find Linux virtualization conference talks (KVM, QEMU, Xen).<br>" +
        "Ask with <code>!virt …</code> or mention me, e.g. <code>virt-talks: numa</code>.</p><ul>" +
        "<li><code>WORDS</code> — search talks, e.g. numa, vfio, post-copy migration</li>" +
        "<li><code>speaker:NAME</code> — talks by a speaker, e.g. speaker:arcangeli</li>" +
        "<li><code>year:2012 or year:2010-2011</code> — talks from a year or range</li>" +
        "<li><code>event:&quot;kvm forum&quot;</code> — talks from an event (kvm forum, plumbers, xen summit)</li>" +
        "<li><code>topic:numa</code> — talks on a catalog topic</li>" +
        "<li><code>topics</code> — every topic, with its number of talks</li>" +
        "<li><code>&quot;quoted phrase&quot;</code> — words that must appear together</li>" +
        "<li><code>today</code> — the talk of the day</li>" +
        "<li><code>subscribe [HH:MM] [Zone]</code> — the talk of the day here every day (also unsubscribe, subscription)</li>" +
        "<li><code>watch WORDS</code> — tell this channel or room when new talks match (also watches, unwatch N)</li>" +
        "<li><code>new [WORDS]</code> — talks added in the last 7 days (also what&#39;s new)</li>" +
        "<li><code>now, next [at EVENT | WORD]</code> — talks on now, or starting within the hour, at conferences in progress (next vfio)</li>" +
        "<li><code>schedule [DAY] [WORDS]</code> — a conference day&#39;s talks in time order (DAY: today, tomorrow, yesterday, friday, this afternoon…)</li>" +
        "<li><code>random [WORDS]</code> — a random talk, or one of those WORDS find</li>" +
        "<li><code>help</code> — this message</li></ul>" +
        "<p>After a search, <code>!virt more</code> shows the next talks.<br>" +
        "Examples: <code>!virt numa</code> · <code>virt-talks: speaker:williamson vfio</code> · " +
        "<code>virt-talks: year:2012 live migration</code></p>",
    );
  });

  it("answers a usage error with its one line and a pointer to help, not the whole help", () => {
    expect(
      renderMatrixAnswer({ kind: "usage", message: "That query is <long>.", help: HELP }),
    ).toEqual({
      msgtype: "m.notice",
      body: "That query is <long>.\nSend `!virt help` for what I understand.",
      format: "org.matrix.custom.html",
      formatted_body:
        "<p>That query is &lt;long&gt;.<br>Send <code>!virt help</code> for what I understand.</p>",
      "m.mentions": {},
    });
  });

  it("writes help's mention examples with the bot's own name, as people type them", () => {
    const content = renderMatrixAnswer({ kind: "help", help: HELP }, { address: "Virt <Talks>" });
    expect(content.body.split("\n")[1]).toBe(
      "Ask with `!virt …` or mention me, e.g. `Virt <Talks>: numa`.",
    );
    expect(content.body.split("\n").at(-1)).toBe(
      "Examples: `!virt numa` · `Virt <Talks>: speaker:williamson vfio` · `Virt <Talks>: year:2012 live migration`",
    );
    expect(content.formatted_body).toContain("<code>Virt &lt;Talks&gt;: numa</code>");
  });

  it("renders the talk of the day under its heading", () => {
    const content = renderMatrixAnswer({
      kind: "talk",
      reason: "today",
      card: { ...card, heading: "Talk of the day · 2026-11-22" },
    });
    expect(content.body).toBe(
      'Talk of the day · 2026-11-22\n\nVFIO <fast> & "safe" — https://example.org/vfio.pdf\n' +
        "Alex Williamson · KVM Forum 2011\nDevice assignment's next step.\nTopics: vfio\n" +
        "Also: Event page https://example.org/kvm-forum?a=1&b=2",
    );
    expect(content.formatted_body).toBe(
      "<p><strong>Talk of the day · 2026-11-22</strong></p>" +
        '<p><strong><a href="https://example.org/vfio.pdf">VFIO &lt;fast&gt; &amp; &quot;safe&quot;</a></strong><br>' +
        "<em>Alex Williamson · KVM Forum 2011</em><br>Device assignment&#39;s next step.<br>" +
        "<em>Topics: vfio</em><br>" +
        'Also: <a href="https://example.org/kvm-forum?a=1&amp;b=2">Event page</a></p>',
    );
  });

  it("says so when there is nothing to page, or no more", () => {
    expect(renderMatrixAnswer({ kind: "nothing-to-page" })).toEqual(renderNothingToPage());
    expect(renderNothingToPage().body).toBe(
      "Nothing to page through yet: more goes on from a search that found talks, e.g. `!virt numa`.",
    );
    expect(renderEndOfResults("numa", 9)).toMatchObject({
      body: "That was all 9 talks for “numa”.",
      formatted_body: "<p>That was all 9 talks for <strong>numa</strong>.</p>",
    });
    expect(renderEndOfResults("x", 1).body).toBe("That was all 1 talk for “x”.");
  });

  it("renders a card without a heading as just the card", () => {
    expect(matrixCardContent(bare)).toEqual({
      msgtype: "m.notice",
      body: "Xen NUMA (no link in the sources)\nspeaker not named in the sources · Xen Summit 2009\nNo links here.\nTopics: numa · xen",
      format: "org.matrix.custom.html",
      formatted_body:
        "<p><strong>Xen NUMA</strong> <em>(no link in the sources)</em><br>" +
        "<em>speaker not named in the sources · Xen Summit 2009</em><br>No links here.<br>" +
        "<em>Topics: numa · xen</em></p>",
      "m.mentions": {},
    });
  });

  it("never links a non-http URL", () => {
    const evil: TalkCard = {
      ...card,
      url: "javascript:alert(1)",
      links: [{ kind: "slides", label: "Slides", url: "javascript:alert(1)" }],
    };
    expect(matrixCardContent(evil).formatted_body).not.toContain("<a ");
    expect(matrixCardContent(evil).formatted_body).not.toContain("href");
  });
});

describe("every catalog talk renders to allowed HTML only", () => {
  it("uses only org.matrix.custom.html tags the spec allows, with escaped text", () => {
    const core = realCore();
    for (const talk of core.catalog.talks) {
      const content = matrixCardContent(toCard(talk));
      for (const tag of tagsIn(content.formatted_body)) expect(ALLOWED_TAGS).toContain(tag);
      expect(content.formatted_body).toContain(
        talk.title
          .replace(/&/g, "&amp;")
          .replace(/</g, "&lt;")
          .replace(/'/g, "&#39;")
          .replace(/"/g, "&quot;"),
      );
      expect(content["m.mentions"]).toEqual({});
    }
  });
});
