// npx tsx bench/import/reload-gc.ts — what a reload's sliced index build costs the garbage
// collector, in figures a busy machine does not blur. bench/import/reload.ts times answers,
// and on a shared 2-CPU machine under other load its idle p99 alone wanders from 4 to 70 ms
// (the scheduler, and V8's helper threads starved while the main thread waits for them in
// a full collection): a change that removes stalls can come out either way. Here, over a
// catalog like reload.ts's (~15,500 generated talks), per sliced core build
// (createCoreInSlices), medians of ROUNDS (default 5):
//   collections   young-generation and full (mark-compact) collections during the build;
//   allocated     JS heap the build allocates (V8's sampling heap profiler, collected
//                 objects included), its main source of young-generation collections;
//   blocks        event-loop blocks over 5 ms of process CPU (helper threads included),
//                 and the longest by the clock.
// Counts, not times: they stay put whatever else runs. Runs under npm start's node flags.
import type { HeapProfiler } from "node:inspector";
import { Session } from "node:inspector/promises";
import { PerformanceObserver } from "node:perf_hooks";
import { createCoreInSlices } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { blocksDuring } from "../shared/loop-blocks.ts";
import { reExecWithProductionFlags } from "../shared/production-node.ts";
import { median } from "../shared/stats.ts";
import { generatedCatalog } from "./generated-catalog.ts";

reExecWithProductionFlags(import.meta.filename);

const ROUNDS = Number(process.env.ROUNDS) || 5;
const { folder, importEvents, remove } = generatedCatalog("reload-gc");

/** GC kinds as perf_hooks reports them (V8's GCType). */
const SCAVENGE = 1;
const MARK_COMPACT = 4;
const collections: number[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    collections.push((e as unknown as { detail: { kind: number } }).detail.kind);
}).observe({ entryTypes: ["gc"] });
const settle = () => new Promise((r) => setTimeout(r, 20));

try {
  // reload.ts's catalog after its six reloads: 10 × 1,000 events, then 6 × 900.
  for (let i = 0; i < 10; i++) await importEvents(1000, 2010 + i, 300 + i);
  for (let i = 0; i < 6; i++) await importEvents(900, 2030 + i, 7 + (i >> 1));
  const catalog = loadCatalog(undefined, [folder]);
  let core = await createCoreInSlices({ catalog, timeZone: "UTC" }); // warm-up
  const rows = { scavenges: [] as number[], fulls: [] as number[], blocks: [] as number[] };
  const longest: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await settle();
    collections.length = 0;
    const { value, blocks } = await blocksDuring(() =>
      createCoreInSlices({ catalog, timeZone: "UTC" }),
    );
    core = value;
    await settle();
    rows.scavenges.push(collections.filter((k) => k === SCAVENGE).length);
    rows.fulls.push(collections.filter((k) => k === MARK_COMPACT).length);
    rows.blocks.push(blocks.over);
    longest.push(blocks.wall);
  }
  // Allocation: one more build under the sampling heap profiler (it slows the build).
  const session = new Session();
  session.connect();
  await session.post("HeapProfiler.enable");
  // Collected objects included (newer V8 options, missing from @types/node).
  const sampling = {
    samplingInterval: 4096,
    includeObjectsCollectedByMinorGC: true,
    includeObjectsCollectedByMajorGC: true,
  } as HeapProfiler.StartSamplingParameterType;
  await session.post("HeapProfiler.startSampling", sampling);
  core = await createCoreInSlices({ catalog, timeZone: "UTC" });
  const { profile } = await session.post("HeapProfiler.stopSampling");
  type Node = { selfSize: number; children: Node[] };
  const total = (n: Node): number => n.children.reduce((s, c) => s + total(c), n.selfSize);
  const allocated = total(profile.head as unknown as Node) / 1e6;
  const m = (xs: number[]) => median(xs)!.toFixed(0);
  process.stdout.write(
    `${core.engine.index.talks.length} talks, per sliced core build (medians of ${ROUNDS}): ` +
      `${m(rows.scavenges)} young-generation and ${m(rows.fulls)} full collections; ` +
      `${allocated.toFixed(0)} MB of JS heap allocated; ${m(rows.blocks)} event-loop blocks over 5 ms of CPU, ` +
      `the longest ${m(longest)} ms by the clock\n`,
  );
} finally {
  remove();
}
