import { describe, expect, it } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { parseCommand } from "../../src/core/grammar.ts";
import { asksForHelp, detectSmallTalk } from "../../src/core/small-talk.ts";
import { buildSmallTalkLexicon } from "../../src/core/small-talk-lexicon.ts";
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

  it("knows phrases, chat spellings, complaints, questions about the bot and other languages", () => {
    const cases: [string, string][] = [
      ["see ya!", "farewell"],
      ["gotta go, thanks", "thanks"],
      ["how's it going?", "greeting"],
      ["how are u doing today", "greeting"],
      ["good morning all ☀️", "greeting"],
      ["bonjour", "greeting"],
      ["danke schön", "thanks"],
      ["merci beaucoup", "thanks"],
      ["bad bot", "complaint"],
      ["this bot sucks", "complaint"],
      ["not helpful 👎", "complaint"],
      ["not bad", "ack"],
      ["you rock", "ack"],
      ["who r u?", "about"],
      ["are you a bot?", "about"],
      ["what's your name", "about"],
      ["great stuff", "ack"],
      ["never mind, found it", "ack"],
      ["sorry, wrong channel", "ack"],
      ["happy friday!", "greeting"],
      ["merry christmas everyone", "greeting"],
      ["tks", "thanks"],
      ["thank you bot, you're the best", "thanks"],
      ["you're the best", "thanks"],
      ["you're welcome", "ack"],
      ["not that one", "complaint"],
    ];
    for (const [text, intent] of cases) expect(detectSmallTalk(text, smallTalk), text).toBe(intent);
    // An emoji it does not know never makes small talk alone.
    expect(detectSmallTalk("☀️", smallTalk)).toBeNull();
    // "best" and "welcome" name talks: "best talks" is a search, not an ack.
    for (const text of ["best talks", "the best talks", "welcome talks"])
      expect(detectSmallTalk(text, smallTalk), text).toBeNull();
  });

  it("forgives one dropped, added, swapped or held letter only when asked to", () => {
    for (const [text, intent] of [
      ["thnak you", "thanks"],
      ["helo", "greeting"],
      ["heyyy", "greeting"],
      ["thank yuo", "thanks"],
      ["hii", "greeting"],
    ] as const) {
      expect(detectSmallTalk(text, smallTalk), text).toBeNull();
      expect(detectSmallTalk(text, smallTalk, { fuzzy: true }), text).toBe(intent);
    }
    // A changed letter is a different word: "helper" is not "helped".
    for (const text of ["helper", "hells", "thinks"])
      expect(detectSmallTalk(text, smallTalk, { fuzzy: true }), text).toBeNull();
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

  it("reads emoji shortcodes (Slack sends a picked 👍 as :+1:) as the emoji they name", () => {
    const cases: [string, string][] = [
      [":+1:", "ack"],
      [":thumbsup:", "ack"],
      [":+1::skin-tone-4:", "ack"],
      [":tada: :tada:", "ack"],
      [":pray:", "thanks"],
      ["thanks :heart:", "thanks"],
      [":wave: hi", "greeting"],
      [":-1:", "complaint"],
      // A shortcode the file does not list goes along, like an emoji it does not know.
      ["thx :rocket:", "thanks"],
    ];
    for (const [text, intent] of cases) expect(detectSmallTalk(text, smallTalk), text).toBe(intent);
    expect(detectSmallTalk(":rocket:", smallTalk)).toBeNull();
    // Text frowns are a complaint, a shrug an acknowledgement.
    for (const text of [":(", ":-(", ":/", "meh :("])
      expect(detectSmallTalk(text, smallTalk), text).toBe("complaint");
    expect(detectSmallTalk("¯\\_(ツ)_/¯", smallTalk)).toBe("ack");
    expect(detectSmallTalk("thanks :)", smallTalk)).toBe("thanks");
    expect(detectSmallTalk("numa :+1:", smallTalk)).toBeNull();
  });

  it("takes its shortcodes and how-to questions from the file, both optional", () => {
    const lexicon = buildSmallTalkLexicon({
      intents: { thanks: "merci", farewell: "", greeting: "", ack: "👍" },
      neutral: "",
      replies: { thanks: "De rien", farewell: "-", greeting: "-", ack: "-" },
      capabilities: "c",
      examples: ["numa"],
      shortcodes: { pouce: "👍" },
      howTo: { openers: ["comment"], verbs: "chercher", objects: "par année" },
    });
    expect(detectSmallTalk(":pouce:", lexicon)).toBe("ack");
    expect(detectSmallTalk(":+1:", lexicon)).toBeNull();
    expect(asksForHelp("comment chercher par année ?", lexicon)).toBe(true);
    expect(asksForHelp("comment chercher numa", lexicon)).toBe(false);
    const bare = buildSmallTalkLexicon({
      intents: { thanks: "merci", farewell: "", greeting: "", ack: "" },
      neutral: "",
      replies: { thanks: "De rien", farewell: "-", greeting: "-", ack: "-" },
      capabilities: "c",
      examples: ["numa"],
    });
    expect(asksForHelp("how do i search by year", bare)).toBe(false);
  });
});

