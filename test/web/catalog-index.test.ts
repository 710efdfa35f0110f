// The public pages' lists (catalog-index.ts): exact lists on a small catalog, the same index
// built in slices as at once, and a sliced build that gives the event loop turns all along
// (a reload of a big catalog must not hold the chat bot's answers), its sort included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/core/catalog.ts";
import type { Talk } from "../../src/core/talk.ts";
import {
  type CatalogIndex,
  catalogIndex,
  catalogIndexInSlices,
  hasCatalogIndex,
} from "../../src/web/catalog-index.ts";
import { sortSteps } from "../../src/web/sort-steps.ts";
import { catalogOf, confTalk, newestFirst } from "../support/talks.ts";
import { turnsDuring } from "../support/turns.ts";

/** A talk at Conf 2020 on 2020-05-01 unless `over` says otherwise. */
const talk = (id: string, over: Partial<Talk> = {}): Talk => confTalk(id, 2020, over);

const ids = (talks: readonly Talk[] | undefined) => talks?.map((t) => t.id);

/** Everything an index answers for `catalog`'s speakers, topics, events and days, as ids. */
function dump(index: CatalogIndex, catalog: Catalog) {
  const speakers = ["ada-example", "jorg-rodel", "bo-other", "nobody"];
  const topics = ["numa", "kvm", "xen", "none"];
  const events = [...new Set(catalog.talks.map((t) => t.eventId)), "none"];
  return {
    speakers: speakers.map((s) => {
      const found = index.speaker(s);
      return found && { name: found.name, talks: ids(found.talks) };
    }),
    topics: topics.map((t) => ids(index.topic(t))),
    events: events.map((e) => {
      const found = index.event(e);
      return found && { name: found.name, year: found.year, talks: ids(found.talks) };
    }),
    added: ["2026-01-01", "2026-06-01", "2027-01-01"].map((d) => ids(index.addedSince(d))),
    related: catalog.talks.map((t) => ids(index.related(t, 3))),
    newest: ids(index.newest),
  };
}

describe("catalog index", () => {
  it("lists newest first, then by title, then in catalog order", () => {
    const talks = [
      talk("a", { speakers: ["jorg rodel"], topics: ["numa"], added: "2026-05-01" }),
      talk("b", {
        ...{ year: 2021, date: null, eventId: "conf-2021", event: "Conf 2021" },
        ...{ speakers: ["Jörg Rödel"], topics: ["numa", "kvm"] },
      }),
      talk("c", { year: 2021, date: "2021-02-01", eventId: "conf-2021", event: "Conf 2021" }),
      talk("d", { title: "Same", speakers: ["Ada Example"], added: "2026-06-01" }),
      talk("e", { title: "Same", speakers: ["Ada Example", "Jörg Rödel"], added: "2026-06-01" }),
      talk("f", { date: "2020-09-01", topics: ["numa"], added: "2026-05-01" }),
    ];
    const catalog = catalogOf(talks);
    expect(dump(catalogIndex(catalog), catalog)).toEqual({
      speakers: [
        { name: "Ada Example", talks: ["d", "e"] },
        // Named as the catalog first names them; one person however spelled.
        { name: "jorg rodel", talks: ["b", "e", "a"] },
        undefined,
        undefined,
      ],
      topics: [["b", "f", "a"], ["b"], undefined, undefined],
      events: [
        { name: "Conf 2020", year: 2020, talks: ["f", "d", "e", "a"] },
        // A year's dated talks before its undated ones ("2021" sorts after "20212021-…").
        { name: "Conf 2021", year: 2021, talks: ["c", "b"] },
        undefined,
      ],
      // Latest added first; added the same day, newest first.
      added: [["d", "e", "f", "a"], ["d", "e"], []],
      related: [["b", "e", "f"], ["a", "e", "f"], [], ["e"], ["b", "d", "a"], ["b", "a"]],
      newest: ["c", "b", "f", "d", "e", "a"],
    });
  });

  it("builds in slices exactly what it builds at once, on random catalogs", async () => {
    const names = ["Ada Example", "Bo Other", "Jörg Rödel", "jorg rodel", "!!!"];
    const arbTalk = fc.record({
      year: fc.integer({ min: 2019, max: 2021 }),
      date: fc.constantFrom(null, "2020-01-01", "2020-03-01"),
      title: fc.constantFrom("A", "B", "C"),
      speakers: fc.uniqueArray(fc.constantFrom(...names), { maxLength: 3 }),
      topics: fc.array(fc.constantFrom("numa", "kvm", "xen"), { maxLength: 3 }),
      added: fc.constantFrom(null, "2026-01-01", "2026-06-01"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(arbTalk, { maxLength: 1_200, size: "max" }), async (raw) => {
        const make = () =>
          catalogOf(raw.map((r, i) => talk(`t${i}`, { ...r, eventId: `conf-${r.year}` })));
        const whole = make();
        const sliced = make();
        const index = await catalogIndexInSlices(sliced, 0);
        expect(dump(index, sliced)).toEqual(dump(catalogIndex(whole), whole));
        const newest = newestFirst(sliced.talks);
        for (const topic of ["numa", "kvm", "xen"]) {
          const plain = newest.filter((t) => t.topics.includes(topic));
          expect(ids(index.topic(topic))).toEqual(plain.length ? ids(plain) : undefined);
        }
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it("gives the event loop a turn at least every few hundred talks while it builds", async () => {
    const talks = Array.from({ length: 5_000 }, (_, i) =>
      talk(`t${i}`, {
        year: 2000 + (i % 27),
        title: `T${(i * 7919) % 5_000}`,
        speakers: [`Speaker ${i % 900}`],
        topics: [["numa", "kvm", "xen"][i % 3]!],
        added: i % 2 ? "2026-01-01" : null,
      }),
    );
    const catalog = catalogOf(talks);
    const { value: index, turns } = await turnsDuring(() => {
      const built = catalogIndexInSlices(catalog, 0);
      expect(hasCatalogIndex(catalog)).toBe(false);
      return built;
    });
    expect(hasCatalogIndex(catalog)).toBe(true);
    // 5,000 talks in steps of 256 twice, the sorts in runs of 512 and merges of 4,096.
    expect(turns).toBeGreaterThanOrEqual(2 * Math.floor(5_000 / 256) + 10 + 2 * 5);
    expect(catalogIndex(catalog)).toBe(index);
  });

  it("finishes a sliced build at once when a page needs it, and the slices stop", async () => {
    const talks = Array.from({ length: 2_000 }, (_, i) => talk(`t${i}`, { topics: ["numa"] }));
    const catalog = catalogOf(talks);
    const sliced = catalogIndexInSlices(catalog, 0);
    const now = catalogIndex(catalog);
    expect(ids(now.topic("numa"))?.length).toBe(2_000);
    expect(await sliced).toBe(now);
  });
});

describe("sortSteps", () => {
  it("sorts as Array.prototype.sort does, equal items in their order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 3_000, size: "max" }),
        (keys) => {
          const items = keys.map((key, at) => ({ key, at }));
          const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
          const steps = sortSteps(items, byKey);
          let step = steps.next();
          while (!step.done) step = steps.next();
          expect(step.value).toEqual([...items].sort(byKey));
        },
      ),
      { numRuns: 100, endOnFailure: true },
    );
  });
});
