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

  it("keeps a catalog another replace put in use while it was building", async () => {
    const library = createLibrary({ catalog: builtIn, timeZone: "UTC" });
    const slow = library.replaceInSlices(without(10));
    const newer = library.replace(without(20));
    expect(await slow).toBe(newer);
    expect(library.current()).toBe(newer);
  });
});
