// A hand-written catalog's bidi overrides and invisible characters never reach a card:
// every renderer (Slack, Matrix, web, console) shows the same cleaned text.
import { describe, expect, it } from "vitest";
import { toCard } from "../../src/core/card.ts";
import { matrixCardContent } from "../../src/render/matrix/answer.ts";
import { cardSectionText } from "../../src/render/slack/card.ts";
import { talkWith } from "../support/talks.ts";

// U+202E (right-to-left override), U+2066 (left-to-right isolate), U+2069 (pop isolate),
// U+202A (left-to-right embedding), U+202C (pop directional formatting).
const talk = talkWith({
  id: "kvm-forum-2012-bidi",
  title: "Guest \u202Eyromem\u202C paging",
  speakers: ["Ada \u2066Example\u2069", "\u202E"],
  summary: "Moves \u202Apages\u202C\u200B between hosts.",
  topics: ["me\u2067mory\u2069"],
  keyPoints: ["One \u202Dpoint"],
  subtitle: "\u202B",
  track: "Virt\u2068ualization",
});

describe("toCard", () => {
  it("strips bidi, control and invisible characters from every text field", () => {
    expect(toCard(talk)).toEqual({
      id: "kvm-forum-2012-bidi",
      title: "Guest yromem paging",
      subtitle: null,
      speakers: ["Ada Example"],
      event: "KVM Forum 2012",
      track: "Virtualization",
      year: 2012,
      date: null,
      summary: "Moves pages between hosts.",
      keyPoints: ["One point"],
      topics: ["memory"],
      links: [],
      url: null,
      heading: null,
    });
  });

  it("reaches Slack and Matrix cleaned", () => {
    expect(cardSectionText(toCard(talk))).toBe(
      "*Guest yromem paging*\nAda Example · KVM Forum 2012 · Virtualization\nMoves pages between hosts.",
    );
    expect(matrixCardContent(toCard(talk)).body).toBe(
      [
        "Guest yromem paging (no link in the sources)",
        "Ada Example · KVM Forum 2012 · Virtualization",
        "Moves pages between hosts.",
        "Topics: memory",
      ].join("\n"),
    );
  });
});
