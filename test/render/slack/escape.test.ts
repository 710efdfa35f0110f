// Imported text must not restyle a Slack card: mrkdwn's styling characters are
// neutralised like &, < and >.
import { describe, expect, it } from "vitest";
import type { TalkCard } from "../../../src/core/card.ts";
import { cardSectionText } from "../../../src/render/slack/card.ts";
import { clipContent, escapeContent } from "../../../src/render/slack/escape.ts";

const Z = "\u200B";

describe("escapeContent", () => {
  it("puts a zero-width space on each side of * _ ~ and ` and escapes & < >", () => {
    expect(escapeContent("*bold* _it_ ~gone~ `code` <!channel> & co")).toBe(
      `${Z}*${Z}bold${Z}*${Z} ${Z}_${Z}it${Z}_${Z} ${Z}~${Z}gone${Z}~${Z} ${Z}\`${Z}code${Z}\`${Z} &lt;!channel&gt; &amp; co`,
    );
  });

  it("leaves other text alone and clips without splitting an entity", () => {
    expect(escapeContent("KVM on arm64")).toBe("KVM on arm64");
    expect(clipContent("a & b", 4)).toBe("a…");
  });
});

describe("a card with styling characters in imported text", () => {
  const card: TalkCard = {
    id: "x-2026-a",
    title: "*Fast* guest_memfd",
    speakers: ["Ada ~Example~"],
    event: "X 2026",
    track: null,
    year: 2026,
    date: null,
    summary: "Uses `virtio` _heavily_.",
    keyPoints: [],
    topics: [],
    links: [],
    url: null,
    heading: null,
  };

  it("keeps the card's own bold title and neutralises the rest", () => {
    expect(cardSectionText(card)).toBe(
      `*${Z}*${Z}Fast${Z}*${Z} guest${Z}_${Z}memfd*\nAda ${Z}~${Z}Example${Z}~${Z} · X 2026\nUses ${Z}\`${Z}virtio${Z}\`${Z} ${Z}_${Z}heavily${Z}_${Z}.`,
    );
  });
});
