import { describe, expect, it } from "vitest";
import { PostingsBuilder } from "../../../src/core/search/postings.ts";

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

  it("grows past its first buffers", () => {
    const talks = 5000;
    const b = new PostingsBuilder(talks);
    for (let d = 0; d < talks; d++) {
      for (let t = 0; t < 20; t++) b.add((d + t) % 5000, 0.5);
      b.endTalk();
    }
    const lists = b.finish(5000, () => 2);
    expect(lists.every((l) => l.length === 20)).toBe(true);
    expect([...lists[3]!.docs]).toEqual([
      0,
      1,
      2,
      3,
      ...Array.from({ length: 16 }, (_, i) => 4999 - 15 + i),
    ]);
    expect(lists[3]!.values[0]).toBe(1);
  });
});
