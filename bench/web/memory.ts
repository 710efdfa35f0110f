// `npm run bench:web -- --memory [--sizes=10000,100000]`: what the talk pages prepared ahead
// cost (src/web/talk-page-store.ts), for a synthetic catalog of the size given (one size per
// process, run with --expose-gc). The process's memory after a full GC with the core and
// the pages' lists built, then again once the web server has prepared its talk pages (as at
// start-up and after every reload): the difference, per page; how many pages fit the bound;
// how long preparing them took (wall and CPU), the longest the event loop went without a
// turn meanwhile (preparing runs in slices of ~2 ms; on a loaded machine a gap also holds
// the time the process waited for a core) and the garbage collections meanwhile.
import { loadavg } from "node:os";
import { PerformanceObserver, performance } from "node:perf_hooks";
import { createLibrary } from "../../src/core/library.ts";
import { catalogIndex } from "../../src/web/catalog-index.ts";
import { TALK_PAGE_BYTES } from "../../src/web/talk-page-store.ts";
import { benchCatalog, startOursOver } from "./catalog.ts";

const MB = 1 << 20;

function settled(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc (npm run bench:web -- --memory)");
  gc();
  gc();
  return process.memoryUsage();
}

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? "10000");
  const catalog = benchCatalog(size);
  const library = createLibrary({ catalog, timeZone: "UTC" });
  catalogIndex(catalog);
  const before = settled();
  // Every stretch between two event-loop turns while the pages are prepared.
  let longest = 0;
  let last = performance.now();
  let probing = true;
  const tick = () => {
    if (!probing) return;
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    setImmediate(tick);
  };
  setImmediate(tick);
  // Every garbage collection meanwhile: [kind, ms] (kind 1: young, 2/4: old).
  const gcs: [number, number][] = [];
  const watchGc = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      gcs.push([(e as unknown as { detail: { kind: number } }).detail.kind, e.duration]);
  });
  watchGc.observe({ entryTypes: ["gc"] });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const server = await startOursOver(library);
  const pages = await server.talkPagesPrepared();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  probing = false;
  longest = Math.max(longest, performance.now() - last);
  // Entries come after the collection, in a later turn.
  await new Promise((resolve) => setImmediate(resolve));
  watchGc.disconnect();
  const young = gcs.filter(([kind]) => kind === 1).map(([, ms]) => ms);
  const old = gcs.filter(([kind]) => kind !== 1).map(([, ms]) => ms);
  const after = settled();
  const delta = (k: keyof NodeJS.MemoryUsage) => (after[k] - before[k]) / MB;
  const heapAndExternal = delta("heapUsed") + delta("external");
  console.log(
    `talk pages prepared ahead — ${size} talks, bound ${TALK_PAGE_BYTES / MB} MB, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log("| | |\n|---|---|");
  console.log(`| pages prepared | ${pages} of ${size} |`);
  console.log(
    `| memory: heap + external (of which Buffers) | ${heapAndExternal.toFixed(1)} MB (${delta("arrayBuffers").toFixed(1)} MB) |`,
  );
  console.log(`| per page | ${((heapAndExternal * MB) / pages / 1024).toFixed(2)} kB |`);
  console.log(`| RSS | ${(before.rss / MB).toFixed(0)} → ${(after.rss / MB).toFixed(0)} MB |`);
  console.log(
    `| preparing: wall, CPU | ${wallMs.toFixed(0)} ms, ${((used.user + used.system) / 1000).toFixed(0)} ms |`,
  );
  console.log(`| longest without an event-loop turn meanwhile | ${longest.toFixed(1)} ms |`);
  const gcRow = (xs: number[]) =>
    `${xs.length}, longest ${Math.max(0, ...xs).toFixed(1)} ms, ${xs.reduce((a, b) => a + b, 0).toFixed(0)} ms in all`;
  console.log(`| young GCs meanwhile | ${gcRow(young)} |`);
  console.log(`| old GCs meanwhile | ${gcRow(old)} |`);
  await server.close();
}

await main();
