// npm run bench:search — index build time, heap after indexing, and query latency
// percentiles for the real catalog and synthetic catalogs of 10,000 and 100,000 talks.
// Run with --expose-gc (the npm script does) so heap figures are after a full GC.
import { performance } from "node:perf_hooks";
import { loadCatalog } from "../src/core/catalog.ts";
import { parseCommand, type SearchRequest } from "../src/core/grammar.ts";
import { createSearchEngine } from "../src/core/search/engine.ts";
import type { Talk } from "../src/core/talk.ts";
import { syntheticCatalog } from "./synthetic.ts";

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** A fixed mix: plain words, jargon, filters, typos, and the worst inputs the grammar accepts. */
const QUERIES = [
  "numa",
  "vfio",
  "live migration",
  "post-copy migration",
  "device assignment",
  "memory overcommit ballooning",
  "speaker:arcangeli",
  "year:2012 vfio",
  'event:"kvm forum" migration',
  "topic:numa year:2010-2012",
  "migraton",
  "balon driver",
  "transcendant memmory",
  "kubernetes",
  "sr-iov networking performance",
  '"live block copy"',
  "xen arm hypervisor",
  "interrupt virtualization apic",
  // Worst accepted inputs: the most terms (12), up to 200 characters, every word a typo.
  "transcendant memmory pasthrough virtualizaton schedulling netwrking perfomance intrrupts paravirtualisaton consolidaton hypervisr migratoin",
  "numa vfio xen kvm qemu virtio migration memory storage network interrupt performance",
  "qwertyuiopasdf asdfghjklzxcvb zxcvbnmqwerty poiuytrewqlkj lkjhgfdsapoiu mnbvcxzlkjhg plokijuhygtf tgbyhnujmikol edcrfvtgbyhn wsxedcrfvtgb qazwsxedcrfv rfvtgbyhnujm",
];

function requests(): SearchRequest[] {
  return QUERIES.map((q) => {
    const c = parseCommand(q);
    if (c.kind !== "search") throw new Error(`benchmark query is not a search: ${q} (${c.kind})`);
    return c.request;
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

function measure(talks: readonly Talk[], rounds: number) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const engine = createSearchEngine({ talks });
  const buildMs = performance.now() - t0;
  gc();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  const reqs = requests();
  for (const r of reqs) engine.search(r, 30); // warm up
  const times: number[] = [];
  let worst = { ms: 0, query: "" };
  for (let i = 0; i < rounds; i++) {
    reqs.forEach((r, j) => {
      const s = performance.now();
      engine.search(r, 30);
      const ms = performance.now() - s;
      times.push(ms);
      if (ms > worst.ms) worst = { ms, query: QUERIES[j]! };
    });
  }
  times.sort((a, b) => a - b);
  return {
    talks: talks.length,
    build_ms: round(buildMs, 1),
    heap_mb: round(heapMb, 1),
    index_heap_mb: round((process.memoryUsage().heapUsed - before) / 2 ** 20, 1),
    p50_ms: round(percentile(times, 50)),
    p95_ms: round(percentile(times, 95)),
    p99_ms: round(percentile(times, 99)),
    max_ms: round(times[times.length - 1]!),
    worst_query: worst.query.slice(0, 40),
  };
}

const real = loadCatalog().talks;
// Synthetic catalogs are made one at a time, so each heap figure holds one catalog.
const sizes = [
  { size: real.length, rounds: 200, make: () => real },
  { size: 10_000, rounds: 30, make: () => syntheticCatalog(real, 10_000) },
  { size: 100_000, rounds: 10, make: () => syntheticCatalog(real, 100_000) },
];
const results = [];
console.log("talks     build_ms  heap_mb  p50_ms  p95_ms  p99_ms  max_ms  (slowest query)");
for (const s of sizes) {
  const r = measure(s.make(), s.rounds);
  results.push(r);
  console.log(
    `${String(r.talks).padEnd(9)} ${String(r.build_ms).padStart(8)} ${String(r.heap_mb).padStart(8)} ${String(r.p50_ms).padStart(7)} ${String(r.p95_ms).padStart(7)} ${String(r.p99_ms).padStart(7)} ${String(r.max_ms).padStart(7)}  ${r.worst_query}`,
  );
}
console.log(
  JSON.stringify({
    sizes: results.map(({ talks, build_ms, heap_mb, p50_ms, p95_ms, p99_ms }) => ({
      talks,
      build_ms,
      heap_mb,
      p50_ms,
      p95_ms,
      p99_ms,
    })),
  }),
);
