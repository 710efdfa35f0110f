// The Block Kit renderer, as pure functions: exact JSON for a small card, escaping of every
// string, and every Block Kit limit met by synthetic cards built to exceed them.
import { describe, expect, it } from "vitest";
import { questionText } from "../../src/adapters/slack/mention-text.ts";
import type { Answer, Hit } from "../../src/core/answer.ts";
import { NO_LINK, type TalkCard } from "../../src/core/card.ts";
import { parseMessage } from "../../src/core/grammar.ts";
import { HELP } from "../../src/core/help.ts";
import type { Reply } from "../../src/core/reply.ts";
import {
  renderNotice,
  renderPostedCard,
  renderShared,
  renderSlackAnswer,
} from "../../src/render/slack/answer.ts";
import type { Block, ButtonElement, SlackMessage } from "../../src/render/slack/blocks.ts";
import { decodeMore, decodeShare, encodeMore } from "../../src/render/slack/button-values.ts";
import { slackCardBlocks } from "../../src/render/slack/card.ts";
import {
  escapeText,
  safeUrl,
  truncateEscaped,
  unescapeText,
} from "../../src/render/slack/escape.ts";
import { BLOCK_KIT_LIMITS } from "../../src/render/slack/limits.ts";
import { allStrings } from "../support/slack-harness.ts";

const CARD: TalkCard = {
  id: "kvm-forum-2011-vfio",
  title: "VFIO: a user's perspective",
  speakers: ["Alex Williamson"],
  event: "KVM Forum 2011",
  year: 2011,
  date: "2011-08-15",
  summary: "Device assignment with <VFIO> & IOMMU groups.",
  keyPoints: ["one", "two", "three"],
  topics: ["vfio", "device-assignment"],
  links: [{ kind: "slides", label: "Slides", url: "https://example.org/vfio.pdf?a=1&b=2" }],
  url: "https://example.org/vfio.pdf?a=1&b=2",
  heading: null,
};

const card = (over: Partial<TalkCard>): TalkCard => ({ ...CARD, ...over });
const hit = (c: TalkCard): Hit => ({ card: c, score: 1, matched: [] });
const results = (
  hits: readonly TalkCard[],
  extra: Partial<Extract<Answer, { kind: "results" }>> = {},
): Reply => ({
  kind: "results",
  query: "vfio",
  hits: hits.map(hit),
  offset: 0,
  total: hits.length,
  corrections: [],
  ...extra,
});

function buttons(blocks: readonly Block[]): ButtonElement[] {
  return blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));
}

/** Every Block Kit limit the renderer promises, checked on one message. */
function expectWithinLimits(message: SlackMessage) {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.fallbackText);
  expect(message.blocks.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.blocksPerMessage);
  for (const b of message.blocks) {
    if (b.type === "section")
      expect(b.text.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.sectionText);
    if (b.type === "header")
      expect(b.text.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.headerText);
    if (b.type === "context") {
      expect(b.elements.length).toBeGreaterThan(0);
      expect(b.elements.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.contextElements);
      for (const e of b.elements)
        expect(e.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.contextText);
    }
    if (b.type === "actions") {
      expect(b.elements.length).toBeGreaterThan(0);
      expect(b.elements.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.actionsElements);
      const ids = b.elements.map((e) => e.action_id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  }
  for (const btn of buttons(message.blocks)) {
    expect(btn.text.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.buttonText);
    if (btn.url !== undefined)
      expect(btn.url.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.buttonUrl);
    if (btn.value !== undefined)
      expect(btn.value.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.buttonValue);
  }
  const ids = buttons(message.blocks).map((b) => b.action_id);
  expect(new Set(ids).size).toBe(ids.length);
  // No truncation ever leaves half an entity behind.
  for (const s of allStrings(message)) expect(s).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?…/);
}

