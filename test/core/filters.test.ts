// The grammar's filters as people type them: other names, a value after a space, open
// year ranges, and a colon in a sentence that is no filter.
import { describe, expect, it } from "vitest";
import { parseYears, readFilter, type Token } from "../../src/core/filters.ts";
import { parseCommand } from "../../src/core/grammar.ts";

const tokens = (...words: string[]): Token[] => words.map((token) => ({ token, quoted: false }));

describe("readFilter", () => {
  it("reads each filter, under the other names people give it too", () => {
    expect(readFilter(tokens("speaker:arcangeli"), 0)).toEqual({
      kind: "filter",
      key: "speaker",
      value: "arcangeli",
      took: 1,
    });
    expect(readFilter(tokens("author:arcangeli"), 0)).toMatchObject({ key: "speaker" });
    expect(readFilter(tokens("by:williamson"), 0)).toMatchObject({ key: "speaker" });
    expect(readFilter(tokens("conference:plumbers"), 0)).toMatchObject({ key: "event" });
    expect(readFilter(tokens("tag:numa"), 0)).toMatchObject({ key: "topic", value: "numa" });
    expect(readFilter(tokens("date:2012"), 0)).toEqual({
      kind: "years",
      years: { from: 2012, to: 2012 },
      took: 1,
    });
  });

  it("takes the value after a space, but not another filter", () => {
    expect(readFilter(tokens("year:", "2012", "numa"), 0)).toEqual({
      kind: "years",
      years: { from: 2012, to: 2012 },
      took: 2,
    });
    expect(readFilter([...tokens("event:"), { token: "kvm forum", quoted: true }], 0)).toEqual({
      kind: "filter",
      key: "event",
      value: "kvm forum",
      took: 2,
    });
    expect(readFilter(tokens("speaker:", "year:2012"), 0)).toEqual({
      kind: "problem",
      problem: "empty-filter",
      message: 'The filter "speaker:" needs a value, like speaker:arcangeli.',
    });
  });

  it("reads a filter name with one letter dropped, added or swapped as that filter", () => {
    expect(readFilter(tokens("yaer:2019"), 0)).toEqual({
      kind: "years",
      years: { from: 2019, to: 2019 },
      took: 1,
    });
    expect(readFilter(tokens("speakr:arcangeli"), 0)).toEqual({
      kind: "filter",
      key: "speaker",
      value: "arcangeli",
      took: 1,
    });
    expect(readFilter(tokens("topc:numa"), 0)).toMatchObject({ key: "topic", value: "numa" });
    expect(readFilter(tokens("evnet:plumbers"), 0)).toMatchObject({ key: "event" });
    expect(readFilter(tokens("autor:bonzini"), 0)).toMatchObject({ key: "speaker" });
    // A long slipped name takes the value after a space, as the right one does.
    expect(readFilter(tokens("speakr:", "arcangeli"), 0)).toMatchObject({
      key: "speaker",
      value: "arcangeli",
      took: 2,
    });
  });

  it("never takes a word one changed letter from a filter, or a short one, for it", () => {
    // "yeah" is one changed letter from "year"; "even" in a sentence is a word.
    expect(readFilter(tokens("yeah:", "numa"), 0)).toEqual({ kind: "word", word: "yeah" });
    expect(readFilter(tokens("even:", "numa"), 0)).toEqual({ kind: "word", word: "even" });
    expect(readFilter(tokens("near:2012"), 0)).toMatchObject({ problem: "unknown-filter" });
    expect(readFilter(tokens("yer:2012"), 0)).toMatchObject({ problem: "unknown-filter" });
  });

  it("reads a colon in a sentence as a word, and a URL as no filter", () => {
    expect(readFilter(tokens("Q:", "numa"), 0)).toEqual({ kind: "word", word: "Q" });
    expect(readFilter(tokens("kubernetes:"), 0)).toEqual({ kind: "word", word: "kubernetes" });
    expect(readFilter(tokens("https://example.org/x"), 0)).toEqual({ kind: "none" });
    expect(readFilter(tokens("numa"), 0)).toEqual({ kind: "none" });
    expect(readFilter(tokens("foo:bar"), 0)).toEqual({
      kind: "problem",
      problem: "unknown-filter",
      message: 'I don\'t know the filter "foo:". Filters are speaker:, year:, event: and topic:.',
    });
  });
});

describe("parseYears", () => {
  it("reads a year, a range, and a range open at one end", () => {
    expect(parseYears("2012")).toEqual({ from: 2012, to: 2012 });
    expect(parseYears("2011-2010")).toEqual({ from: 2010, to: 2011 });
    expect(parseYears("2010..2011")).toEqual({ from: 2010, to: 2011 });
    expect(parseYears("2010-")).toEqual({ from: 2010, to: 2100 });
    expect(parseYears("2010+")).toEqual({ from: 2010, to: 2100 });
    expect(parseYears("-2012")).toEqual({ from: 1990, to: 2012 });
    // Sentence punctuation after a year is not part of it; a range's ".." is.
    expect(parseYears("2012,")).toEqual({ from: 2012, to: 2012 });
    expect(parseYears("2010-2011?")).toEqual({ from: 2010, to: 2011 });
    expect(parseYears("2012.")).toEqual({ from: 2012, to: 2012 });
    expect(parseYears("2010..")).toEqual({ from: 2010, to: 2100 });
    for (const bad of ["20019", "1850", "1850-", "twelve", "2010-20", "", "2012,x"])
      expect(parseYears(bad), bad).toBeNull();
  });
});

describe("the grammar with these filters", () => {
  it("searches a question that only has a colon in it", () => {
    expect(parseCommand("Q: any numa talks?")).toMatchObject({
      kind: "search",
      request: { words: ["Q", "any", "numa", "talks?"] },
    });
    expect(parseCommand("year: 2012 vfio")).toMatchObject({
      kind: "search",
      request: { words: ["vfio"], years: { from: 2012, to: 2012 } },
    });
  });

  it("reads the bot's name alone as a call for help", () => {
    for (const text of ["virt-talks", "@virt-talks", "virt talks?"])
      expect(parseCommand(text), text).toEqual({ kind: "help", empty: false });
  });
});
