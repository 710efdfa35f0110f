// Watch alerts rendered for Slack, Matrix and the console: exact output, hostile text
// escaped, at most ten cards and how to see the rest.
import { describe, expect, it } from "vitest";
import { renderConsoleWatchAlert } from "../../src/render/console/watch-alert.ts";
import { renderMatrixWatchAlert } from "../../src/render/matrix/watch-alert.ts";
import { renderSlackWatchAlert } from "../../src/render/slack/watch-alert.ts";
import { alertMessage } from "../../src/watch/alert-message.ts";
import { talkWith } from "../support/talks.ts";

const talks = new Map(
  [
    talkWith({
      id: "a",
      title: "VFIO <b>&</b> friends",
      speakers: ["Ada Example"],
      event: "KVM Forum 2026",
      year: 2026,
      summary: "Device assignment in 2026.",
      links: [
        { kind: "page", url: "https://talks.example.org/a" },
        { kind: "video", url: "https://video.example.org/a.mp4" },
      ],
    }),
    talkWith({
      id: "b",
      title: "IOMMUFD",
      speakers: ["Bo Example"],
      event: "KVM Forum 2026",
      year: 2026,
    }),
  ].map((t) => [t.id, t]),
);
const plan = {
  platform: "slack" as const,
  destination: "C1",
  watch: 1,
  query: "vfio <!channel>",
  items: [
    { talk: "a", why: "new" as const },
    { talk: "b", why: "changed" as const },
    { talk: "gone", why: "new" as const },
  ],
};
const message = alertMessage(plan, (id) => talks.get(id))!;

describe("watch alert messages", () => {
  it("names the watch, says why each talk is news, and leaves out talks no longer there", () => {
    expect(message.heading).toBe("2 talks for your watch “vfio <!channel>”");
    expect(message.entries.map((e) => [e.card.id, e.note])).toEqual([
      ["a", "New talk"],
      ["b", "Changed (title, speakers, time or room)"],
    ]);
    expect(
      alertMessage({ ...plan, items: [{ talk: "a", why: "video" }] }, (id) => talks.get(id))
        ?.heading,
    ).toBe("Update for your watch “vfio <!channel>”");
    expect(
      alertMessage({ ...plan, items: [{ talk: "gone", why: "new" }] }, () => undefined),
    ).toBeNull();
  });

  it("shows ten cards at most and counts the rest", () => {
    const many = Array.from({ length: 13 }, (_, i) => talkWith({ id: `t${i}`, title: `T${i}` }));
    const big = alertMessage(
      { ...plan, items: many.map((t) => ({ talk: t.id, why: "new" as const })) },
      (id) => many.find((t) => t.id === id),
    )!;
    expect([big.entries.length, big.more]).toEqual([10, 3]);
  });

  it("Slack: escaped mrkdwn, nobody pinged", () => {
    expect(renderSlackWatchAlert(message)).toEqual({
      text: "2 talks for your watch “vfio &lt;!channel&gt;”: VFIO &lt;b&gt;&amp;&lt;/b&gt; friends — Ada Example · KVM Forum 2026; IOMMUFD — Bo Example · KVM Forum 2026",
      blocks: [
        {
          type: "header",
          text: { type: "plain_text", text: "2 talks for your watch “vfio &lt;!channel&gt;”" },
        },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*<https://talks.example.org/a|VFIO &lt;b&gt;&amp;&lt;/b&gt; friends>*\nAda Example · KVM Forum 2026\nDevice assignment in 2026.",
          },
        },
        { type: "context", elements: [{ type: "mrkdwn", text: "New talk" }] },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*IOMMUFD*\nBo Example · KVM Forum 2026\nThe schedule has no abstract.",
          },
        },
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: "Changed (title, speakers, time or room)" }],
        },
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: "Ask again any time: `/virt vfio &lt;!channel&gt;`" }],
        },
      ],
    });
  });

  it("Matrix: escaped HTML and a plain body, no mentions", () => {
    const notice = renderMatrixWatchAlert(message);
    expect(notice.body).toBe(
      [
        "2 talks for your watch “vfio <!channel>”",
        "1. VFIO <b>&</b> friends — https://talks.example.org/a\nAda Example · KVM Forum 2026\nDevice assignment in 2026.\nAlso: Video https://video.example.org/a.mp4\nNew talk",
        "2. IOMMUFD (no link in the sources)\nBo Example · KVM Forum 2026\nThe schedule has no abstract.\nChanged (title, speakers, time or room)",
        "Ask again any time: !virt vfio <!channel>",
      ].join("\n\n"),
    );
    expect(notice.formatted_body).not.toContain("<b>&</b>");
    expect(notice.formatted_body).toContain("VFIO &lt;b&gt;&amp;&lt;/b&gt; friends");
    expect(notice["m.mentions"]).toEqual({});
  });

  it("console: plain text", () => {
    expect(renderConsoleWatchAlert(message).split("\n")[0]).toBe(
      "=== 2 talks for your watch “vfio <!channel>” ===",
    );
    expect(renderConsoleWatchAlert(message).split("\n").at(-1)).toBe(
      "Ask again any time: vfio <!channel>",
    );
  });
});
