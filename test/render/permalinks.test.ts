// With PUBLIC_URL set a card carries its talk's page, and every chat renderer links the
// title to it; without it the cards are as before (the other render tests).
import { describe, expect, it } from "vitest";
import type { TalkCard } from "../../src/core/card.ts";
import { withPermalink } from "../../src/core/permalink.ts";
import { consoleCard } from "../../src/render/console/answer.ts";
import { cardPart } from "../../src/render/matrix/answer.ts";
import { cardSectionText } from "../../src/render/slack/card.ts";

const card: TalkCard = {
  id: "t1",
  title: "VFIO <fast>",
  speakers: ["Alex Williamson"],
  event: "KVM Forum 2011",
  year: 2011,
  date: null,
  summary: "Device assignment.",
  keyPoints: [],
  topics: [],
  links: [{ kind: "slides", label: "Slides", url: "https://example.org/vfio.pdf" }],
  url: "https://example.org/vfio.pdf",
  heading: null,
};
const linked = withPermalink(card, "https://talks.example.org/talks/t1");

describe("permalinks in cards", () => {
  it("Slack: the title links to the page", () => {
    expect(cardSectionText(linked)).toBe(
      "*<https://talks.example.org/talks/t1|VFIO &lt;fast&gt;>*\nAlex Williamson · KVM Forum 2011\nDevice assignment.",
    );
  });

  it("Matrix: the title links to the page and the sources' links follow", () => {
    expect(cardPart(linked)).toEqual({
      text: "VFIO <fast> — https://talks.example.org/talks/t1\nAlex Williamson · KVM Forum 2011\nDevice assignment.\nAlso: Slides https://example.org/vfio.pdf",
      html: '<p><strong><a href="https://talks.example.org/talks/t1">VFIO &lt;fast&gt;</a></strong><br><em>Alex Williamson · KVM Forum 2011</em><br>Device assignment.<br>Also: <a href="https://example.org/vfio.pdf">Slides</a></p>',
    });
  });

  it("console: the page under the title", () => {
    expect(consoleCard(linked)).toBe(
      [
        "VFIO <fast>",
        "   Page: https://talks.example.org/talks/t1",
        "   Alex Williamson · KVM Forum 2011",
        "   Device assignment.",
        "   Slides: https://example.org/vfio.pdf",
      ].join("\n"),
    );
  });
});
