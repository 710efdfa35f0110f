// The second look at a search that found nothing (or only by correcting a word).
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/answer.ts";
import { toCard } from "../../src/core/card.ts";
import { secondLook } from "../../src/core/near-miss.ts";
import { wordData } from "../../src/core/word-data.ts";
import { talkWith } from "../support/talks.ts";

const { smallTalk, language } = wordData();
const nothing: Answer = { kind: "no-results", query: "x", suggestions: [], speakers: [] };
const corrected: Answer = {
  kind: "results",
  query: "x",
  hits: [],
  offset: 0,
  total: 1,
  corrections: ["tahnks → tasks"],
};
const found: Answer = { ...corrected, corrections: [] };

describe("secondLook", () => {
  it("reads a greeting or thanks with a slip as small talk", () => {
    const cases: [string, string][] = [
      ["thnak you", "thanks"],
      ["tahnks!", "thanks"],
      ["helo", "greeting"],
      ["heyyy there", "greeting"],
      ["byee", "farewell"],
      ["virt-talks: thank yuo", "thanks"],
    ];
    for (const [text, intent] of cases)
      expect(secondLook(nothing, text, smallTalk, language), text).toEqual({
        kind: "small-talk",
        intent,
      });
  });

  it("runs a showing command one slip away that the search only found by correcting it", () => {
    // "radnom" found talks that say "random"; "tody" talks with a to-do list.
    expect(secondLook(corrected, "radnom", smallTalk, language)).toEqual({ kind: "random" });
    expect(secondLook(corrected, "tody", smallTalk, language)).toEqual({ kind: "today" });
    // Two slips may be a search word ("sheduler" → scheduler); found as typed, it is one.
    expect(secondLook(corrected, "sheduler", smallTalk, language)).toBeNull();
    expect(secondLook(found, "radnom", smallTalk, language)).toBeNull();
  });

  it("reads a slipped command with courtesy around it", () => {
    expect(secondLook(nothing, "topcis please", smallTalk, language)).toEqual({ kind: "topics" });
    expect(secondLook(nothing, "mroe pls!", smallTalk, language)).toEqual({ kind: "more" });
  });

  it("asks about a changing command with a slip before its arguments", () => {
    const didYouMean = (word: string, line: string) => ({
      kind: "usage",
      problem: "did-you-mean",
      message: `"${word}" is not a command I know. Did you mean "${line}"?`,
      quoted: line,
    });
    expect(secondLook(nothing, "wacth vfio", smallTalk, language)).toEqual(
      didYouMean("wacth", "watch vfio"),
    );
    // Talks its arguments alone found ("vfio") are no answer to a watch that was never set.
    expect(secondLook(found, "wacth vfio", smallTalk, language)).toEqual(
      didYouMean("wacth", "watch vfio"),
    );
    expect(secondLook(found, "wach numa", smallTalk, language)).toEqual(
      didYouMean("wach", "watch numa"),
    );
    // One slip from watch and from watches: only the line that would run is offered.
    expect(secondLook(found, "watchs vfio", smallTalk, language)).toEqual(
      didYouMean("watchs", "watch vfio"),
    );
    // Two letters swapped in "watches", which takes no words: the line that runs is the
    // watch, as for "watchs vfio" (it answered "No talks found" with no hint).
    expect(secondLook(nothing, "wathces vfio", smallTalk, language)).toEqual(
      didYouMean("wathces", "watch vfio"),
    );
    expect(secondLook(found, "wathces vfio", smallTalk, language)).toEqual(
      didYouMean("wathces", "watch vfio"),
    );
    expect(secondLook(nothing, "wathces", smallTalk, language)).toEqual({ kind: "watches" });
    // A real word one changed letter from the command ("witch") is searched: its talks are
    // kept; with nothing found, the question is asked.
    expect(secondLook(found, "witch vfio", smallTalk, language)).toBeNull();
    expect(secondLook(nothing, "witch vfio", smallTalk, language)).toEqual(
      didYouMean("witch", "watch vfio"),
    );
    // A surface that runs no watch (the CLI) is not asked about one.
    const cli = { runs: () => false, findsTalks: () => false };
    expect(secondLook(found, "wacth vfio", smallTalk, language, cli)).toBeNull();
    expect(secondLook(nothing, "wacth vfio", smallTalk, language, cli)).toBeNull();
    expect(secondLook(nothing, "wathces vfio", smallTalk, language, cli)).toBeNull();
    // Talks the slipped word finds past the page shown count too (the turn searches it).
    const findsIt = { runs: () => true, findsTalks: (w: string) => w === "wach" };
    expect(secondLook(found, "wach numa", smallTalk, language, findsIt)).toBeNull();
    // Talks the slipped word itself found, as typed or corrected, are kept.
    const card = toCard(talkWith({ id: "t1", title: "Witch" }));
    const matchedWord: Answer = { ...found, hits: [{ card, score: 1, matched: ["witch"] }] };
    expect(secondLook(matchedWord, "witch vfio", smallTalk, language)).toBeNull();
    const correctedWord: Answer = { ...found, corrections: ["witch → switch"] };
    expect(secondLook(correctedWord, "witch vfio", smallTalk, language)).toBeNull();
    // A corrected line the command would refuse is not offered ("subscribe numa" is no time).
    for (const text of ["subscibe numa", "unsubscrbe numa", "unwach numa"])
      expect(secondLook(nothing, text, smallTalk, language), text).toBeNull();
    expect(secondLook(nothing, "unwach 1", smallTalk, language)).toEqual(
      didYouMean("unwach", "unwatch 1"),
    );
    expect(secondLook(nothing, "!subscibe 9am", smallTalk, language)).toEqual(
      didYouMean("subscibe", "subscribe 9am"),
    );
    // A schedule for a day said is shown; without a day it may be a search.
    expect(secondLook(found, "schedul tomorrow", smallTalk, language)).toEqual({
      kind: "schedule",
      day: "tomorrow",
      request: null,
      text: "schedule tomorrow",
    });
    for (const text of ["schedul numa", "sheduler numa", "watcher numa", "patch vfio"])
      expect(secondLook(found, text, smallTalk, language), text).toBeNull();
  });

  it("answers a slipped showing command as the command, and asks about a changing one", () => {
    expect(secondLook(nothing, "hlep", smallTalk, language)).toEqual({
      kind: "help",
      empty: false,
    });
    expect(secondLook(nothing, "tody", smallTalk, language)).toEqual({ kind: "today" });
    expect(secondLook(nothing, "!topcs", smallTalk, language)).toEqual({ kind: "topics" });
    expect(secondLook(nothing, "mroe", smallTalk, language)).toEqual({ kind: "more" });
    expect(secondLook(nothing, "subscrbe", smallTalk, language)).toEqual({
      kind: "usage",
      problem: "did-you-mean",
      message: '"subscrbe" is not a command I know. Did you mean "subscribe"?',
    });
    expect(secondLook(nothing, "unsbuscribe", smallTalk, language)).toEqual({
      kind: "usage",
      problem: "did-you-mean",
      message: '"unsbuscribe" is not a command I know. Did you mean "unsubscribe"?',
    });
    expect(secondLook(nothing, "watchs", smallTalk, language)).toEqual({
      kind: "usage",
      problem: "did-you-mean",
      message: '"watchs" is not a command I know. Did you mean "watches" or "watch"?',
    });
  });

  it("never turns a real word one changed letter away into small talk or a command", () => {
    for (const text of ["heap", "helper", "made", "tree", "byte numa", "kvm", "hello world"])
      expect(secondLook(nothing, text, smallTalk, language), text).toBeNull();
  });

  it("after corrected results, only small talk wins; found results are kept", () => {
    expect(secondLook(corrected, "tahnks", smallTalk, language)).toEqual({
      kind: "small-talk",
      intent: "thanks",
    });
    expect(secondLook(corrected, "shedule", smallTalk, language)).toBeNull();
    expect(secondLook(found, "helo", smallTalk, language)).toBeNull();
  });
});
