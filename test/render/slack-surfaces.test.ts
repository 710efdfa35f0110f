// The Slack renderer's surfaces and the shared-card redraw, as exact JSON: help, usage and
// "more" told for where they are shown (/virt, a mention thread, a DM); DM answers page but
// share nothing; Share buttons carry their list (query, offset, cards already shared) with
// Slack's markup characters JSON-escaped; a redrawn list marks shared cards.
import { describe, expect, it } from "vitest";
import type { Hit } from "../../src/core/answer.ts";
import type { TalkCard } from "../../src/core/card.ts";
import { HELP } from "../../src/core/help.ts";
import type { Reply } from "../../src/core/reply.ts";
import { renderSlackAnswer } from "../../src/render/slack/answer.ts";
import type { Block, ButtonElement } from "../../src/render/slack/blocks.ts";
import { decodeShare, encodeShare } from "../../src/render/slack/button-values.ts";
import { SHARED_MARK, slackCardBlocks } from "../../src/render/slack/card.ts";

const CARD: TalkCard = {
  id: "kvm-forum-2011-vfio",
  title: "VFIO",
  speakers: ["Alex Williamson"],
  event: "KVM Forum 2011",
  year: 2011,
  date: "2011-08-15",
  summary: "Device assignment.",
  keyPoints: [],
  topics: [],
  links: [],
  url: null,
  heading: null,
};
const card = (id: string): TalkCard => ({ ...CARD, id, title: id.toUpperCase() });
const hit = (c: TalkCard): Hit => ({ card: c, score: 1, matched: [] });
const page = (query: string, ids: string[], offset = 0, total = 9): Reply => ({
  kind: "results",
  query,
  hits: ids.map((id) => hit(card(id))),
  offset,
  total,
  corrections: [],
});
const buttons = (blocks: readonly Block[]): ButtonElement[] =>
  blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));
const lastContext = (blocks: readonly Block[]) => blocks.filter((b) => b.type === "context").at(-1);

describe("help for where it is shown", () => {
  it("/virt: examples as slash commands; says who sees it and where else to ask", () => {
    const message = renderSlackAnswer({ kind: "help", help: HELP }, "command");
    expect(message.text).toBe(
      `${HELP.intro} Try /virt numa, /virt speaker:williamson vfio, /virt year:2012 live migration.`,
    );
    expect(lastContext(message.blocks)).toEqual({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "Examples: `/virt numa` · `/virt speaker:williamson vfio` · `/virt year:2012 live migration`",
        },
        {
          type: "mrkdwn",
          text: "Only you see answers to `/virt`; *Share in channel* shows a card to everyone. Mention me (`@virt-talks numa`) to answer in a thread, or send me a direct message.",
        },
      ],
    });
  });

  it("a mention thread: examples as mentions", () => {
    const message = renderSlackAnswer({ kind: "help", help: HELP }, "mention");
    expect(message.blocks[1]).toMatchObject({
      type: "section",
      text: { text: expect.stringMatching(/^`@virt-talks WORDS` — search talks/) },
    });
    expect(lastContext(message.blocks)).toEqual({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "Examples: `@virt-talks numa` · `@virt-talks speaker:williamson vfio` · `@virt-talks year:2012 live migration`",
        },
        {
          type: "mrkdwn",
          text: "I answer mentions in a thread, for everyone. `/virt QUERY` answers only you, with More results and Share buttons.",
        },
      ],
    });
  });

  it("a DM: bare queries", () => {
    const message = renderSlackAnswer({ kind: "help", help: HELP }, "dm");
    expect(message.text).toBe(
      `${HELP.intro} Try numa, speaker:williamson vfio, year:2012 live migration.`,
    );
    expect(lastContext(message.blocks)).toEqual({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "Examples: `numa` · `speaker:williamson vfio` · `year:2012 live migration`",
        },
        {
          type: "mrkdwn",
          text: "Just type a query here, e.g. `numa`. In a channel: `/virt numa` (only you see the answer) or mention me, `@virt-talks numa`.",
        },
      ],
    });
  });

  it("usage points at help the way each surface asks for it", () => {
    const usage = (surface: "command" | "mention" | "dm") =>
      renderSlackAnswer({ kind: "usage", message: "Bad.", help: HELP }, surface);
    expect(usage("command").text).toBe("Bad. Type /virt help for the query syntax.");
    expect(usage("mention").blocks[1]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "Type `@virt-talks help` for the query syntax." }],
    });
    expect(usage("dm").text).toBe("Bad. Type help for the query syntax.");
  });

  it("nothing to page, per surface", () => {
    expect(renderSlackAnswer({ kind: "nothing-to-page" }, "mention").text).toBe(
      "Nothing to page yet: mention me with a search that finds talks, then @virt-talks more in the same thread. Or search with /virt QUERY and use its More results button.",
    );
    expect(renderSlackAnswer({ kind: "nothing-to-page" }, "dm").blocks).toEqual([
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "Nothing to page yet: send me a search that finds talks, then `more` (or use its *More results* button).",
        },
      },
    ]);
  });
});

