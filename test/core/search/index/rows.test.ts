import { describe, expect, it } from "vitest";
import { KeyedLists } from "../../../../src/core/search/index/rows.ts";

describe("KeyedLists", () => {
  // Rows numbered in the order keys were first seen: "b" is row 0, "a" row 1, "c" row 2.
  const rows = new Map([
    ["b", 0],
    ["a", 1],
    ["c", 2],
  ]);
  const lists = () =>
    new KeyedLists(rows, Int32Array.from([0, 2, 2, 5]), Int32Array.from([4, 9, 1, 2, 3]));

  it("reads each key's list from the shared arrays, iterating in row order", () => {
    const l = lists();
    expect([...l.get("b")!]).toEqual([4, 9]);
    expect([...l.get("a")!]).toEqual([]);
    expect([...l.get("c")!]).toEqual([1, 2, 3]);
    expect(l.get("d")).toBeUndefined();
    expect([l.has("a"), l.has("d"), l.size]).toEqual([true, false, 3]);
    expect([...l.keys()]).toEqual(["b", "a", "c"]);
    expect([...l].map(([k, v]) => `${k}:${[...v].join(",")}`)).toEqual(["b:4,9", "a:", "c:1,2,3"]);
    expect([...l.values()].map((v) => v.length)).toEqual([2, 0, 3]);
    const seen: string[] = [];
    l.forEach((v, k) => {
      seen.push(`${k}${v.length}`);
    });
    expect(seen).toEqual(["b2", "a0", "c3"]);
  });

  it("makes a key's view once and hands the same one out after", () => {
    const l = lists();
    expect(l.get("c")).toBe(l.get("c"));
    expect(l.get("c")!.buffer).toBe(l.get("b")!.buffer);
  });
});
