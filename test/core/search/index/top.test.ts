import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../../bench/shared/prng.ts";
import type { Candidates } from "../../../../src/core/search/index/scorer.ts";
import { firstInTieOrder, tieOrder, topCandidates } from "../../../../src/core/search/index/top.ts";
import type { Talk } from "../../../../src/core/talk.ts";
import { talkWith } from "../../../support/talks.ts";

function talk(id: string, year: number, title: string): Talk {
  return talkWith({ id, year, title });
}

describe("firstInTieOrder", () => {
  const talks = [
    talk("a", 2010, "Zebra"),
    talk("b", 2012, "Numa"),
    talk("c", 2012, "Ballooning"),
    talk("d", 2011, "Apic"),
    talk("e", 2012, "ballooning"),
  ];

  it("gives the newest first, then by title, then by id", () => {
    expect(firstInTieOrder([0, 1, 2, 3, 4], 5, talks)).toEqual([4, 2, 1, 3, 0]);
  });

  it("cuts inside a year", () => {
    expect(firstInTieOrder([0, 1, 2, 3, 4], 2, talks)).toEqual([4, 2]);
    expect(firstInTieOrder([3, 0, 1], 2, talks)).toEqual([1, 3]);
  });
});

describe("topCandidates", () => {
  it("is exactly the first `keep` of a full sort by score then tie order, ties included", () => {
    const random = seededRandom(7);
    const titles = ["Alpha", "beta", "Gamma", "delta", "Épsilon"];
    const talks = Array.from({ length: 3000 }, (_, i) =>
      talk(`t${i}`, random.int(2005, 2012), random.pick(titles)),
    );
    const docs = Int32Array.from({ length: 2000 }, () => random.int(0, 2999));
    const unique = Int32Array.from(new Set(docs));
    // Few distinct scores, so many talks tie at the cut.
    const scores = Float64Array.from(unique, () => random.int(1, 40) / 8);
    const c: Candidates = {
      docs: unique,
      scores,
      masks: new Uint32Array(unique.length),
      length: unique.length,
    };
    const full = Array.from({ length: c.length }, (_, i) => i).sort(
      (i, j) => scores[j]! - scores[i]! || tieOrder(talks[unique[i]!]!, talks[unique[j]!]!),
    );
    for (const keep of [1, 30, 60, 500, c.length, c.length + 5]) {
      expect(topCandidates(c, keep, talks)).toEqual(full.slice(0, keep));
    }
  });
});
