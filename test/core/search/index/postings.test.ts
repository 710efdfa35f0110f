import { describe, expect, it } from "vitest";
import { PostingsBuilder } from "../../../../src/core/search/index/postings.ts";

describe("PostingsBuilder", () => {
  it("lays out each term's list in talk order, values times the weight of its document frequency", () => {
    const b = new PostingsBuilder(3);
    // talk 0: terms 2 and 0; talk 1: nothing; talk 2: terms 0 and 1.
    b.add(2, 1);
    b.add(0, 2);
    b.endTalk();
    b.endTalk();
    b.add(0, 4);
    b.add(1, 8);
    b.endTalk();
    const lists = b.finish(4, (df) => df * 10);
    expect(lists.map((l) => [...l.docs])).toEqual([[0, 2], [2], [0], []]);
    expect(lists.map((l) => [...l.values])).toEqual([[40, 80], [80], [10], []]);
    expect(lists.map((l) => l.length)).toEqual([2, 1, 1, 0]);
  });

  it("spans several chunks of pairs (over a million postings)", () => {
    const talks = 60_000;
    const b = new PostingsBuilder(talks);
    for (let d = 0; d < talks; d++) {
      for (let t = 0; t < 20; t++) b.add((d + t) % 5000, 0.5);
      b.endTalk();
    }
    const lists = b.finish(5000, () => 2);
    expect(lists.every((l) => l.length === 240)).toBe(true);
    expect(lists.every((l) => l.docs.every((d, i) => i === 0 || d > l.docs[i - 1]!))).toBe(true);
    expect([...lists[3]!.docs.subarray(0, 5)]).toEqual([0, 1, 2, 3, 4984]);
    expect(lists[3]!.values[239]).toBe(1);
  });
});
