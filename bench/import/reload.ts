// npx tsx bench/import/reload.ts — answers during a catalog reload (issue 18: "during a
// reload of a 10,000-talk catalog under a steady load of queries, p99 answer time ≤ 2×
// its value without the reload, and no answer lost"). A library of ~10,000 imported talks
// answers a steady load of searches (one arrives every 5 ms whatever happens, each timed
// from its arrival, so a blocked event loop delays every search that arrives meanwhile:
// bench/shared/search-load.ts), three rounds each of:
//   idle         no reload;
//   in slices    reloadInSlices after a new 900-talk file was imported (the reload that
//                SIGHUP, POST /admin/reload, a source's sync and a replica all use: files
//                read one per event-loop turn, the index built in slices of a few ms);
//   index only   the index of the catalog in use rebuilt in slices and swapped in
//                (library.replaceInSlices): the reload without reading the files, to tell
//                the index build's share from the loader's;
//   load only    loadCatalogInSlices alone, the newest file read anew (its mtime
//                touched) and the others from the loader's cache: the loader's share;
//   sync         the synchronous reload of the same change (start-up's way, for scale).
// Prints p50/p99/max per phase (medians of three rounds), how long each reload took,
// searches issued and answered (a lost one is issued but never answered with talks), and
// p99(in slices) / p99(idle), the issue's target being ≤ 2. Last, the core build alone,
// synchronous and in slices, with the longest event-loop block of the sliced one (by the
// clock, and in the process's CPU time, which other processes on a shared machine do not
// inflate), and the same for the loader alone.
// It runs itself again under npm start's node flags (bench/shared/production-node.ts);
// BENCH_NODE_ARGS="--trace-gc" adds more. On a machine busy with other work the p99s
// measure the scheduler more than the reload (idle p99 from 4 to 70 ms on 2 CPUs at load
// 10): bench/import/reload-gc.ts counts what the build costs the collector instead.
// Why 5 ms: at 500 searches a second (the shared default) this busy 2-CPU machine runs
// out of CPU for the searches alone whenever others load it, and the figures then measure
// the backlog, not the reload; 200 a second still puts a search in every 5 ms of a stall.
import { readdirSync, statSync, utimesSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createCatalogReloader } from "../../src/app/reload.ts";
import { createCore, createCoreInSlices } from "../../src/core/answer.ts";
import { loadCatalog, loadCatalogInSlices } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import { blocksDuring } from "../shared/loop-blocks.ts";
import { reExecWithProductionFlags } from "../shared/production-node.ts";
import { answersDuring, type Load } from "../shared/search-load.ts";
import { median, percentile } from "../shared/stats.ts";
import { generatedCatalog } from "./generated-catalog.ts";

// Under npm start's heap flags, as users run it (the scavenges they get, not tsx's).
reExecWithProductionFlags(import.meta.filename);

const EVERY_MS = 5;
const log = (line = "") => process.stdout.write(`${line}\n`);
const silent = {
  child: () => silent,
  info() {},
  warn() {},
  error() {},
  debug() {},
} as unknown as Parameters<typeof createCatalogReloader>[0]["logger"];

const { folder, importEvents, remove } = generatedCatalog("reload");

/** A new mtime for the newest catalog file: the loader's next load reads it anew. */
function touchNewest(): void {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .map((name) => join(folder, name));
  const newest = files.reduce((a, b) => (statSync(a).mtimeMs >= statSync(b).mtimeMs ? a : b));
  const when = new Date();
  utimesSync(newest, when, when);
}

