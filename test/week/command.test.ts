// The week commands in the one grammar: their words, their search words, and what stays a search.
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/core/grammar.ts";
import { parseWeekWords } from "../../src/week/command.ts";

/** What a question of `text` searches for: a week command narrows by the same request. */
function asked(text: string) {
  const command = parseCommand(text);
  if (command.kind !== "search") throw new Error(`${text}: ${command.kind}`);
  return command.request;
}

/** Everyday words, as data/chat-words.json has them. */
const everyday = (word: string) => ["what", "talks", "on"].includes(word);

describe("parseWeekWords", () => {
  it("leaves a longer question that opens with what's new to the search", () => {
    expect(
      parseWeekWords("whats new in qemu lately? looking for a state of the project", everyday),
    ).toBe(null);
    expect(parseWeekWords("new features of virtio-net for faster guests", everyday)).toBe(null);
  });

  it("reads new, what's new, now, next and schedule with their rest", () => {
    expect(parseWeekWords("new", everyday)).toEqual({ kind: "new", rest: null });
    expect(parseWeekWords("What's new?", everyday)).toEqual({ kind: "new", rest: null });
    expect(parseWeekWords("what is new vfio", everyday)).toEqual({ kind: "new", rest: "vfio" });
    expect(parseWeekWords("whats new", everyday)).toEqual({ kind: "new", rest: null });
    expect(parseWeekWords("what's new in vfio lately?", everyday)).toEqual({
      kind: "new",
      rest: "in vfio lately?",
    });
    expect(parseWeekWords("now", everyday)).toEqual({ kind: "on-now", when: "now", rest: null });
    expect(parseWeekWords("Next", everyday)).toEqual({ kind: "on-now", when: "next", rest: null });
    expect(parseWeekWords("now at kvm forum", everyday)).toEqual({
      kind: "on-now",
      when: "now",
      rest: 'event:"kvm forum"',
    });
    expect(parseWeekWords("schedule", everyday)).toEqual({
      kind: "schedule",
      day: "today",
      rest: null,
    });
    expect(parseWeekWords("schedule Tomorrow vfio", everyday)).toEqual({
      kind: "schedule",
      day: "tomorrow",
      rest: "vfio",
    });
    expect(parseWeekWords("schedule sat", everyday)).toEqual({
      kind: "schedule",
      day: "saturday",
      rest: null,
    });
    expect(parseWeekWords("schedule vfio", everyday)).toEqual({
      kind: "schedule",
      day: "today",
      rest: "vfio",
    });
  });

  it("reads now and next with one telling word or filter as the narrowed listing", () => {
    expect(parseWeekWords("now vfio", everyday)).toEqual({
      kind: "on-now",
      when: "now",
      rest: "vfio",
    });
    expect(parseWeekWords("next vfio talks", everyday)).toEqual({
      kind: "on-now",
      when: "next",
      rest: "vfio talks",
    });
    expect(parseWeekWords("next topic:numa", everyday)).toEqual({
      kind: "on-now",
      when: "next",
      rest: "topic:numa",
    });
    expect(parseWeekWords("now what", everyday)).toBeNull();
    expect(parseWeekWords("next generation virtio", everyday)).toBeNull();
  });

  it("reads schedule's day: yesterday, a part of a day, next WEEKDAY; a span is usage", () => {
    expect(parseWeekWords("schedule yesterday", everyday)).toEqual({
      kind: "schedule",
      day: "yesterday",
      rest: null,
    });
    expect(parseWeekWords("schedule tomorrow morning vfio", everyday)).toEqual({
      kind: "schedule",
      day: "tomorrow",
      rest: "vfio",
    });
    expect(parseWeekWords("schedule this afternoon", everyday)).toEqual({
      kind: "schedule",
      day: "today",
      rest: null,
    });
    expect(parseWeekWords("schedule next fri", everyday)).toEqual({
      kind: "schedule",
      day: "friday",
      rest: null,
    });
    expect(parseWeekWords("schedule next week", everyday)).toMatchObject({ kind: "week-usage" });
    expect(parseWeekWords("schedule weekend", everyday)).toMatchObject({ kind: "week-usage" });
  });

  it("answers a past weekday and contradicting day words with the usage line", () => {
    const message =
      'The schedule lists one conference day: "schedule" (today), "schedule tomorrow", "schedule yesterday" or a weekday ("schedule fri"), with words to narrow it ("schedule tomorrow vfio").';
    for (const text of [
      "schedule last friday",
      "schedule last fri vfio",
      "schedule next yesterday",
      "schedule this tomorrow",
      "schedule coming today",
      "schedule next morning",
    ])
      expect(parseWeekWords(text, everyday), text).toEqual({ kind: "week-usage", message });
    expect(parseWeekWords("schedule this friday vfio", everyday)).toEqual({
      kind: "schedule",
      day: "friday",
      rest: "vfio",
    });
  });

  it("leaves searches that only start with now or next alone", () => {
    expect(parseWeekWords("next generation virtio", everyday)).toBeNull();
    expect(parseWeekWords("now what", everyday)).toBeNull();
    expect(parseWeekWords("scheduler latency", everyday)).toBeNull();
    expect(parseWeekWords("what's up", everyday)).toBeNull();
  });

  it("asks for the event after a bare at", () => {
    expect(parseWeekWords("next at", everyday)).toEqual({
      kind: "week-usage",
      message: 'Write "next at" with an event, like next at fosdem.',
    });
  });
});

describe("the week commands in parseCommand", () => {
  it("parses the narrowing words as a question's", () => {
    expect(parseCommand("!new vfio")).toEqual({
      kind: "new",
      request: asked("vfio"),
      text: "new vfio",
    });
    expect(parseCommand("schedule tomorrow event:fosdem")).toEqual({
      kind: "schedule",
      day: "tomorrow",
      request: asked("event:fosdem"),
      text: "schedule tomorrow event:fosdem",
    });
    expect(parseCommand("now at summit")).toEqual({
      kind: "on-now",
      when: "now",
      request: asked('event:"summit"'),
      text: "now at summit",
    });
    expect(parseCommand("next")).toEqual({
      kind: "on-now",
      when: "next",
      request: null,
      text: "next",
    });
  });

  it("keeps words another command would take as words, and refuses bad filters", () => {
    expect(parseCommand("new today")).toEqual({
      kind: "new",
      request: { ...asked("vfio"), words: ["today"], text: "today" },
      text: "new today",
    });
    expect(parseCommand("schedule year:nope")).toEqual({
      kind: "usage",
      problem: "bad-year",
      message: '"nope" is not a year I can search; try year:2012 or year:2010-2011.',
    });
    expect(parseCommand("now at")).toEqual({
      kind: "usage",
      problem: "week",
      message: 'Write "now at" with an event, like now at fosdem.',
    });
  });
});
