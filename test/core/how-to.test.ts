// How-to questions about the bot, on a small word list written here.
import { describe, expect, it } from "vitest";
import { buildHowTo, isHowTo } from "../../src/core/how-to.ts";

const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);
const howTo = buildHowTo(
  { openers: ["how to", "how do i"], verbs: "search subscribe", objects: "by year speaker" },
  words,
);

describe("isHowTo", () => {
  it("is an opener, a verb, then only words naming what the bot offers", () => {
    expect(howTo.openers).toEqual([
      ["how", "do", "i"],
      ["how", "to"],
    ]);
    expect(isHowTo(words("how do i search by year"), howTo)).toBe(true);
    expect(isHowTo(words("how to search by speakers"), howTo)).toBe(true);
    expect(isHowTo(words("how do i subscribe"), howTo)).toBe(true);
    expect(isHowTo(words("how do i search numa"), howTo)).toBe(false);
    expect(isHowTo(words("how do i migrate"), howTo)).toBe(false);
    expect(isHowTo(words("search by year"), howTo)).toBe(false);
    expect(isHowTo(words("how to"), howTo)).toBe(false);
  });
});
