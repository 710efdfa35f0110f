import { describe, expect, it } from "vitest";
import type { Alternative } from "../../../../src/core/search/query/concept.ts";
import { distinct, synonymAlternatives } from "../../../../src/core/search/query/expansions.ts";

describe("distinct alternatives", () => {
  it("keeps each stem list once, with its best weight, where it first came", () => {
    const alts: Alternative[] = [
      { terms: ["ballon"], weight: 0.5 },
      { terms: ["live", "migrat"], weight: 0.7, adjacent: true },
      { terms: ["ballon"], weight: 0.9 },
      { terms: ["live", "migrat"], weight: 0.6, adjacent: true },
      { terms: ["numa"], weight: 1 },
      { terms: ["ballon"], weight: 0.9, adjacent: false },
    ];
    expect(distinct(alts)).toEqual([
      { terms: ["ballon"], weight: 0.9 },
      { terms: ["live", "migrat"], weight: 0.7, adjacent: true },
      { terms: ["numa"], weight: 1 },
    ]);
  });

  it("tells a phrase that must stand together from the same words anywhere", () => {
    const alts: Alternative[] = [
      { terms: ["live", "migrat"], weight: 0.5 },
      { terms: ["live", "migrat"], weight: 0.4, adjacent: true },
      { terms: ["live"], weight: 0.3 },
      { terms: ["migrat", "live"], weight: 0.2, adjacent: true },
    ];
    expect(distinct(alts)).toEqual(alts);
  });
});

describe("synonym alternatives", () => {
  it("weighs the phrase as typed in full and its group's other phrases as synonyms", () => {
    const group = [["vfio"], ["devic", "assign"]];
    expect(synonymAlternatives(["devic", "assign"], group, 1)).toEqual([
      { terms: ["vfio"], weight: 0.7, adjacent: false },
      { terms: ["devic", "assign"], weight: 1, adjacent: true },
      { terms: ["assign", "devic"], weight: 0.5, adjacent: true },
    ]);
  });
});
