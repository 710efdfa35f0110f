// The catalog version /healthz shows: equal for equal catalogs, different when a talk changes.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/core/catalog.ts";
import { catalogVersion } from "../../src/core/catalog-version.ts";

describe("catalogVersion", () => {
  it("is the talk count and a hash, the same for two loads of the same files", () => {
    const [a, b] = [loadCatalog(), loadCatalog()];
    expect(catalogVersion(a)).toMatch(new RegExp(`^${a.talks.length}-[0-9a-f]{12}$`));
    expect(catalogVersion(b)).toBe(catalogVersion(a));
  });

  it("changes when one talk changes, even with the same count", () => {
    const a = loadCatalog();
    const [first, ...rest] = a.talks;
    if (!first) throw new Error("empty catalog");
    const b = { ...a, talks: [{ ...first, title: `${first.title} (revised)` }, ...rest] };
    expect(catalogVersion(b)).not.toBe(catalogVersion(a));
    expect(catalogVersion(b).split("-")[0]).toBe(String(a.talks.length));
  });

  it("hashes the talks' JSON a talk at a time: the same version as the whole string", () => {
    const a = loadCatalog();
    const whole = createHash("sha256").update(JSON.stringify(a.talks)).digest("hex");
    expect(catalogVersion(a)).toBe(`${a.talks.length}-${whole.slice(0, 12)}`);
    const one = { ...a, talks: a.talks.slice(0, 1) };
    const single = createHash("sha256").update(JSON.stringify(one.talks)).digest("hex");
    expect(catalogVersion(one)).toBe(`1-${single.slice(0, 12)}`);
  });
});
