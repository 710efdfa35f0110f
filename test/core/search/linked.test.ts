// A talk's link pasted alone finds the talks carrying it (linked.ts), however the copy
// differs in scheme, "www.", host case, trailing slash or fragment.
import { describe, expect, it } from "vitest";
import { linkKey } from "../../../src/core/search/linked.ts";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const talks = [
  ...otherTalks("databases"),
  talk("slides", "Dirty page tracking", "migration", {
    links: [{ kind: "slides", url: "https://example.org/2021/dirty-ring/slides.pdf" }],
  }),
  talk("page", "Page tables", "memory", {
    links: [{ kind: "video", url: "https://www.example.org/talks/page-tables/" }],
  }),
];

describe("a link pasted alone", () => {
  it("finds the talk carrying it", () => {
    expect(ranked(talks, "https://example.org/2021/dirty-ring/slides.pdf")).toEqual(["slides"]);
    expect(ranked(talks, "http://Example.org/talks/page-tables#t=10")).toEqual(["page"]);
    expect(ranked(talks, "https://example.org/talks/other")).toEqual([]);
  });

  it("reads only http(s) URLs", () => {
    expect(linkKey("ftp://example.org/a")).toBeNull();
    expect(linkKey("page tables")).toBeNull();
    expect(linkKey("https://www.EXAMPLE.org/a/?x=1")).toBe("example.org/a?x=1");
  });
});
