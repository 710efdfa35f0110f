import { describe, expect, it } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { orList } from "../../src/core/discover.ts";
import { catalogOf, talkWith } from "../support/talks.ts";

const catalog = loadCatalog();
const core = createCore({ catalog, timeZone: "UTC" });

describe("small talk answers", () => {
  it("replies with a friendly line and what the bot can do, never cards", () => {
    expect(core.answer("hello")).toEqual({
      kind: "small-talk",
      intent: "greeting",
      reply: "Hi! 👋",
      capabilities:
        "I find Linux virtualization conference talks (KVM, QEMU, Xen) by subject, speaker, event or year.",
      examples: ["numa", "talks by arcangeli", "topics"],
    });
    for (const text of ["hi", "thanks!", "thank you", "good morning", "👍", "cheers"])
      expect(core.answer(text).kind, text).toBe("small-talk");
  });
});

describe("topics", () => {
  it("lists every topic that has talks, with its count, most talks first", () => {
    const answer = core.answer("topics");
    if (answer.kind !== "topics") throw new Error(answer.kind);
    const numa = catalog.talks.filter((t) => t.topics.includes("numa")).length;
    expect(answer.topics.find((t) => t.slug === "numa")).toEqual({
      slug: "numa",
      description: catalog.topics.get("numa"),
      talks: numa,
    });
    const counts = answer.topics.map((t) => t.talks);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(answer.topics.every((t) => t.talks > 0)).toBe(true);
  });

  it("says when topic: names no topic, and suggests the nearest", () => {
    expect(core.answer("topic:ballon")).toEqual({
      kind: "unknown-topic",
      topic: "ballon",
      nearest: ["ballooning"],
    });
    expect(core.answer("topic:memroy")).toEqual({
      kind: "unknown-topic",
      topic: "memroy",
      nearest: ["memory-management", "memory-overcommit", "transcendent-memory"],
    });
    expect(core.answer("topic:baloon")).toEqual({
      kind: "unknown-topic",
      topic: "baloon",
      nearest: ["ballooning"],
    });
    expect(core.answer("topic:numa").kind).toBe("results");
  });

  it("suggests no topic when none is close: a did-you-mean is a typo's, never a guess", () => {
    for (const far of ["banana", "foo", "zzz"])
      expect(core.answer(`topic:${far}`), far).toEqual({
        kind: "unknown-topic",
        topic: far,
        nearest: [],
      });
  });

  it("takes a word of a topic's name for the topic", () => {
    const live = catalog.talks.filter((t) => t.topics.includes("live-migration")).length;
    const answer = core.answer("topic:migration");
    expect(answer.kind === "results" && answer.total).toBe(live);
  });
});

describe("a search that finds nothing", () => {
  it("suggests topics close to the query, else the most used ones", () => {
    const near = core.answer("memory kubernetes");
    expect(near.kind === "no-results" && near.suggestions.slice(0, 3)).toEqual([
      "memory-management",
      "memory-overcommit",
      "transcendent-memory",
    ]);
    const far = core.answer("kubernetes");
    expect(far.kind === "no-results" && far.suggestions).toEqual(core.suggestions());
  });

  it("suggests speaker:NAME when the query looks like a speaker's name", () => {
    const answer = core.answer("arcangel kubernetes");
    expect(answer.kind === "no-results" && answer.speakers).toEqual(["arcangeli"]);
    const plain = core.answer("kubernetes operators");
    expect(plain.kind === "no-results" && plain.speakers).toEqual([]);
  });
});

describe("speaker hints on a catalog of our own", () => {
  const small = createCore({
    timeZone: "UTC",
    catalog: catalogOf([
      talkWith({ id: "a", title: "Baking guest images", speakers: ["Ada Baker"] }),
      talkWith({ id: "b", title: "Design patterns", speakers: ["Bo Pizzamiglio"] }),
      talkWith({ id: "c", title: "Tips for tracing", speakers: ["Cy Tias", "Di Hajnoczi"] }),
    ]),
  });
  const hinted = (query: string) => {
    const answer = small.answer(query);
    return answer.kind === "no-results" ? answer.speakers : answer.kind;
  };

  it("offers a name only for a word that reads as one, never for words the talks use", () => {
    // "bake" and "tips" are words of the talks; "pizza" is a name cut short by six letters.
    expect(hinted("bake sourdough bread")).toEqual([]);
    expect(hinted("gardening tips kubernetes")).toEqual([]);
    expect(hinted("best pizza in brussels")).toEqual([]);
    // A misspelt or cut-short name still is one.
    expect(hinted("hajnocz kubernetes")).toEqual(["hajnoczi"]);
    expect(hinted("hajnozci kubernetes")).toEqual(["hajnoczi"]);
  });
});

describe("orList", () => {
  it("joins with commas and a final or", () => {
    expect([orList([]), orList(["a"]), orList(["a", "b"]), orList(["a", "b", "c"])]).toEqual([
      "",
      "a",
      "a or b",
      "a, b or c",
    ]);
  });
});
