// requestedPage and shownOffset: the page an adapter's options ask for, kept in range.
import { describe, expect, it } from "vitest";
import { requestedPage, shownOffset } from "../../src/core/answer-paging.ts";

describe("requestedPage", () => {
  it("takes the default page size and the first page when nothing is asked", () => {
    expect(requestedPage({}, 3)).toEqual({ pageSize: 3, wanted: 0 });
  });

  it("rounds down, keeps a page at least one hit long and an offset at least 0", () => {
    expect(requestedPage({ pageSize: 4.9, offset: 6.5 }, 3)).toEqual({ pageSize: 4, wanted: 6 });
    expect(requestedPage({ pageSize: 0, offset: -2 }, 3)).toEqual({ pageSize: 1, wanted: 0 });
  });

  it("treats a non-finite option as absent", () => {
    expect(requestedPage({ pageSize: Number.NaN, offset: Number.POSITIVE_INFINITY }, 5)).toEqual({
      pageSize: 5,
      wanted: 0,
    });
  });
});

describe("shownOffset", () => {
  it("is the offset asked for, or the last hit's when it lies past the end", () => {
    expect([shownOffset(2, 10), shownOffset(9, 10), shownOffset(12, 10)]).toEqual([2, 9, 9]);
  });
});
