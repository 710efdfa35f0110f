// A talk or page of the last listing by its number, and one counted from 0.
import { describe, expect, it } from "vitest";
import { zeroPhrase } from "../../src/core/pick-phrases.ts";

describe("zeroPhrase", () => {
  it("tells a talk or page numbered 0 from a search; a 0 alone stays a search", () => {
    const typed = [
      "#0",
      "show 0",
      "talk 0",
      "the 0th one",
      "page 0",
      "go to page 0",
      "0",
      "show 2",
    ];
    expect(typed.map((t) => [t, zeroPhrase(t)])).toEqual([
      ["#0", "talk"],
      ["show 0", "talk"],
      ["talk 0", "talk"],
      ["the 0th one", "talk"],
      ["page 0", "page"],
      ["go to page 0", "page"],
      ["0", null],
      ["show 2", null],
    ]);
  });
});
