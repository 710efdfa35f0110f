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

describe("URLs in text Slack links by itself", () => {
  it("keeps a URL whole, with its style characters, and neutralises the text around it", () => {
    expect(escapeContent("See https://example.org/some_path_here/ for *more*.")).toBe(
      `See https://example.org/some_path_here/ for ${Z}*${Z}more${Z}*${Z}.`,
    );
    expect(escapeContent("(docs: www.example.org/a_b~c) _x_")).toBe(
      `(docs: www.example.org/a_b~c) ${Z}_${Z}x${Z}_${Z}`,
    );
  });

  it("leaves style marks around a URL outside it, and a word that only looks like one alone", () => {
    expect(escapeContent("_https://example.org/a_b_")).toBe(
      `${Z}_${Z}https://example.org/a_b${Z}_${Z}`,
    );
    expect(escapeContent("https:// *x* <https://example.org/?a=1&b_c=2>")).toBe(
      `https:// ${Z}*${Z}x${Z}*${Z} &lt;https://example.org/?a=1&amp;b_c=2&gt;`,
    );
    expect(escapeContent("http_s://x_y")).toBe(`http${Z}_${Z}s://x${Z}_${Z}y`);
  });

  it("keeps a URL in a card's summary clickable", () => {
    const card: TalkCard = {
      id: "x-2026-b",
      title: "Guest memory",
      speakers: ["Ada Example"],
      event: "X 2026",
      track: null,
      year: 2026,
      date: null,
      summary: "Code at https://example.org/some_path_here/ and _notes_.",
      keyPoints: [],
      topics: [],
      links: [],
      url: null,
      heading: null,
    };
    expect(cardSectionText(card)).toBe(
      `*Guest memory*\nAda Example · X 2026\nCode at https://example.org/some_path_here/ and ${Z}_${Z}notes${Z}_${Z}.`,
    );
  });
});
