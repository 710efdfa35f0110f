// Everyday ways of typing a one-word command, matched on the whole message only.
import { describe, expect, it } from "vitest";
import { commandText, phraseCommand } from "../../src/core/command-phrases.ts";

describe("phraseCommand", () => {
  it("reads the ways people ask for the next page, the talk of the day, a random talk", () => {
    const cases: [string, string][] = [
      ["more", "more"],
      ["MORE!", "more"],
      ["more please", "more"],
      ["show more", "more"],
      ["more results", "more"],
      ["give me more pls", "more"],
      ["next page", "more"],
      ["/more", "more"],
      ["today", "today"],
      ["today's talk", "today"],
      ["Today’s talk?", "today"],
      ["talk of the day", "today"],
      ["what's the talk of the day?", "today"],
      ["random", "random"],
      ["random talk please", "random"],
      ["surprise me!", "random"],
      ["topic", "topics"],
      ["which topics are there?", "topics"],
      ["HELP!", "help"],
      ["halp", "help"],
    ];
    for (const [text, command] of cases) expect(phraseCommand(text), text).toBe(command);
  });

  it("leaves a message with anything else in it to the search", () => {
    for (const text of ["more numa", "next", "today numa", "random numa", "topics numa", "help me"])
      expect(phraseCommand(text), text).toBeNull();
  });

  it("normalises case, prefix, closing punctuation and courtesy", () => {
    expect(commandText("!More Results, please?!")).toBe("more results");
    expect(commandText("  /Today  ")).toBe("today");
  });
});