describe("the grammar", () => {
  it("turns small talk into a small-talk command, never a search", () => {
    expect(parseCommand("hello")).toEqual({ kind: "small-talk", intent: "greeting" });
    expect(parseCommand("👍")).toEqual({ kind: "small-talk", intent: "ack" });
    expect(parseCommand("thanks!")).toEqual({ kind: "small-talk", intent: "thanks" });
  });

  it("answers questions about the bot itself with the help", () => {
    for (const text of [
      "what can you do?",
      "How does this work",
      "what can I ask you?",
      "what can u do",
      "hey bot, what can you do please?",
      "can you help me?",
      "i need help",
      "HELP!",
      "?",
      "commands",
    ])
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
    expect(core.answer("who are you?")).toMatchObject({ kind: "small-talk", intent: "about" });
    // A word that asks for something is still a search.
    expect(core.answer("that was helpful, any numa talks?").kind).toBe("results");
  });
});

describe("small talk in other European languages", () => {
  it("greets, thanks and says goodbye back, never searching", () => {
    const cases: [string, string][] = [
      ["wie geht's", "greeting"],
      ["Wie geht es dir?", "greeting"],
      ["qué tal", "greeting"],
      ["ça va ?", "greeting"],
      ["Comment ça va ?", "greeting"],
      ["bom dia", "greeting"],
      ["buenos días", "greeting"],
      ["dzień dobry", "greeting"],
      ["come stai?", "greeting"],
      ["hola", "greeting"],
      ["привет", "greeting"],
      ["grazie", "thanks"],
      ["grazie mille!", "thanks"],
      ["danke schön", "thanks"],
      ["dzięki", "thanks"],
      ["merci", "thanks"],
      ["muito obrigado", "thanks"],
      ["dank je wel", "thanks"],
      ["bis bald", "farewell"],
      ["hasta luego", "farewell"],
    ];
    for (const [text, intent] of cases)
      expect(parseCommand(text), text).toEqual({ kind: "small-talk", intent });
  });

  it("answers what-can-you-do questions with the help", () => {
    for (const text of [
      "¿qué puedes hacer?",
      "was kannst du?",
      "qu'est-ce que tu sais faire ?",
      "cosa sai fare?",
      "o que você pode fazer?",
      "co potrafisz?",
      "hilfe",
    ])
      expect(parseCommand(text), text).toEqual({ kind: "help", empty: false });
  });

  it("still searches a message with a word of its own, and a lone word of a phrase", () => {
    const cases: [string, string[]][] = [
      ["qemu tal", ["qemu", "tal"]],
      ["dom0 ça", ["dom0", "ça"]],
      ["kvm danke", ["kvm", "danke"]],
      ["ça va kvm", ["ça", "va", "kvm"]],
      ["wie funktioniert vfio", ["wie", "funktioniert", "vfio"]],
      ["va", ["va"]],
      ["dia", ["dia"]],
    ];
    for (const [text, words] of cases) {
      const command = parseCommand(text);
      expect(command.kind, text).toBe("search");
      if (command.kind === "search") expect(command.request.words, text).toEqual(words);
    }
  });
});
