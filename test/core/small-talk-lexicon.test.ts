// The small-talk word file as a lexicon: what it refuses, what it fills in, and the words
// a message is cut into before any decision.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildSmallTalkLexicon,
  loadSmallTalk,
  smallTalkTokens,
} from "../../src/core/small-talk-lexicon.ts";

const lexicon = buildSmallTalkLexicon({
  intents: { thanks: "merci", farewell: "", greeting: "salut", ack: "👍" },
  neutral: "tout le monde",
  phrases: { "à plus": "farewell", "à plus tard": "farewell" },
  spellings: { slt: "salut" },
  replies: { thanks: "De rien", farewell: "Ciao", greeting: "Salut", ack: "Ok" },
  capabilities: "c",
  examples: ["numa"],
  emoticons: ":) :-)",
  frowns: ":( :-(",
  shortcodes: { Pouce: "👍" },
});

describe("small-talk lexicon", () => {
  it("refuses a word file that uses an intent without a reply, naming the field", () => {
    const dir = mkdtempSync(join(tmpdir(), "small-talk-"));
    const file = join(dir, "small-talk.json");
    writeFileSync(
      file,
      JSON.stringify({
        intents: { thanks: "ta", farewell: "", greeting: "", ack: "", complaint: "meh" },
        neutral: "",
        replies: { thanks: "t", farewell: "f", greeting: "g", ack: "a" },
        capabilities: "c",
        examples: ["numa"],
      }),
    );
    expect(() => loadSmallTalk(file)).toThrow(
      `error in ${file}, field replies.complaint: a used intent needs a reply`,
    );
  });

  it("knows each word's intent, neutral words going along with none", () => {
    expect([...lexicon.words]).toEqual([
      ["tout", null],
      ["le", null],
      ["monde", null],
      ["👍", "ack"],
      ["salut", "greeting"],
      ["merci", "thanks"],
    ]);
  });

  it("keeps phrases by first word (folded: no accents), longest first", () => {
    expect(lexicon.phrases.get("a")).toEqual([
      { words: ["a", "plus", "tard"], intent: "farewell" },
      { words: ["a", "plus"], intent: "farewell" },
    ]);
  });

  it("answers an intent the file leaves out with the 👍 reply", () => {
    expect(lexicon.replies).toEqual({
      thanks: "De rien",
      farewell: "Ciao",
      about: "Ok",
      complaint: "Ok",
      greeting: "Salut",
      ack: "Ok",
    });
  });

  it("cuts a message into words: shortcodes, smileys, frowns and spellings read first", () => {
    const words = (text: string) => smallTalkTokens(text, lexicon, lexicon.emoticons);
    expect(words("Slt :-) :pouce::skin-tone-2:")).toEqual(["salut", "👍", "👍"]);
    expect(words("merci :-( :rocket:")).toEqual(["merci", "👎", "💬"]);
    expect(words("it’s ok!")).toEqual(["it's", "ok"]);
  });
});
