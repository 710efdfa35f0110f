// The library swaps the core in one step: a build in slices answers from the old core until
// the new one is whole, and never puts back a catalog older than the one a later reload
// already put in use.
import { describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";

const builtIn = loadCatalog();
const without = (n: number): Catalog => {
  const talks = builtIn.talks.slice(n);
  return { ...builtIn, talks, byId: new Map(talks.map((t) => [t.id, t])) };
};

describe("library", () => {
  it("replaceInSlices answers from the old core until the new one is in use", async () => {
    const library = createLibrary({ catalog: builtIn, timeZone: "UTC" });
    const old = library.current();
    const seen = new Set<number>();
    let running = true;
    const ask = () => {
      seen.add(library.current().catalog.talks.length);
      if (running) setImmediate(ask);
    };
    setImmediate(ask);
    const next = await library.replaceInSlices(without(10));
    running = false;
    expect(library.current()).toBe(next);
    expect(next).not.toBe(old);
    expect(next.catalog.talks).toHaveLength(builtIn.talks.length - 10);
    // Whatever was asked meanwhile saw one whole catalog or the other.
    for (const n of seen) expect([builtIn.talks.length, builtIn.talks.length - 10]).toContain(n);
  });

  it("hands the phrases searches use to the new core, worked out before it answers", async () => {
    const library = createLibrary({ catalog: builtIn, timeZone: "UTC" });
    expect(library.current().answer("post-copy migration").kind).toBe("results");
    const inUse = library.current().engine.phrasesInUse(64);
    expect(inUse.length).toBeGreaterThan(0);
    const next = await library.replaceInSlices(without(10));
    expect(next.engine.phrasesInUse(64).sort()).toEqual(
      inUse.filter((p) => p.split(" ").every((t) => next.engine.index.postings.has(t))).sort(),
    );
    // The same answer as a core that worked them out itself.
    const fresh = createLibrary({ catalog: without(10), timeZone: "UTC" }).current();
    expect(next.answer("post-copy migration")).toEqual(fresh.answer("post-copy migration"));
  });

  it("keeps a catalog another replace put in use while it was building", async () => {
    const library = createLibrary({ catalog: builtIn, timeZone: "UTC" });
    const slow = library.replaceInSlices(without(10));
    const newer = library.replace(without(20));
    expect(await slow).toBe(newer);
    expect(library.current()).toBe(newer);
  });
});
