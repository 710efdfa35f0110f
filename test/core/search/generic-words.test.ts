// A sentence whose only field words are generic ones other fields say too ("a virtual gift
// card", "the memory card of my camera") is answered, where VMs are a minority of the
// catalog, only by a talk about VMs in the field's own words that matches half of it
// (generic-words.ts); the field's questions saying the same words stay answered.
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { explainSearch } from "../../../src/core/search/explain.ts";
import { thinAnswer, thinQuestion } from "../../../src/core/search/generic-words.ts";
import { compileQuery } from "../../../src/core/search/query/compile.ts";
import type { Concept } from "../../../src/core/search/query/concept.ts";
import { wordData } from "../../../src/core/word-data.ts";
import { searchRequest } from "../../support/search.ts";
import { catalogOf } from "../../support/talks.ts";
import { fosdemOthers, fosdemTalk } from "./broad-fixture.ts";

/** [id, title, words of the abstract]: talks of other fields saying a generic word, and VM talks. */
const talks: [string, string, string][] = [
  ["egov", "Virtual cards for eGovernment", "a gift card from the store, safer online purchases"],
  ["guest", "Inviting a guest lecturer", "a fair fee for a chemistry class"],
  ["migrate", "Live migration with KVM", "move a running guest to another host, downtime"],
  ["snap", "QEMU snapshots", "a vm gets slower with every snapshot in a long chain"],
  ["hotplug", "Memory hotplug for KVM guests", "give a running virtual machine more memory"],
];
const catalog = catalogOf([
  ...fosdemOthers("databases and web frameworks"),
  ...talks.map(([id, title, words]) => fosdemTalk(id, title, words)),
]);
const words = wordData();
const engine = createSearchEngine(catalog, words);
/** The same catalog without the generic words: what the rule turns away. */
const unread = createSearchEngine(catalog, {
  ...words,
  senses: { ...words.senses!, generic: new Set() },
});
const ids = (e: typeof engine, q: string) =>
  e.search(searchRequest(q), 5).hits.map((h) => h.talk.id);

const offTopic = [
  "is a virtual gift card from the store safer for online purchases",
  "what is a fair fee for a guest lecturer in a chemistry class",
];

describe("a sentence whose only field words are generic, where VMs are a minority", () => {
  it("is answered by a talk of another field without the rule", () => {
    expect(offTopic.map((q) => ids(unread, q)[0])).toEqual(["egov", "guest"]);
  });

  it("gets no talk", () => {
    expect(offTopic.map((q) => ids(engine, q))).toEqual([[], []]);
  });

  it("stays answered where it asks about VMs in the same words", () => {
    expect(ids(engine, "can I give my virtual machine more memory while it is running")).toEqual([
      "hotplug",
    ]);
    expect(ids(engine, "how do I move a running guest to another host without downtime")[0]).toBe(
      "migrate",
    );
    expect(ids(engine, "my vm gets slower every time I add another snapshot")[0]).toBe("snap");
  });

  it("does not read a lone generic word as stating the VM setting", () => {
    const q = "is a virtual gift card from the store safer for online purchases";
    expect(explainSearch(unread, searchRequest(q), [])).toContain("states a VM setting");
    expect(explainSearch(engine, searchRequest(q), [])).not.toContain("states a VM setting");
  });
});

describe("thinQuestion", () => {
  /** The labels of the generic concepts of a thin question, none where it is not thin. */
  const thin = (q: string) => {
    const request = searchRequest(q);
    const { concepts } = compileQuery(request, engine.index, words.synonyms, words.language);
    const mask = thinQuestion(request, concepts, new Set(), engine.index, words);
    return concepts.filter((_, bit) => mask & (1 << bit)).map((c) => c.label);
  };

  it("reads a sentence whose only field words are generic", () => {
    expect(thin("is a virtual gift card from the store safer")).toEqual(["virtual"]);
    expect(thin("what is a fair fee for a guest lecturer in a chemistry class")).toEqual(["guest"]);
  });

  it("not a question saying the field's own words, nor keywords", () => {
    expect(thin("my kvm guest gets slower every time I add another snapshot")).toEqual([]);
    expect(thin("virtual gift card")).toEqual([]);
    // (Here "slower" ties to VMs: the one talk saying it is about them.)
    expect(thin("my vm gets slower every time I add another snapshot")).toEqual([]);
  });
});

describe("thinAnswer", () => {
  const concepts = ["virtual", "gift", "card"].map(
    (label): Concept => ({ label, alternatives: [], phrase: false }),
  );
  const info = [2, 2, 6];
  const own = Uint8Array.of(1, 0);

  it("asks for a talk carrying the setting in the field's own words", () => {
    expect(thinAnswer(1, 0b111, concepts, info, own)).toBe(false);
    expect(thinAnswer(0, 0b111, concepts, info, own)).toBe(true);
  });

  it("asks for half of the question's information", () => {
    expect(thinAnswer(0, 0b011, concepts, info, own)).toBe(false);
    expect(thinAnswer(0, 0b100, concepts, info, own)).toBe(true);
  });
});
