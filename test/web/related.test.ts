// Related talks on a talk page: a shared speaker is worth 3, each shared topic 1, ties go to
// the newer talk, the talk itself never; and the typed-array index ranks exactly as the plain
// definition (a map of scores, sorted) over random catalogs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/core/catalog.ts";
import type { Talk } from "../../src/core/talk.ts";
import { speakerSlug } from "../../src/render/web/paths.ts";
import { catalogIndex } from "../../src/web/catalog-index.ts";
import { catalogOf, confTalk, newestFirst } from "../support/talks.ts";

const talk = (id: string, year: number, speakers: string[], topics: string[]): Talk =>
  confTalk(id, year, { speakers, topics });

/**
 * The plain definition: newest first by year, date, then title; ≤ 200 newest per speaker or
 * topic; a person named twice on one talk ("Jörg Rödel", "jorg rodel") counts once.
 */
function reference(catalog: Catalog, of: Talk, max: number): string[] {
  const newest = newestFirst(catalog.talks);
  const scores = new Map<Talk, number>();
  const add = (matches: (t: Talk) => boolean, weight: number) => {
    for (const t of newest.filter(matches).slice(0, 200))
      if (t !== of) scores.set(t, (scores.get(t) ?? 0) + weight);
  };
  for (const slug of new Set(of.speakers.map(speakerSlug)))
    if (slug) add((t) => t.speakers.some((n) => speakerSlug(n) === slug), 3);
  for (const topic of new Set(of.topics)) add((t) => t.topics.includes(topic), 1);
  return [...scores]
    .sort((a, b) => b[1] - a[1] || newest.indexOf(a[0]) - newest.indexOf(b[0]))
    .slice(0, max)
    .map(([t]) => t.id);
}

describe("related talks", () => {
  it("ranks a shared speaker over shared topics, then the newer talk, never the talk itself", () => {
    const talks = [
      talk("a", 2020, ["Ada Example"], ["numa", "kvm"]),
      talk("b", 2021, ["Ada Example"], []),
      talk("c", 2024, ["Bo Other"], ["numa", "kvm"]),
      talk("d", 2025, ["Cy Third"], ["numa"]),
      talk("e", 2019, ["Cy Third"], ["kvm"]),
      talk("f", 2026, ["Di Fourth"], ["xen"]),
    ];
    const index = catalogIndex(catalogOf(talks));
    const ids = (t: Talk, max: number) => index.related(t, max).map((r) => r.id);
    expect(ids(talks[0]!, 5)).toEqual(["b", "c", "d", "e"]);
    expect(ids(talks[0]!, 2)).toEqual(["b", "c"]);
    expect(ids(talks[5]!, 5)).toEqual([]);
    expect(ids(talk("z", 2020, ["Ada Example"], []), 5)).toEqual([]);
  });

  it("lists a talk naming one person twice once on their page", () => {
    const twice = talk("a", 2020, ["Jörg Rödel", "jorg rodel"], ["numa", "numa"]);
    const index = catalogIndex(catalogOf([twice, talk("b", 2021, ["Jörg Rödel"], ["numa"])]));
    expect(index.speaker("jorg-rodel")?.talks.map((t) => t.id)).toEqual(["b", "a"]);
    expect(index.topic("numa")?.map((t) => t.id)).toEqual(["b", "a"]);
  });

  it("ranks as the plain definition on random catalogs", () => {
    const names = ["Ada Example", "Bo Other", "Jörg Rödel", "jorg rodel", "!!!"];
    const topics = ["numa", "kvm", "xen", "vfio"];
    const arbTalk = fc.record({
      year: fc.integer({ min: 2010, max: 2014 }),
      speakers: fc.uniqueArray(fc.constantFrom(...names), { maxLength: 3 }),
      topics: fc.uniqueArray(fc.constantFrom(...topics), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(arbTalk, { minLength: 1, maxLength: 40 }), fc.nat(6), (raw, max) => {
        const talks = raw.map((r, i) => talk(`t${i}`, r.year, r.speakers, r.topics));
        const catalog = catalogOf(talks);
        const index = catalogIndex(catalog);
        for (const t of talks)
          expect(index.related(t, max).map((r) => r.id)).toEqual(reference(catalog, t, max));
      }),
      { numRuns: 200 },
    );
  });
});
