// toCard carries a talk's text as the catalog loaded it: the loader cleaned it once
// (test/core/catalog-clean.test.ts), so a card cleans nothing again on every render.
import { describe, expect, it } from "vitest";
import { NO_ABSTRACT, toCard } from "../../src/core/card.ts";
import { talkWith } from "../support/talks.ts";

describe("toCard", () => {
  it("takes every field of the talk as it is, the same arrays included", () => {
    const talk = talkWith({
      id: "kvm-forum-2012-paging",
      title: "Guest memory paging",
      speakers: ["Ada Example"],
      summary: "Moves pages between hosts.",
      keyPoints: ["One point"],
      topics: ["memory"],
      track: "Virtualization",
      links: [
        { kind: "video", url: "https://example.org/v" },
        { kind: "slides", url: "https://example.org/s" },
      ],
    });
    const card = toCard(talk, "Talk of the day · 2026-11-22");
    expect(card).toEqual({
      id: "kvm-forum-2012-paging",
      title: "Guest memory paging",
      subtitle: null,
      speakers: ["Ada Example"],
      event: "KVM Forum 2012",
      track: "Virtualization",
      year: 2012,
      date: null,
      summary: "Moves pages between hosts.",
      keyPoints: ["One point"],
      topics: ["memory"],
      links: [
        { kind: "video", label: "Video", url: "https://example.org/v" },
        { kind: "slides", label: "Slides", url: "https://example.org/s" },
      ],
      url: "https://example.org/s",
      heading: "Talk of the day · 2026-11-22",
    });
    expect(card.speakers).toBe(talk.speakers);
  });

  it("says so for an imported talk whose schedule has no abstract", () => {
    expect(toCard(talkWith({ summary: "" })).summary).toBe(NO_ABSTRACT);
  });
});
