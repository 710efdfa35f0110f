// Exact output of the guiding answers (small talk, topics, unknown topic, speaker hint)
// on all three renderers.
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/answer.ts";
import { renderConsoleAnswer } from "../../src/render/console/answer.ts";
import { renderMatrixAnswer } from "../../src/render/matrix/answer.ts";
import { renderSlackAnswer } from "../../src/render/slack/answer.ts";

const smallTalk: Answer = {
  kind: "small-talk",
  intent: "thanks",
  reply: "You're welcome!",
  capabilities: "I find talks <fast>.",
  examples: ["numa", "topics"],
};
const topics: Answer = {
  kind: "topics",
  topics: [
    { slug: "numa", description: "NUMA & memory", talks: 6 },
    { slug: "vfio", description: "VFIO", talks: 3 },
  ],
};
const unknownTopic: Answer = {
  kind: "unknown-topic",
  topic: "<b>foo",
  nearest: ["ballooning", "numa"],
};
const noResults: Answer = {
  kind: "no-results",
  query: "arcangel k8s",
  suggestions: ["numa"],
  speakers: ["arcangeli"],
};
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });

describe("console", () => {
  it("renders small talk, topics, an unknown topic and the speaker hint", () => {
    expect(renderConsoleAnswer(smallTalk)).toBe(
      "You're welcome!\nI find talks <fast>. Try `numa` or `topics`.",
    );
    expect(renderConsoleAnswer(topics)).toBe(
      "2 topics, with their number of talks:\n  numa  6  NUMA & memory\n  vfio  3  VFIO\nSearch one with topic:NAME, e.g. topic:numa.",
    );
    expect(renderConsoleAnswer(unknownTopic)).toBe(
      'I don\'t know the topic "<b>foo". Did you mean topic:ballooning or topic:numa?\nType `topics` for the list.',
    );
    expect(renderConsoleAnswer(noResults)).toBe(
      'No talks found for "arcangel k8s".\nTry a topic: numa (e.g. topic:numa).\nLooking for a speaker? Try speaker:arcangeli.\nType `help` for the commands and examples.',
    );
  });
});

describe("slack", () => {
  it("renders small talk with examples for the surface, escaped", () => {
    expect(renderSlackAnswer(smallTalk, "command")).toEqual({
      text: "You're welcome! I find talks &lt;fast&gt;. Try /virt numa or /virt topics.",
      blocks: [
        { type: "section", text: mrkdwn("You're welcome!") },
        {
          type: "context",
          elements: [
            mrkdwn("I find talks &lt;fast&gt;."),
            mrkdwn("Try `/virt numa` or `/virt topics`."),
          ],
        },
      ],
    });
    expect(renderSlackAnswer(smallTalk, "mention").blocks[1]).toEqual({
      type: "context",
      elements: [
        mrkdwn("I find talks &lt;fast&gt;."),
        mrkdwn("Try `@virt-talks numa` or `@virt-talks topics`."),
      ],
    });
  });

  it("renders the topic list, an unknown topic and the speaker hint", () => {
    expect(renderSlackAnswer(topics, "command")).toEqual({
      text: "2 topics: numa (6), vfio (3).",
      blocks: [
        { type: "section", text: mrkdwn("*2 topics*, each with its number of talks:") },
        { type: "section", text: mrkdwn("`numa` 6 · `vfio` 3") },
        { type: "context", elements: [mrkdwn("Search one: `/virt topic:numa`")] },
      ],
    });
    expect(renderSlackAnswer(unknownTopic, "command")).toEqual({
      text: "I don't know the topic “&lt;b&gt;foo”. Did you mean topic:ballooning or topic:numa?",
      blocks: [
        {
          type: "section",
          text: mrkdwn(
            "I don't know the topic “&lt;b&gt;foo”. Did you mean `/virt topic:ballooning` or `/virt topic:numa`?",
          ),
        },
        { type: "context", elements: [mrkdwn("`/virt topics` lists them all.")] },
      ],
    });
    const none = renderSlackAnswer(noResults, "command");
    expect(none.text).toBe(
      "No talks found for “arcangel k8s”. Try: numa. Looking for a speaker? Try speaker:arcangeli.",
    );
    expect(none.blocks.at(-1)).toEqual({
      type: "context",
      elements: [mrkdwn("Looking for a speaker? Try `/virt speaker:arcangeli`.")],
    });
  });

  it("slack: the speaker hint's fallback text escapes the query once", () => {
    const hostile: Answer = { ...noResults, query: "<@U123> a&b k8s" };
    expect(renderSlackAnswer(hostile, "command").text).toBe(
      "No talks found for “&lt;@U123&gt; a&amp;b k8s”. Try: numa. Looking for a speaker? Try speaker:arcangeli.",
    );
  });
});

describe("matrix", () => {
  const notice = (body: string, formatted_body: string) => ({
    msgtype: "m.notice",
    body,
    format: "org.matrix.custom.html",
    formatted_body,
    "m.mentions": {},
  });

  it("renders small talk, topics, an unknown topic and the speaker hint, escaped", () => {
    expect(renderMatrixAnswer(smallTalk)).toEqual(
      notice(
        "You're welcome!\nI find talks <fast>. Try `!virt numa` or `!virt topics`.",
        "<p>You&#39;re welcome!<br>I find talks &lt;fast&gt;. Try <code>!virt numa</code> or <code>!virt topics</code>.</p>",
      ),
    );
    expect(renderMatrixAnswer(topics)).toEqual(
      notice(
        "2 topics, with their number of talks:\n\n• numa (6) — NUMA & memory\n• vfio (3) — VFIO\n\nSearch one: `!virt topic:numa`",
        "<p>2 topics, with their number of talks:</p><ul><li><code>numa</code> (6) — NUMA &amp; memory</li><li><code>vfio</code> (3) — VFIO</li></ul><p>Search one: <code>!virt topic:numa</code></p>",
      ),
    );
    expect(renderMatrixAnswer(unknownTopic)).toEqual(
      notice(
        "I don't know the topic “<b>foo”. Did you mean `!virt topic:ballooning` or `!virt topic:numa`?\nSend `!virt topics` for the list.",
        "<p>I don&#39;t know the topic “&lt;b&gt;foo”. Did you mean <code>!virt topic:ballooning</code> or <code>!virt topic:numa</code>?<br>Send <code>!virt topics</code> for the list.</p>",
      ),
    );
    expect(renderMatrixAnswer(noResults)).toEqual(
      notice(
        "No talks found for “arcangel k8s”.\nTry a topic: numa (e.g. `!virt topic:numa`), or `!virt help`.\n\nLooking for a speaker? Try `!virt speaker:arcangeli`.",
        "<p>No talks found for <strong>arcangel k8s</strong>.<br>Try a topic: numa (e.g. <code>!virt topic:numa</code>), or <code>!virt help</code>.</p><p>Looking for a speaker? Try <code>!virt speaker:arcangeli</code>.</p>",
      ),
    );
  });
});

describe("Slack hints escape user text once", () => {
  it("a speaker or topic with & < > shows as typed, never &amp;amp;", () => {
    const message = renderSlackAnswer(
      { kind: "no-results", query: "r&d", suggestions: ["a&b"], speakers: ["Tom & Jerry"] },
      "command",
    );
    const text = JSON.stringify(message.blocks);
    expect(text).not.toContain("&amp;amp;");
    expect(text).toContain("Tom &amp; Jerry");
    expect(text).toContain("a&amp;b");
  });
});
