import { describe, expect, it } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { readsAsName } from "../../src/core/answer-hints.ts";
import { loadCatalog } from "../../src/core/catalog.ts";

const core = createCore({ catalog: loadCatalog(), timeZone: "UTC" });
const speakersFor = (text: string) => {
  const answer = core.answer(text);
  return answer.kind === "no-results" ? answer.speakers : answer.kind;
};

describe("readsAsName", () => {
  it("takes words of letters, with an apostrophe, a hyphen or sentence punctuation", () => {
    const names = ["arcangel", "arcangel kubernetes?", "o'brien", "jean-luc picard!"];
    expect(names.map(readsAsName)).toEqual([true, true, true, true]);
  });

  it("refuses markup, links, paths, digits and nothing", () => {
    const markup = ["[link](javascript:alert(1))", "<b>graf</b>", "kubernetes://graf", "wolf2", ""];
    expect(markup.map(readsAsName)).toEqual([false, false, false, false, false]);
  });
});

describe("the speaker hint of a search that found nothing", () => {
  it("is offered for a word a slip from a speaker's name part", () => {
    expect(speakersFor("wolk kubernetes")).toEqual(["wolf"]);
    expect(speakersFor("arcangel kubernetes")).toEqual(["arcangeli"]);
  });

  it("is never made from a fragment of a link or markup", () => {
    expect(speakersFor("[link](javascript:alert(1))")).toEqual([]);
    expect(speakersFor("kubernetes://graf")).toEqual([]);
  });
});