describe("slackCardBlocks", () => {
  it("renders a small card to exactly this Block Kit", () => {
    expect(slackCardBlocks(CARD, { index: 0, share: true })).toEqual([
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text:
            "*<https://example.org/vfio.pdf?a=1&amp;b=2|VFIO: a user's perspective>*\n" +
            "Alex Williamson · KVM Forum 2011\n" +
            "Device assignment with &lt;VFIO&gt; &amp; IOMMU groups.",
        },
      },
      { type: "context", elements: [{ type: "mrkdwn", text: "Topics: vfio · device-assignment" }] },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Slides" },
            action_id: "link:0:0",
            url: "https://example.org/vfio.pdf?a=1&b=2",
          },
          {
            type: "button",
            text: { type: "plain_text", text: "Share in channel" },
            action_id: "share_card:0",
            value: '{"id":"kvm-forum-2011-vfio"}',
          },
        ],
      },
    ]);
  });

  it("renders the talk of the day with its heading and no share button when posted", () => {
    const totd = card({ heading: "Talk of the day · 2026-11-22" });
    expect(renderPostedCard(totd)).toEqual({
      text: "Talk of the day · 2026-11-22: VFIO: a user's perspective — Alex Williamson · KVM Forum 2011",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "Talk of the day · 2026-11-22" } },
        slackCardBlocks(CARD, { index: 0, share: false })[0],
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: "Topics: vfio · device-assignment" }],
        },
        {
          type: "actions",
          elements: [
            {
              type: "button",
              text: { type: "plain_text", text: "Slides" },
              action_id: "link:0:0",
              url: "https://example.org/vfio.pdf?a=1&b=2",
            },
          ],
        },
      ],
    });
  });

  it("shows a card without a link as a plain title and says there is no link", () => {
    const blocks = slackCardBlocks(card({ url: null, links: [] }), { index: 0, share: false });
    expect(blocks).toEqual([
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "*VFIO: a user's perspective*\nAlex Williamson · KVM Forum 2011\nDevice assignment with &lt;VFIO&gt; &amp; IOMMU groups.",
        },
      },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "Topics: vfio · device-assignment" },
          { type: "mrkdwn", text: NO_LINK },
        ],
      },
    ]);
  });

  it("escapes catalog text in every field, plain_text included", () => {
    const evil = card({
      title: "<!channel> & <@U123>",
      speakers: ["<!here>"],
      summary: "<https://evil.example|docs>",
      topics: ["<!everyone>"],
      heading: "<!channel> heading",
      links: [{ kind: "slides", label: "<@U999>", url: "https://example.org/x" }],
    });
    const strings = allStrings(
      renderSlackAnswer({ kind: "talk", reason: "random", card: evil }, "command"),
    );
    for (const s of strings) {
      expect(s).not.toContain("<!");
      expect(s).not.toContain("<@");
      expect(s).not.toContain("<https://evil");
    }
    expect(strings.join("\n")).toContain("&lt;!channel&gt; &amp; &lt;@U123&gt;");
  });

  it("never links or buttons a URL that is not http(s), and keeps link markup intact", () => {
    const odd = card({
      url: "javascript:alert(1)",
      links: [
        { kind: "slides", label: "Slides", url: "javascript:alert(1)" },
        { kind: "notes", label: "Notes", url: "https://example.org/a|b>c" },
      ],
    });
    const blocks = slackCardBlocks(odd, { index: 0, share: false });
    const section = blocks.find((b) => b.type === "section");
    expect(section?.type === "section" && section.text.text.startsWith("*VFIO")).toBe(true);
    expect(buttons(blocks).map((b) => b.url)).toEqual(["https://example.org/a%7Cb%3Ec"]);
  });
});

