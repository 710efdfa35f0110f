// The schedule's day words, read once from data/chat-words.json `days`.
import { describe, expect, it } from "vitest";
import { DAY_WORDS } from "../../src/core/day-words.ts";

describe("DAY_WORDS", () => {
  it("reads the day, part-of-day, span and shift words", () => {
    expect([...DAY_WORDS.days]).toEqual([
      ["today", "today"],
      ["tomorrow", "tomorrow"],
      ["yesterday", "yesterday"],
      ["tonight", "today"],
    ]);
    expect([...DAY_WORDS.parts]).toEqual(["morning", "afternoon", "evening", "night", "tonight"]);
    expect([...DAY_WORDS.spans]).toEqual(["week", "weekend", "month", "year"]);
    expect([...DAY_WORDS.shifts]).toEqual(["this", "next", "last", "coming"]);
  });
});
