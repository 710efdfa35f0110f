// Everyday ways of typing a one-word command, matched on the whole message only.
import { describe, expect, it } from "vitest";
import { commandText, oneTellingWord, phraseCommand } from "../../src/core/command-phrases.ts";

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
      ["show me more", "more"],
      ["Show us more results please", "more"],
      ["send me more talks", "more"],
      ["can you show me more?", "more"],
      ["any more?", "more"],
      ["are there any more", "more"],
      ["give me 5 more", "more"],
      ["anything else?", "more"],
      ["any others", "more"],
      ["show a few more talks", "more"],
      ["show all", "more"],
      ["all results", "more"],
      ["show me all the results", "more"],
      ["list them all", "more"],
      ["today", "today"],
      ["today's talk", "today"],
      ["Today’s talk?", "today"],
      ["talk of the day", "today"],
      ["what's the talk of the day?", "today"],
      ["random", "random"],
      ["random talk please", "random"],
      ["surprise me!", "random"],
      ["recommend a talk", "random"],
      ["can you suggest me a good talk?", "random"],
      ["how many talks do you have?", "topics"],
      ["how many topics are there", "topics"],
      ["topic", "topics"],
      ["which topics are there?", "topics"],
      ["HELP!", "help"],
      ["halp", "help"],
    ];
    for (const [text, command] of cases) expect(phraseCommand(text), text).toBe(command);
  });

  it("leaves a message with anything else in it to the search", () => {
    for (const text of [
      "more numa",
      "next",
      "today numa",
      "random numa",
      "topics numa",
      "help me",
      "show me more numa",
      "anymore numa",
      "all numa talks",
      "anything else on numa",
      "recommend a talk on numa",
      "how many talks about vfio",
      "give me 5 more numa talks",
      "show all numa",
    ])
      expect(phraseCommand(text), text).toBeNull();
  });

  it("normalises case, prefix, closing punctuation and courtesy", () => {
    expect(commandText("!More Results, please?!")).toBe("more results");
    expect(commandText("  /Today  ")).toBe("today");
  });
});

describe("oneTellingWord", () => {
  const everyday = (word: string) => ["talks", "what", "the"].includes(word);
  it("is one word or filter first, everyday words aside", () => {
    expect(oneTellingWord(["vfio", "talks?"], everyday)).toBe(true);
    expect(oneTellingWord(["topic:numa"], everyday)).toBe(true);
    expect(oneTellingWord(["generation", "virtio"], everyday)).toBe(false);
    expect(oneTellingWord(["what"], everyday)).toBe(false);
    expect(oneTellingWord(["the", "vfio"], everyday)).toBe(false);
  });
});