describe("answers in a DM", () => {
  it("page with a More results button and carry no Share buttons", () => {
    const message = renderSlackAnswer(page("vfio", ["a", "b", "c"]), "dm");
    expect(buttons(message.blocks)).toEqual([
      {
        type: "button",
        text: { type: "plain_text", text: "More results" },
        action_id: "more_results:3",
        value: '{"q":"vfio","o":3}',
      },
    ]);
  });
});

describe("Share buttons and the redrawn list", () => {
  it("a card on a page carries that page in its Share value", () => {
    const message = renderSlackAnswer(page("vfio", ["a", "b"], 3, 5), "command");
    expect(buttons(message.blocks).map((b) => [b.action_id, b.value])).toEqual([
      ["share_card:0", '{"id":"a","q":"vfio","o":3}'],
      ["share_card:1", '{"id":"b","q":"vfio","o":3}'],
    ]);
  });

  it("Slack's markup characters never appear raw in a value, and values round-trip", () => {
    const value = encodeShare({ id: "a", q: "<!channel> & co", o: 0, s: ["b"] });
    expect(value).toBe('{"id":"a","q":"\\u003c!channel\\u003e \\u0026 co","o":0,"s":["b"]}');
    expect(decodeShare(value)).toEqual({ id: "a", q: "<!channel> & co", o: 0, s: ["b"] });
    expect(decodeShare('{"id":"a","s":"b"}')).toBeNull();
  });

  it("a redrawn list marks its shared cards, keeps the other Share buttons (which remember the marks) and More", () => {
    const message = renderSlackAnswer(page("vfio", ["a", "b", "c"]), "command", {
      shared: ["b"],
    });
    expect(message.blocks.slice(5, 8)).toEqual([
      { type: "divider" },
      {
        type: "section",
        text: { type: "mrkdwn", text: "*B*\nAlex Williamson · KVM Forum 2011\nDevice assignment." },
      },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "no link in the sources" },
          { type: "mrkdwn", text: ":white_check_mark: Shared in channel" },
        ],
      },
    ]);
    expect(buttons(message.blocks).map((b) => b.value)).toEqual([
      '{"id":"a","q":"vfio","o":0,"s":["b"]}',
      '{"id":"c","q":"vfio","o":0,"s":["b"]}',
      '{"q":"vfio","o":3}',
    ]);
  });

  it("a single shared talk card loses its Share button and shows the mark", () => {
    const today = { ...CARD, heading: "Talk of the day · 2026-11-29" };
    expect(slackCardBlocks(today, { index: 0, share: true, shared: [today.id] }).at(-1)).toEqual({
      type: "context",
      elements: [
        { type: "mrkdwn", text: "no link in the sources" },
        { type: "mrkdwn", text: SHARED_MARK },
      ],
    });
  });
});
