import { describe, expect, it } from "vitest";
import { narrowed } from "../../../../src/core/search/query/filters.ts";

describe("narrowed", () => {
  it("marks the listed talks when nothing was allowed before (no filter yet)", () => {
    expect([...narrowed(null, [3, 0, 3], 5)]).toEqual([1, 0, 0, 1, 0]);
  });
  it("keeps only the listed talks that were allowed, in a new array", () => {
    const allowed = Uint8Array.from([1, 1, 0, 1, 0]);
    const next = narrowed(allowed, [1, 2, 4], 5);
    expect([...next]).toEqual([0, 1, 0, 0, 0]);
    expect([...allowed]).toEqual([1, 1, 0, 1, 0]);
  });
  it("allows nothing for an empty list", () => {
    expect([...narrowed(null, [], 3)]).toEqual([0, 0, 0]);
  });
});
