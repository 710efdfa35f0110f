import { describe, expect, it } from "vitest";
import { PostingsBuilder } from "../../../../src/core/search/index/postings.ts";

const terms = (...ids: number[]) => Int32Array.from(ids);

describe("PostingsBuilder", () => {
  it("lays out each term's list in talk order, values times the weight of its document frequency", () => {
    const b = new PostingsBuilder();
    // talk 0: terms 2 and 0 (0 twice); talk 1: nothing; talk 2: terms 0 and 1.
    b.count(terms(2, 0, 0), 3, 0);
    b.count(terms(0, 1), 2, 2);
    expect([0, 1, 2, 3].map((t) => b.frequency(t))).toEqual([2, 1, 1, 0]);
    b.layout(4, (df) => df * 10);
    b.add(2, 0, 1);
    b.add(0, 0, 2);
    b.add(0, 2, 4);
    b.add(1, 2, 8);
    const ids = new Map([
      ["a", 0],
      ["b", 1],
      ["c", 2],
      ["d", 3],
    ]);
    const lists = [...b.finish(ids).values()];
    expect(lists.map((l) => [...l.docs])).toEqual([[0, 2], [2], [0], []]);
    expect(lists.map((l) => [...l.values])).toEqual([[40, 80], [80], [10], []]);
    expect(lists.map((l) => l.length)).toEqual([2, 1, 1, 0]);
  });

  it("rounds a value to float32 before weighing it, as the lists store it", () => {
    const b = new PostingsBuilder();
    b.count(terms(0), 1, 0);
    b.layout(1, () => 3);
    b.add(0, 0, 0.1);
    const list = b.finish(new Map([["a", 0]])).get("a")!;
    expect(list.values[0]).toBe(Math.fround(Math.fround(0.1) * 3));
  });

  it("holds a million postings over thousands of terms, each list ascending", () => {
    const talks = 60_000;
    const b = new PostingsBuilder();
    const row = new Int32Array(20);
    const fill = (d: number) => {
      for (let t = 0; t < 20; t++) row[t] = (d + t) % 5000;
    };
    for (let d = 0; d < talks; d++) {
      fill(d);
      b.count(row, 20, d);
    }
    b.layout(5000, () => 2);
    for (let d = 0; d < talks; d++) {
      fill(d);
      for (const t of row) b.add(t, d, 0.5);
    }
    const postings = b.finish(new Map(Array.from({ length: 5000 }, (_, t) => [`t${t}`, t])));
    const lists = [...postings.values()];
    expect(lists.every((l) => l.length === 240)).toBe(true);
    expect(lists.every((l) => l.docs.every((d, i) => i === 0 || d > l.docs[i - 1]!))).toBe(true);
    expect([...postings.get("t3")!.docs.subarray(0, 5)]).toEqual([0, 1, 2, 3, 4984]);
    expect(postings.get("t3")!.values[239]).toBe(1);
  });
});
