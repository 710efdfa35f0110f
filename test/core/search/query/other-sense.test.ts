// A synonym the catalog reads in another sense (other-sense.ts), on small invented
// catalogs with an invented synonym group, with exact expected rankings: "venus" stems
// to "venu", the stem of "venue".
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../../src/core/search/engine.ts";
import { explainSearch } from "../../../../src/core/search/explain.ts";
import { buildSynonymTable } from "../../../../src/core/search/query/synonyms.ts";
import type { Talk } from "../../../../src/core/talk.ts";
import { wordData } from "../../../../src/core/word-data.ts";
import { searchRequest } from "../../../support/search.ts";
import { otherTalks, talk } from "../broad-fixture.ts";

const words = {
  ...wordData(),
  synonyms: buildSynonymTable([["quarkgpu", "venus", "gpu remoting"]]),
};
const ranked = (talks: readonly Talk[], query: string) =>
  createSearchEngine({ talks }, words)
    .search(searchRequest(query), 10)
    .hits.map((h) => h.talk.id);

const others = otherTalks("databases kubernetes");
const typed = talk("typed", "QuarkGPU in guests", "quarkgpu renders for guests");
const venues = ["a", "b", "c", "d"].map((id) =>
  talk(`venue-${id}`, `Community meetup ${id}`, "we introduce the venue and its rooms"),
);

describe("a synonym far commoner here than what was typed", () => {
  it("is left out where its talks say nothing else of the concept", () => {
    expect(ranked([...others, typed, ...venues], "quarkgpu")).toEqual(["typed"]);
  });

  it("stays where its talks say the concept's other words", () => {
    const drivers = ["a", "b", "c", "d"].map((id) =>
      talk(`venus-${id}`, `Venus driver ${id}`, "the venus driver brings vulkan to the gpu"),
    );
    expect(ranked([...others, typed, ...drivers], "quarkgpu")).toEqual([
      "typed",
      "venus-a",
      "venus-b",
      "venus-c",
      "venus-d",
    ]);
  });

  it("stays where the catalog lacks what was typed", () => {
    expect(ranked([...others, ...venues], "quarkgpu")).toEqual([
      "venue-a",
      "venue-b",
      "venue-c",
      "venue-d",
    ]);
  });

  it("is said by explain", () => {
    const engine = createSearchEngine({ talks: [...others, typed, ...venues] }, words);
    const line = explainSearch(engine, searchRequest("quarkgpu"), [])
      .split("\n")
      .find((l) => l.startsWith('  concept "quarkgpu"'));
    expect(line).toMatch(
      /; synonym "venu" left out: in 4 talks here against 1 for what was typed, and 0% of them say another word of it \(another sense in this catalog\)$/,
    );
  });
});
