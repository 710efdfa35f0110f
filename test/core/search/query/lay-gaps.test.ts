// A two-word lay phrase said around the thing it acts on (lay-gaps.ts): "pass my graphics
// card through" is "pass through"; a few words apart at most, never ended by filler.
import { describe, expect, it } from "vitest";
import { buildChatLanguage } from "../../../../src/core/search/query/chat-language.ts";
import { gappedLay, MAX_GAP } from "../../../../src/core/search/query/lay-gaps.ts";
import { stem } from "../../../../src/core/search/query/tokenize.ts";
import type { Word } from "../../../../src/core/search/query/words.ts";
import { otherTalks, ranked, talk } from "../broad-fixture.ts";

const language = buildChatLanguage({
  filler: ["please"],
  common: [],
  lay: { "pass through": ["passthrough"], "give back": ["ballooning"] },
});

/** Words as resolveWords gives them (stop words already gone), filler marked. */
const words = (text: string): Word[] =>
  text.split(" ").map((typed) => ({
    typed,
    stem: stem(typed),
    parts: [],
    weight: 1,
    corrected: null,
    filler: language.filler.has(stem(typed)),
    names: [],
    slips: [],
  }));

describe("a lay phrase with words inside", () => {
  it("is found from its first word to its last, the nearest end first", () => {
    expect(gappedLay(words("passing graphics card through"), 0, language)).toEqual({
      end: 3,
      jargon: [["passthrough"]],
    });
    expect(gappedLay(words("give unused memory back back"), 0, language)?.end).toBe(3);
  });

  it(`has at most ${MAX_GAP} words inside, and no phrase starts at filler`, () => {
    expect(gappedLay(words("pass one two three four through"), 0, language)).toBeNull();
    expect(gappedLay(words("pass one two three through"), 0, language)?.end).toBe(4);
    expect(gappedLay(words("please pass through"), 0, language)).toBeNull();
    // Words standing together are the contiguous match's (compile.ts), not this one's.
    expect(gappedLay(words("pass through"), 0, language)).toBeNull();
  });

  it("finds the jargon's talk for a question that says the phrase around its object", () => {
    const talks = [
      ...otherTalks("databases web frameworks"),
      talk("vfio", "VFIO passthrough", "device passthrough to guests"),
      talk("cards", "Graphics cards for gaming", "graphics card reviews"),
    ];
    expect(ranked(talks, "passing my graphics card through to a vm")[0]).toBe("vfio");
  });
});
