// The 10,000-talk synthetic catalog the web benchmark serves (bench/synthetic.ts re-mixes
// the real talks), and the requests it sends: every talk page once (so no answer comes from
// the page cache), and searches made of words from the synthetic titles (almost all
// different, so the search page is rendered afresh each time too).
import type { Catalog } from "../../src/core/catalog.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { syntheticCatalog } from "../synthetic.ts";

export const SIZE = 10_000;

export function benchCatalog(size = SIZE): Catalog {
  const real = loadCatalog();
  const talks = syntheticCatalog(real.talks, size);
  return { talks, byId: new Map(talks.map((t) => [t.id, t])), topics: real.topics };
}

/** Seeded, so every run sends the same requests. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
