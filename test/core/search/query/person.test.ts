// A speaker's person key (one person however the catalog spells the name), worked out
// once per speaker and index; a person's strength worked out only when a listing asks.
import { describe, expect, it } from "vitest";
import { buildIndex } from "../../../../src/core/search/index/build.ts";
import { once, personKey } from "../../../../src/core/search/query/person.ts";
import { fosdemTalk } from "../broad-fixture.ts";

const talks = [
  { ...fosdemTalk("a", "IOMMU emulation", ""), speakers: ["Joerg Hoelzer"] },
  { ...fosdemTalk("b", "Boot security", ""), speakers: ["Jörg Hölzer"] },
];

describe("personKey", () => {
  it("is one key for a name with its umlauts spelt out or not", () => {
    const index = buildIndex(talks);
    expect(personKey("Joerg Hoelzer", index)).toBe("jorg holzer");
    expect(personKey("Jörg Hölzer", index)).toBe("jorg holzer");
  });

  it("keeps a speaker's key per index: the same answer asked again", () => {
    const index = buildIndex(talks);
    expect(personKey("Joerg Hoelzer", index)).toBe(personKey("Joerg Hoelzer", index));
  });
});

describe("once", () => {
  it("does the work on the first call only, and not before", () => {
    let calls = 0;
    const value = once(() => ++calls);
    expect(calls).toBe(0);
    expect([value(), value()]).toEqual([1, 1]);
    expect(calls).toBe(1);
  });
});
