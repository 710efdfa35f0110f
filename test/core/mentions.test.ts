// Mentions of people in a question are whom it speaks to, not what it asks about.
import { describe, expect, it } from "vitest";
import { questionText } from "../../src/adapters/slack/mention-text.ts";
import { parseCommand, parseCoreCommand, parseMessage } from "../../src/core/grammar.ts";
import { dropMentions } from "../../src/core/mentions.ts";
import { wordData } from "../../src/core/word-data.ts";

describe("dropMentions", () => {
  it("drops Matrix user ids and the cc before them", () => {
    expect(dropMentions("vfio cc @alice:matrix.org")).toBe("vfio");
    expect(dropMentions("numa /cc @bob:hs @carol:example.org:8448")).toBe("numa");
    expect(dropMentions("hey @alice:hs, look: numa")).toBe("hey look: numa");
    expect(dropMentions("fyi @alice:hs vfio talks?")).toBe("vfio talks?");
  });

  it("leaves any other text as it was", () => {
    expect(dropMentions("numa  hugepages")).toBe("numa  hugepages");
    expect(dropMentions("mail me@example.org about numa")).toBe("mail me@example.org about numa");
    expect(dropMentions("@virt-talks numa")).toBe("@virt-talks numa");
    expect(dropMentions("speaker:@bob")).toBe("speaker:@bob");
  });
});

describe("the grammar with mentions in a question", () => {
  it("searches, thanks or runs a command as if the mention were not there", () => {
    expect(parseCommand("vfio cc @alice:matrix.org")).toMatchObject({
      kind: "search",
      request: { words: ["vfio"], text: "vfio" },
    });
    expect(parseCommand("thanks @alice:hs!")).toEqual({ kind: "small-talk", intent: "thanks" });
    expect(parseCommand("more @alice:hs")).toEqual({ kind: "more" });
    expect(parseCommand("@alice:hs watch vfio")).toEqual({ kind: "watch", query: "vfio" });
  });
});

describe("a message's mentions are dropped where it enters the grammar", () => {
  it("parseMessage gives the message as read, for a second look to read again", () => {
    expect(parseMessage("thnak you cc @alice:matrix.org")).toEqual({
      text: "thnak you",
      command: { kind: "search", request: expect.objectContaining({ text: "thnak you" }) },
    });
    expect(parseMessage("numa")).toEqual({
      text: "numa",
      command: expect.objectContaining({ kind: "search" }),
    });
  });

  it("by the cc words it is given, at every way into the grammar and from Slack's markup", () => {
    // An operator's word ("ptal") in place of the built-in ones: each entry point drops the
    // mention with the word before it, none falls back to the built-in list.
    const words = { ...wordData(), copiedTo: new Set(["ptal"]) };
    const typed = "numa ptal @alice:matrix.org";
    const numa = parseCoreCommand("numa", words);
    expect(parseMessage(typed, words)).toEqual({ text: "numa", command: numa });
    expect(parseCommand(typed, words)).toEqual(numa);
    expect(parseCoreCommand(typed, words)).toEqual(numa);
    // Slack's mention markup reaches the same rule as a user id (mention-text.ts).
    expect(parseMessage(questionText("<@UBOT0001> numa ptal <@U0ALICE01>"), words).text).toBe(
      "numa",
    );
    // The built-in words are not those: "ptal" stays, "cc" is searched for.
    expect(parseMessage(typed).text).toBe("numa ptal");
    expect(parseMessage("numa cc @alice:matrix.org", words).text).toBe("numa cc");
  });
});
