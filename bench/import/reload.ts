// npx tsx bench/import/reload.ts — answers during a catalog reload (issue 18): a library
// of ~10,000 imported talks answers a steady stream of searches (one every 2 ms, or as
// fast as they run; each timed from when it was due, so a blocked event loop counts),
// three rounds each of:
//   idle         no reload;
//   in slices    reloadInSlices after a new 900-talk file was imported (the usual reload);
//   sync         the old synchronous reload of the same change.
// Prints p50/p99/max per phase (medians of three rounds) and how long each reload took:
// the longest wait is the synchronous index build (createCore), in both kinds of reload.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createCatalogReloader } from "../../src/app/reload.ts";
import { loadCatalog, loadCatalogInSlices } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import { runImport } from "../../src/import/import.ts";
import { searchesDuring } from "../shared/search-load.ts";
import { median, percentile } from "../shared/stats.ts";
import { generateSchedule } from "./import-schedule.ts";

const log = (line = "") => process.stdout.write(`${line}\n`);
const silent = {
  child: () => silent,
  info() {},
  warn() {},
  error() {},
  debug() {},
} as unknown as Parameters<typeof createCatalogReloader>[0]["logger"];

const work = mkdtempSync(join(tmpdir(), "virt-talks-bench-reload-"));
const folder = join(work, "catalog");
const request = (file: string) => ({
  sources: [file],
  outDir: folder,
  dryRun: false,
  catalogDirs: [folder],
  now: new Date(),
  timeZone: "UTC",
});

async function importEvents(events: number, year: number, seed: number): Promise<void> {
  const file = join(work, `s-${year}.xml`);
  writeFileSync(file, generateSchedule(events, year, seed));
  await runImport(request(file));
  rmSync(file);
}

try {
  for (let i = 0; i < 10; i++) await importEvents(1000, 2010 + i, 300 + i);
  const library = createLibrary({ catalog: loadCatalog(undefined, [folder]), timeZone: "UTC" });
  log(`${library.current().catalog.talks.length} talks`);
  const reloader = createCatalogReloader({
    load: () => loadCatalog(undefined, [folder]),
    loadInSlices: () => loadCatalogInSlices(undefined, [folder]),
    library,
    metrics: { setCatalogTalks() {} },
    logger: silent,
  });
  type Row = { p50: number[]; p99: number[]; max: number[]; reloadMs: number[] };
  const row = (): Row => ({ p50: [], p99: [], max: [], reloadMs: [] });
  const rows: Record<string, Row> = { idle: row(), "in slices": row(), sync: row() };
  const sleep = (ms: number) => () => new Promise((r) => setTimeout(r, ms));
  for (let round = 0; round < 3; round++) {
    const record = (name: string, times: number[], ms: number) => {
      rows[name]!.p50.push(percentile(times, 50)!);
      rows[name]!.p99.push(percentile(times, 99)!);
      rows[name]!.max.push(times.at(-1)!);
      rows[name]!.reloadMs.push(ms);
    };
    record("idle", await searchesDuring(library, sleep(1500)), 0);
    for (const name of ["in slices", "sync"] as const) {
      await importEvents(900, 2030 + round * 2 + (name === "sync" ? 1 : 0), 7 + round);
      let ms = 0;
      const times = await searchesDuring(library, async () => {
        await sleep(200)();
        const t = performance.now();
        if (name === "sync") reloader.reload("SIGHUP");
        else await reloader.reloadInSlices("SIGHUP");
        ms = performance.now() - t;
        await sleep(200)();
      });
      record(name, times, ms);
    }
  }
  for (const [name, r] of Object.entries(rows))
    log(
      `${name.padEnd(10)} p50 ${median(r.p50)!.toFixed(2)} ms, p99 ${median(r.p99)!.toFixed(2)} ms, max ${median(r.max)!.toFixed(0)} ms${name === "idle" ? "" : `, reload ${median(r.reloadMs)!.toFixed(0)} ms`} (p99 per round: ${r.p99.map((v) => v.toFixed(1)).join(", ")})`,
    );
  const t = performance.now();
  createLibrary({ catalog: library.current().catalog, timeZone: "UTC" });
  log(`(building the search core alone, synchronous: ${(performance.now() - t).toFixed(0)} ms)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