describe("limits", () => {
  it("truncates a very long summary to the section limit, with an ellipsis", () => {
    const long = card({ summary: "x".repeat(10_000) });
    const [section] = slackCardBlocks(long, { index: 0, share: true });
    expect(section?.type).toBe("section");
    if (section?.type !== "section") return;
    expect(section.text.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.sectionText);
    expect(section.text.text.endsWith("…")).toBe(true);
    expectWithinLimits(renderSlackAnswer({ kind: "talk", reason: "today", card: long }, "command"));
  });

  it("never cuts an entity in half at the limit", () => {
    for (let pad = 0; pad < 6; pad++) {
      const summary = `${"y".repeat(2900 + pad)}${"&".repeat(400)}`;
      const [section] = slackCardBlocks(card({ summary }), { index: 0, share: false });
      if (section?.type !== "section") throw new Error("no section");
      expect(section.text.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.sectionText);
      expect(section.text.text).toMatch(/(?:&amp;|y)…$/);
    }
  });

  it("keeps a very long title, heading, labels and many links within limits", () => {
    const links = Array.from({ length: 40 }, (_, i) => ({
      kind: "reference" as const,
      label: `Reference number ${i} with a label far longer than any button may show`.repeat(2),
      url: `https://example.org/ref/${i}`,
    }));
    const monster = card({
      title: "T".repeat(5000),
      speakers: Array.from({ length: 50 }, (_, i) => `Speaker ${i}`),
      heading: "H".repeat(500),
      topics: Array.from({ length: 300 }, (_, i) => `topic-${i}`),
      links: [
        { kind: "slides", label: "Slides", url: `https://example.org/${"u".repeat(3100)}` },
        ...links,
      ],
      url: `https://example.org/${"u".repeat(3100)}`,
    });
    const message = renderSlackAnswer({ kind: "talk", reason: "today", card: monster }, "command");
    expectWithinLimits(message);
    const btns = buttons(message.blocks);
    expect(btns).toHaveLength(BLOCK_KIT_LIMITS.actionsElements);
    expect(btns.at(-1)?.text.text).toBe("Share in channel");
    // The over-long URL got neither a button nor a title link.
    expect(btns.some((b) => b.url?.includes("uuuu"))).toBe(false);
    expectWithinLimits(
      renderSlackAnswer({ kind: "talk", reason: "today", card: monster }, "mention"),
    );
    expectWithinLimits(renderShared(monster, "U0USER001"));
  });

  it("keeps a page of many synthetic hits under 50 blocks", () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      card({ id: `talk-${i}`, title: `Talk ${i}` }),
    );
    const message = renderSlackAnswer(results(many, { total: 30 }), "command");
    expectWithinLimits(message);
    const more = buttons(message.blocks).find((b) => b.action_id.startsWith("more_results"));
    // Whatever was not shown is one click away.
    const shown = message.blocks.filter((b) => b.type === "divider").length;
    expect(decodeMore(more?.value)).toEqual({ q: "vfio", o: shown });
  });

  it("fits the fallback text of a huge answer", () => {
    const huge = Array.from({ length: 10 }, (_, i) =>
      card({ id: `t${i}`, title: "&".repeat(1000) }),
    );
    expectWithinLimits(renderSlackAnswer(results(huge, { total: 10 }), "mention"));
  });
});

