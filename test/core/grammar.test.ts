import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/core/grammar.ts";
import { sanitizeInput } from "../../src/core/sanitize.ts";

const search = (text: string, over: Record<string, unknown> = {}) => ({
  kind: "search",
  request: {
    words: [],
    phrases: [],
    speakers: [],
    events: [],
    topics: [],
    years: null,
    text,
    ...over,
  },
});

describe("parseCommand", () => {
  it("treats empty and whitespace-only input as a request for help", () => {
    expect(parseCommand("")).toEqual({ kind: "help", empty: true });
    expect(parseCommand("   \t \n")).toEqual({ kind: "help", empty: true });
  });

  it("knows help, today, random and more, in any case", () => {
    expect(parseCommand("help")).toEqual({ kind: "help", empty: false });
    expect(parseCommand("HELP me")).toEqual({ kind: "help", empty: false });
    expect(parseCommand("Today")).toEqual({ kind: "today" });
    expect(parseCommand("random")).toEqual({ kind: "random" });
    expect(parseCommand("more")).toEqual({ kind: "more" });
  });

  it("parses words, quoted phrases and every filter", () => {
    expect(
      parseCommand(
        'event:"kvm forum" topic:numa "live block copy" speaker:arcangeli year:2010-2011 numa',
      ),
    ).toEqual(
      search(
        'event:"kvm forum" topic:numa "live block copy" speaker:arcangeli year:2010-2011 numa',
        {
          words: ["numa"],
          phrases: ["live block copy"],
          speakers: ["arcangeli"],
          events: ["kvm forum"],
          topics: ["numa"],
          years: { from: 2010, to: 2011 },
        },
      ),
    );
    expect(parseCommand("year:2012 vfio")).toEqual(
      search("year:2012 vfio", { words: ["vfio"], years: { from: 2012, to: 2012 } }),
    );
    expect(parseCommand("year:2012-2010 x")).toMatchObject({
      request: { years: { from: 2010, to: 2012 } },
    });
  });

  it("keeps an unbalanced quote as a phrase to the end", () => {
    expect(parseCommand('numa "live migra')).toEqual(
      search('numa "live migra', { words: ["numa"], phrases: ["live migra"] }),
    );
  });

  it("answers bad input with a clear usage message", () => {
    expect(parseCommand("x".repeat(201))).toEqual({
      kind: "usage",
      problem: "too-long",
      message: "That query is 201 characters long; please keep it under 200.",
    });
    expect(parseCommand("!!! ??? ...")).toEqual({
      kind: "usage",
      problem: "no-words",
      message: "That query has no words to search for.",
    });
    expect(parseCommand("foo:bar numa")).toEqual({
      kind: "usage",
      problem: "unknown-filter",
      message: 'I don\'t know the filter "foo:". Filters are speaker:, year:, event: and topic:.',
    });
    expect(parseCommand("year:1850")).toEqual({
      kind: "usage",
      problem: "bad-year",
      message: '"1850" is not a year I can search; try year:2012 or year:2010-2011.',
    });
    expect(parseCommand("speaker:")).toEqual({
      kind: "usage",
      problem: "empty-filter",
      message: 'The filter "speaker:" needs a value, like speaker:arcangeli.',
    });
    expect(parseCommand("a b c d e f g h i j k l m")).toMatchObject({
      kind: "usage",
      problem: "too-many-terms",
    });
  });

  it("treats regex metacharacters, emoji and right-to-left text as plain words", () => {
    expect(parseCommand(".*(numa)[^a]+$")).toMatchObject({ kind: "search" });
    expect(parseCommand("🚀 numa")).toMatchObject({ kind: "search", request: { words: ["numa"] } });
    expect(parseCommand("שלום numa")).toMatchObject({
      kind: "search",
      request: { words: ["שלום", "numa"] },
    });
  });
});

describe("sanitizeInput", () => {
  it("strips control characters and bidi overrides and folds whitespace", () => {
    expect(sanitizeInput("nu\u0000ma\u202e \u2066vfio\u2069\r\n\tx\u200b")).toBe("numa vfio x");
    expect(sanitizeInput("\u0007\u001b[31mred")).toBe("[31mred");
  });
});
