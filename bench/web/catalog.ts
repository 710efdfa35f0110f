// The 10,000-talk synthetic catalog the web benchmark serves (bench/search/synthetic.ts re-mixes
// the real talks), and the requests it sends: every talk page once (so none was asked for
// before: each comes from the pages prepared ahead for the catalog, src/web/talk-page-store.ts,
// not from an earlier answer), and searches made of words from the synthetic titles (almost
// all different, so the search page is rendered afresh each time).
import type { Catalog } from "../../src/core/catalog.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary, type Library } from "../../src/core/library.ts";
import { createLogger } from "../../src/log.ts";
import { startWebServer, type WebServer } from "../../src/web/server.ts";
import { prng, syntheticCatalog } from "../search/synthetic.ts";

export const SIZE = 10_000;

export function benchCatalog(size = SIZE): Catalog {
  const real = loadCatalog();
  const talks = syntheticCatalog(real.talks, size);
  return { talks, byId: new Map(talks.map((t) => [t.id, t])), topics: real.topics, problems: [] };
}

const BASE = [
  "numa",
  "vfio",
  "live migration",
  "xen",
  "balloon",
  "virtio",
  "speaker:arcangeli",
  "year:2012",
  "memory",
  "iommu",
  "kvm arm",
  "nested",
];

/** `count` search paths: a common query plus a title word, some with a page number. */
export function searchPaths(catalog: Catalog, count: number, seed: number): string[] {
  // Seeded, so every run sends the same requests.
  const rand = prng(seed);
  const words = catalog.talks.flatMap((t) =>
    t.title.split(" ").filter((w) => /^[a-z]{4,}$/.test(w)),
  );
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: count }, () => {
    const q = rand() < 0.5 ? pick(words) : `${pick(BASE)} ${pick(words)}`;
    const page = rand() < 0.2 ? `&page=${2 + Math.floor(rand() * 3)}` : "";
    return `/?q=${encodeURIComponent(q)}${page}`;
  });
}

/** Talk page paths, each talk at most once across all slices (`from`, `count`). */
export function talkPaths(catalog: Catalog, from: number, count: number): string[] {
  return catalog.talks.slice(from, from + count).map((t) => `/talks/${encodeURIComponent(t.id)}`);
}

/** Our public pages over `catalog` on 127.0.0.1, no rate limit (the load is ours). */
export const startOurs = (catalog: Catalog): Promise<WebServer> =>
  startOursOver(createLibrary({ catalog, timeZone: "UTC" }));

/** The same over a library the caller keeps (bench/web/reload.ts swaps its core). */
export function startOursOver(library: Library): Promise<WebServer> {
  return startWebServer({
    host: "127.0.0.1",
    port: 0,
    logger: createLogger({ level: "silent", pretty: false }),
    library,
    publicUrl: "http://127.0.0.1",
    timeZone: "UTC",
    rateLimit: { burst: 1e9, perSecond: 1e9 },
  });
}