describe("renderSlackAnswer", () => {
  it("results for a command: intro, cards with Share, and a More results button", () => {
    const cards = [
      card({ id: "a", title: "A" }),
      card({ id: "b", title: "B" }),
      card({ id: "c", title: "C" }),
    ];
    const message = renderSlackAnswer(results(cards, { total: 7 }), "command");
    expect(message.text).toBe(
      "Talks for “vfio” (1–3 of 7): A — Alex Williamson · KVM Forum 2011; B — Alex Williamson · KVM Forum 2011; C — Alex Williamson · KVM Forum 2011",
    );
    expect(message.blocks[0]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "Talks for “vfio” · 1–3 of 7" },
    });
    const btns = buttons(message.blocks);
    expect(btns.filter((b) => b.text.text === "Share in channel")).toHaveLength(3);
    expect(btns.at(-1)).toEqual({
      type: "button",
      text: { type: "plain_text", text: "More results" },
      action_id: "more_results:3",
      value: '{"q":"vfio","o":3}',
    });
    expectWithinLimits(message);
  });

  it("results for a mention: no Share, no More button, a hint to page with a mention or /virt", () => {
    const cards = [card({ id: "a" }), card({ id: "b" }), card({ id: "c" })];
    const message = renderSlackAnswer(results(cards, { total: 12 }), "mention");
    const btns = buttons(message.blocks);
    expect(btns.every((b) => b.url !== undefined)).toBe(true);
    expect(message.blocks.at(-1)).toEqual({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "9 more — mention me with `more` for the next page, or use `/virt vfio` for a *More results* button.",
        },
      ],
    });
  });

  it("the last page has no More results button", () => {
    const message = renderSlackAnswer(results([card({})], { offset: 6, total: 7 }), "command");
    expect(message.blocks[0]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "Talks for “vfio” · 7 of 7" },
    });
    expect(buttons(message.blocks).some((b) => b.action_id.startsWith("more"))).toBe(false);
  });

  it("mentions spelling corrections", () => {
    const message = renderSlackAnswer(
      results([card({})], { corrections: ["migraton → migration"] }),
      "command",
    );
    expect(message.blocks[0]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "Talks for “vfio” · 1 of 1\n_Spelling corrected: migraton → migration_",
      },
    });
  });

  it("help lists the grammar and the three examples", () => {
    const message = renderSlackAnswer({ kind: "help", help: HELP }, "command");
    const all = allStrings(message).join("\n");
    for (const example of HELP.examples) expect(all).toContain(`/virt ${example}`);
    for (const c of HELP.commands) expect(all).toContain(c.description);
    expectWithinLimits(message);
  });

  it("help escapes its text once: a description with & or < reads as written", () => {
    const help = {
      intro: HELP.intro,
      commands: [{ syntax: "year:<from>-<to>", description: "talks from a range & its ends" }],
      examples: ["qemu & kvm"],
    };
    expect(renderSlackAnswer({ kind: "help", help }, "dm")).toEqual({
      text: "I find Linux virtualization conference talks (KVM, QEMU, Xen). Try qemu &amp; kvm.",
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: HELP.intro } },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "`year:&lt;from&gt;-&lt;to&gt;` — talks from a range &amp; its ends",
          },
        },
        {
          type: "context",
          elements: [
            { type: "mrkdwn", text: "Examples: `qemu &amp; kvm`" },
            {
              type: "mrkdwn",
              text: "Just type a query here, e.g. `numa`. In a channel: `/virt numa` (only you see the answer) or mention me, `@virt-talks numa`.",
            },
          ],
        },
      ],
    });
  });

  it("usage shows the core's message, escaped", () => {
    const message = renderSlackAnswer(
      { kind: "usage", message: 'I don\'t know the filter "<!here>:".', help: HELP },
      "command",
    );
    expect(message.blocks[0]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: ':warning: I don\'t know the filter "&lt;!here&gt;:".' },
    });
    expect(message.text).not.toContain("<!here>");
  });

  it("no results: says so, echoes the query escaped, suggests topics", () => {
    const message = renderSlackAnswer(
      {
        kind: "no-results",
        query: "<!channel> kubernetes",
        suggestions: ["numa", "vfio"],
        speakers: [],
      },
      "command",
    );
    expect(message).toEqual({
      text: "No talks found for “&lt;!channel&gt; kubernetes”. Try: numa, vfio.",
      blocks: [
        {
          type: "section",
          text: { type: "mrkdwn", text: "No talks found for “&lt;!channel&gt; kubernetes”." },
        },
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: "Try a topic: `/virt numa` · `/virt vfio`" }],
        },
      ],
    });
  });

  it("no results for a filter that matches nothing: says which, escaped, no topics", () => {
    const message = renderSlackAnswer(
      {
        kind: "no-results",
        query: "speaker:<!here>",
        why: 'No speaker in the catalog matches "<!here>".',
        suggestions: [],
        speakers: [],
      },
      "command",
    );
    expect(message).toEqual({
      text: 'No talks found for “speaker:&lt;!here&gt;”. No speaker in the catalog matches "&lt;!here&gt;".',
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: 'No talks found for “speaker:&lt;!here&gt;”.\nNo speaker in the catalog matches "&lt;!here&gt;".',
          },
        },
      ],
    });
  });

  it("echoes a query's styling characters as typed, never as bold, italics or code", () => {
    const z = "\u200B";
    const noResults = renderSlackAnswer(
      { kind: "no-results", query: "*bold* ```x```", suggestions: [], speakers: [] },
      "command",
    );
    expect(noResults.blocks[0]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `No talks found for “${z}*${z}bold${z}*${z} ${z}\`${z}${z}\`${z}${z}\`${z}x${z}\`${z}${z}\`${z}${z}\`${z}”.`,
      },
    });
    const end = renderSlackAnswer({ kind: "end-of-results", query: "_it_", total: 2 }, "mention");
    expect(end).toEqual({ text: `That was all 2 talks for “${z}_${z}it${z}_${z}”.`, blocks: [] });
    // "show 9" past the list and a did-you-mean quote the asker's words: escaped the same.
    const beyond = renderSlackAnswer(
      {
        kind: "note",
        message: 'There is no #9: your last search "*x*" has 1 talk, #1.',
        quoted: "*x*",
      },
      "mention",
    );
    expect(beyond).toEqual({
      text: `There is no #9: your last search "${z}*${z}x${z}*${z}" has 1 talk, #1.`,
      blocks: [],
    });
    const meant = renderSlackAnswer(
      {
        kind: "usage",
        message: '"wacth" is not a command I know. Did you mean "watch _it_"?',
        help: HELP,
        quoted: "watch _it_",
      },
      "mention",
    );
    expect(meant.text).toBe(
      `"wacth" is not a command I know. Did you mean "watch ${z}_${z}it${z}_${z}"? Type @virt-talks help for the query syntax.`,
    );
  });

  it("more: points at the button (command) or at /virt (mention)", () => {
    expect(renderSlackAnswer({ kind: "nothing-to-page" }, "command").text).toContain(
      "More results button",
    );
    expect(renderSlackAnswer({ kind: "nothing-to-page" }, "mention").text).toContain("/virt QUERY");
  });

  it("shared card: credits the user with a real mention, and nothing else pings", () => {
    const message = renderShared(card({ title: "<!channel>" }), "U0USER001");
    expect(message.text).toBe(
      "shared by <@U0USER001>: &lt;!channel&gt; — Alex Williamson · KVM Forum 2011",
    );
    expect(message.blocks[0]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "shared by <@U0USER001>" }],
    });
    expect(buttons(message.blocks).some((b) => b.value !== undefined)).toBe(false);
    // An id that is not a Slack user id is never turned into markup.
    expect(renderShared(CARD, "<!channel>").text).not.toContain("<");
  });

  it("notices are escaped text without blocks", () => {
    expect(renderNotice("a <b> & c")).toEqual({ text: "a &lt;b&gt; &amp; c", blocks: [] });
  });
});

