// A typo one slip from both a domain word and a speaker's name part goes to the word
// when the slip is a missed or doubled letter (vocabulary.ts): "balon" is "balloon".
import { describe, expect, it } from "vitest";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const talks = [
  ...otherTalks("databases"),
  talk("packets", "Packet processing in Lua", "network functions by Katia Baron", {
    speakers: ["Katia Baron"],
  }),
  talk("balloon", "Memory balloon driver for guests", "balloon driver memory"),
];

describe("a typo near a domain word and a speaker's name", () => {
  it("searches the domain word", () => {
    expect(ranked(talks, "balon driver")).toEqual(["balloon"]);
    expect(ranked(talks, "talks by baron")).toEqual(["packets"]);
  });
});
