import { describe, expect, it } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { parseCommand } from "../../src/core/grammar.ts";
import { buildSmallTalkLexicon, detectSmallTalk } from "../../src/core/small-talk.ts";
import { wordData } from "../../src/core/word-data.ts";

const { smallTalk } = wordData();

describe("detectSmallTalk", () => {
  it("knows greetings, thanks, goodbyes and acknowledgements, punctuation and emoji included", () => {
    const cases: [string, string][] = [
      ["hi", "greeting"],
      ["Hello!", "greeting"],
      ["hey there", "greeting"],
      ["good morning", "greeting"],
      ["how are you?", "greeting"],
      ["thanks!", "thanks"],
      ["thank you!", "thanks"],
      ["Thank you so much 🙏", "thanks"],
      ["thanks, bye", "thanks"],
      ["bye", "farewell"],
      ["good night", "farewell"],
      ["👍", "ack"],
      ["👍🏽", "ack"],
      ["ok cool", "ack"],
      [":)", "ack"],
      ["thanks <3", "thanks"],
      ["thanks for the help", "thanks"],
    ];
    for (const [text, intent] of cases) expect(detectSmallTalk(text, smallTalk), text).toBe(intent);
  });

  it("is not small talk when any word asks for something", () => {
    for (const text of ["hi, any numa talks?", "thanks for the vfio talk", "hello world", "🐧", ""])
      expect(detectSmallTalk(text, smallTalk), text).toBeNull();
    expect(detectSmallTalk("hi hi hi hi hi hi hi hi hi", smallTalk)).toBeNull(); // a sentence, not a greeting
  });

  it("reads its words from the lexicon it is given", () => {
    const lexicon = buildSmallTalkLexicon({
      intents: { thanks: "merci", farewell: "", greeting: "salut", ack: "" },
      neutral: "tout le monde",
      replies: { thanks: "De rien", farewell: "-", greeting: "Salut", ack: "-" },
      capabilities: "c",
      examples: ["numa"],
    });
    expect(detectSmallTalk("salut tout le monde", lexicon)).toBe("greeting");
    expect(detectSmallTalk("hello", lexicon)).toBeNull();
  });
});

describe("the grammar", () => {
  it("turns small talk into a small-talk command, never a search", () => {
    expect(parseCommand("hello")).toEqual({ kind: "small-talk", intent: "greeting" });
    expect(parseCommand("👍")).toEqual({ kind: "small-talk", intent: "ack" });
    expect(parseCommand("thanks!")).toEqual({ kind: "small-talk", intent: "thanks" });
  });

  it("answers questions about the bot itself with the help", () => {
    for (const text of ["what can you do?", "How does this work", "what can I ask you?"])
      expect(parseCommand(text), text).toEqual({ kind: "help", empty: false });
    expect(parseCommand("how does vfio work").kind).toBe("search");
  });

  it("knows the topics command", () => {
    for (const text of ["topics", "Topics?", "list topics", "what topics", "show all topics"])
      expect(parseCommand(text), text).toEqual({ kind: "topics" });
    expect(parseCommand("topics numa").kind).toBe("search");
  });
});

describe("small talk people type after an answer", () => {
  const core = createCore({ catalog: loadCatalog(), timeZone: "UTC" });
  it("thanks for help, and who-are-you, are never a failed search", () => {
    for (const text of [
      "cheers, that helped",
      "thanks, that helped",
      "that was helpful",
      "that's useful, thanks",
    ])
      expect(core.answer(text), text).toMatchObject({ kind: "small-talk", intent: "thanks" });
    expect(core.answer("who are you?").kind).toBe("help");
    // A word that asks for something is still a search.
    expect(core.answer("that was helpful, any numa talks?").kind).toBe("results");
  });
});