describe("escaping helpers", () => {
  it("escapes and unescapes exactly &, < and >", () => {
    expect(escapeText(`<@U1> & <!here> "x"`)).toBe(`&lt;@U1&gt; &amp; &lt;!here&gt; "x"`);
    expect(unescapeText("&lt;!channel&gt; &amp;lt;")).toBe("<!channel> &lt;");
  });

  it("truncates without splitting entities or surrogate pairs", () => {
    expect(truncateEscaped("abc&amp;def", 6)).toBe("abc…");
    expect(truncateEscaped("abc&amp;def", 9)).toBe("abc&amp;…");
    expect(truncateEscaped("ab😀cd", 4)).toBe("ab…");
    expect(truncateEscaped("short", 10)).toBe("short");
  });

  it("safeUrl accepts http(s) only", () => {
    expect(safeUrl("https://a.example/x?y=1&z=2")).toBe("https://a.example/x?y=1&z=2");
    expect(safeUrl("javascript:alert(1)")).toBeNull();
    expect(safeUrl("not a url")).toBeNull();
  });

  it("reads the question out of Slack's markup: mentions dropped, links and channels as shown", () => {
    // A person's mention is a user id the grammar drops (parseMessage, as the turn reads it).
    expect(questionText("<@UBOT0001> numa")).toBe("@UBOT0001:slack numa");
    const read = (text: string) => parseMessage(questionText(text)).text;
    expect(read("<@UBOT0001> numa")).toBe("numa");
    expect(read("hey <@UBOT0001|virt-talks> vfio <@U123>")).toBe("hey vfio");
    expect(read("<!here> <!subteam^S1|@kvm> numa talks? cc <@UALICE>")).toBe("numa talks?");
    // Whom a message is copied to goes with the mentions; a "cc" without one stays.
    expect(read("<@UBOT0001> vfio /cc <@UALICE> <@UBOB>")).toBe("vfio");
    expect(read("<@UBOT0001> vfio cc: <@UALICE> fyi <@UBOB>")).toBe("vfio");
    expect(read("<@UBOT0001> gcc cc <#C0123|kvm-dev>")).toBe("gcc cc kvm-dev");
    expect(questionText("sev in <#C0123|kvm-dev> <https://kvm.example/x|kvm forum>")).toBe(
      "sev in kvm-dev kvm forum",
    );
    expect(questionText("see <https://kvm.example/x>")).toBe("see https://kvm.example/x");
    // Typed by a person, "<" arrives escaped: not markup, left alone (unescaped later).
    expect(questionText("&lt;@UBOT0001&gt; numa")).toBe("&lt;@UBOT0001&gt; numa");
    expect(questionText("a < b")).toBe("a < b");
  });

  it("button values round-trip and reject junk", () => {
    expect(decodeMore(encodeMore({ q: "numa", o: 3 }))).toEqual({ q: "numa", o: 3 });
    expect(decodeMore('{"q":"numa","o":-1}')).toBeNull();
    expect(decodeMore("not json")).toBeNull();
    expect(decodeMore(undefined)).toBeNull();
    expect(decodeShare('{"id":"x","extra":1}')).toBeNull();
    expect(encodeMore({ q: "x".repeat(2100), o: 0 })).toBeNull();
  });
});
