import { describe, expect, it } from "vitest";
import { intersect, seek } from "../../../../src/core/search/index/intersect.ts";
import { PostingList } from "../../../../src/core/search/index/postings.ts";

function list(docs: number[], value = (d: number) => d / 4): PostingList {
  const l = new PostingList();
  for (const d of docs) l.push(d, value(d));
  l.trim();
  return l;
}

describe("seek", () => {
  const l = list(Array.from({ length: 100 }, (_, i) => i * 3));
  it("finds the first talk at or after the one sought, near or far", () => {
    expect(seek(l, 0, 0)).toBe(0);
    expect(seek(l, 0, 4)).toBe(2);
    expect(seek(l, 2, 6)).toBe(2);
    expect(seek(l, 0, 200)).toBe(67);
    expect(seek(l, 10, 297)).toBe(99);
    expect(seek(l, 0, 1000)).toBe(100);
  });
});

describe("intersect", () => {
  it("keeps the talks every list holds, with the greatest of their values", () => {
    const a = list([1, 3, 5, 7, 9, 200], () => 0.1);
    const b = list(
      Array.from({ length: 300 }, (_, i) => i),
      () => 0.2,
    );
    const c = list([3, 9, 150, 200], () => 0.7);
    const docs = new Int32Array(4);
    const best = new Float64Array(4);
    const n = intersect([a, b, c], docs, best);
    expect([...docs.subarray(0, n)]).toEqual([3, 9, 200]);
    // Values are stored as float32.
    const most = Math.fround(0.7);
    expect([...best.subarray(0, n)]).toEqual([most, most, most]);
    expect(intersect([c, b, a], docs, null)).toBe(3);
  });

  it("finds nothing when one list has none of the others' talks", () => {
    expect(intersect([list([1, 2]), list([3, 4])], new Int32Array(2), null)).toBe(0);
  });
});
