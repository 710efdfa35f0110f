// A word typed several times is asked once (compile.ts), as the grammar counts it.
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { searchRequest } from "../../support/search.ts";
import { otherTalks, talk } from "./broad-fixture.ts";

const talks = [
  ...otherTalks("databases web frameworks"),
  talk("numa", "NUMA placement", "and some pinning"),
  talk("pinning", "CPU pinning for guests", "on numa hosts"),
  talk("both", "Memory tuning", "numa numa numa"),
];

function scored(query: string): [string, number][] {
  const engine = createSearchEngine({ talks });
  return engine.search(searchRequest(query), 5).hits.map((h) => [h.talk.id, h.score]);
}

describe("a word typed several times", () => {
  it("ranks and scores as the word typed once", () => {
    expect(scored("numa numa numa pinning")).toEqual(scored("numa pinning"));
    expect(scored("NUMA numa")).toEqual(scored("numa"));
  });

  it("still counts distinct words", () => {
    expect(scored("numa pinning").map(([id]) => id)).toEqual(["pinning", "numa", "both"]);
  });
});