try {
  for (let i = 0; i < 10; i++) await importEvents(1000, 2010 + i, 300 + i);
  const library = createLibrary({ catalog: loadCatalog(undefined, [folder]), timeZone: "UTC" });
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(" ");
  log(`${library.current().catalog.talks.length} talks; load average ${load()}`);
  const reloader = createCatalogReloader({
    load: () => loadCatalog(undefined, [folder]),
    loadInSlices: () => loadCatalogInSlices(undefined, [folder]),
    library,
    metrics: { setCatalogTalks() {} },
    logger: silent,
  });
  type Row = {
    p50: number[];
    p99: number[];
    max: number[];
    reloadMs: number[];
    issued: number;
    answered: number;
  };
  const row = (): Row => ({ p50: [], p99: [], max: [], reloadMs: [], issued: 0, answered: 0 });
  const rows: Record<string, Row> = {
    idle: row(),
    "in slices": row(),
    "index only": row(),
    "load only": row(),
    sync: row(),
  };
  const sleep = (ms: number) => () => new Promise((r) => setTimeout(r, ms));
  const record = (name: string, load: Load, ms: number) => {
    const r = rows[name]!;
    r.p50.push(percentile(load.times, 50)!);
    r.p99.push(percentile(load.times, 99)!);
    r.max.push(load.times.at(-1)!);
    r.reloadMs.push(ms);
    r.issued += load.issued;
    r.answered += load.answered;
  };
  for (let round = 0; round < 3; round++) {
    record("idle", await answersDuring(library, sleep(1500), EVERY_MS), 0);
    for (const name of ["in slices", "sync"] as const) {
      await importEvents(900, 2030 + round * 2 + (name === "sync" ? 1 : 0), 7 + round);
      const talksBefore = library.current().catalog.talks.length;
      let ms = 0;
      const load = await answersDuring(
        library,
        async () => {
          await sleep(200)();
          const t = performance.now();
          if (name === "sync") reloader.reload("SIGHUP");
          else await reloader.reloadInSlices("SIGHUP");
          ms = performance.now() - t;
          await sleep(200)();
        },
        EVERY_MS,
      );
      if (library.current().catalog.talks.length !== talksBefore + 900)
        throw new Error(`${name}: the reload did not put the new talks in use`);
      record(name, load, ms);
      if (name === "sync") continue;
      let indexMs = 0;
      const indexLoad = await answersDuring(
        library,
        async () => {
          await sleep(200)();
          const t = performance.now();
          await library.replaceInSlices(library.current().catalog);
          indexMs = performance.now() - t;
          await sleep(200)();
        },
        EVERY_MS,
      );
      record("index only", indexLoad, indexMs);
      touchNewest();
      let loadMs = 0;
      const loaderLoad = await answersDuring(
        library,
        async () => {
          await sleep(200)();
          const t = performance.now();
          await loadCatalogInSlices(undefined, [folder]);
          loadMs = performance.now() - t;
          await sleep(200)();
        },
        EVERY_MS,
      );
      record("load only", loaderLoad, loadMs);
    }
  }
  const each = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(", ");
  for (const [name, r] of Object.entries(rows))
    log(
      `${name.padEnd(11)} p50 ${median(r.p50)!.toFixed(2)} ms, p99 ${median(r.p99)!.toFixed(2)} ms, max ${median(r.max)!.toFixed(0)} ms${name === "idle" ? "" : `, reload ${median(r.reloadMs)!.toFixed(0)} ms`}; ${r.answered}/${r.issued} answered (p99 per round: ${each(r.p99)})`,
    );
  const ratio = median(rows["in slices"]!.p99)! / median(rows.idle!.p99)!;
  const lost = Object.values(rows).reduce((n, r) => n + r.issued - r.answered, 0);
  log(
    `p99 in slices / p99 idle = ${ratio.toFixed(2)} (target ≤ 2); answers lost: ${lost}; load average ${load()}`,
  );

  const catalog = library.current().catalog;
  const built = {
    sync: [] as number[],
    sliced: [] as number[],
    block: [] as number[],
    cpu: [] as number[],
  };
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    createCore({ catalog, timeZone: "UTC" });
    built.sync.push(performance.now() - t);
    t = performance.now();
    const { blocks: block } = await blocksDuring(() =>
      createCoreInSlices({ catalog, timeZone: "UTC" }),
    );
    built.block.push(block.wall);
    built.cpu.push(block.cpu);
    built.sliced.push(performance.now() - t);
  }
  const loader = {
    sync: [] as number[],
    sliced: [] as number[],
    block: [] as number[],
    cpu: [] as number[],
  };
  for (let round = 0; round < 3; round++) {
    touchNewest();
    let t = performance.now();
    loadCatalog(undefined, [folder]);
    loader.sync.push(performance.now() - t);
    touchNewest();
    t = performance.now();
    const { blocks: block } = await blocksDuring(() => loadCatalogInSlices(undefined, [folder]));
    loader.block.push(block.wall);
    loader.cpu.push(block.cpu);
    loader.sliced.push(performance.now() - t);
  }
  log(
    `(the loader alone, the newest file read anew: synchronous ${median(loader.sync)!.toFixed(0)} ms; in slices ${median(loader.sliced)!.toFixed(0)} ms, longest event-loop block ${median(loader.block)!.toFixed(1)} ms, ${median(loader.cpu)!.toFixed(1)} ms of CPU)`,
  );
  log(
    `(the search core alone at ${catalog.talks.length} talks: synchronous ${median(built.sync)!.toFixed(0)} ms; in slices ${median(built.sliced)!.toFixed(0)} ms, longest event-loop block ${median(built.block)!.toFixed(1)} ms, ${median(built.cpu)!.toFixed(1)} ms of CPU)`,
  );
} finally {
  remove();
}
