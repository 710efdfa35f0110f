// npm run bench:sources — schedule sources on a ~10,000-talk catalog (issue #20), through
// the bot's own wiring (startSources: syncer, importer, reloader, state store on disk):
// 20 frab XML sources of 500 made-up events each, served by 20 local schedule servers on
// 127.0.0.1 with ETags, imported by the first round. Then three rounds of each:
//   unchanged  all 20 sources answer 304: CPU and wall time of one sync round. The CPU is
//              the whole process's, the 20 servers answering included: an upper bound.
//   changed    one source now lists 900 events (400 new, 500 rewritten): time from the
//              fetch to the new catalog serving, while a search is due every 2 ms (each
//              timed from when it was due, so a blocked event loop counts).
//   alerts     a probe source joins, every source refreshes every 3 s, and a watched talk
//              appears at a random moment: time until the alert reaches the Slack fake
//              and the homeserver fake (bench/sources/alert-latency.ts), five rounds.
// Prints medians of the rounds, and each round's figure.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createCatalogReloader } from "../../src/app/reload.ts";
import { startSources } from "../../src/app/sources.ts";
import { loadConfig } from "../../src/config.ts";
import { loadCatalog, loadCatalogInSlices } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import { createLogger } from "../../src/log.ts";
import { openStateStore } from "../../src/persist/open-store.ts";
import { generateSchedule } from "../import/import-schedule.ts";
import { type ScheduleServer, startScheduleServer } from "../shared/fakes/schedule-server.ts";
import { searchesDuring } from "../shared/search-load.ts";
import { median, percentile } from "../shared/stats.ts";
import { measureAlertLatency, probeSchedule, REFRESH_MS } from "./alert-latency.ts";

const SOURCES = 20;
const EVENTS = 500;
const CHANGED_EVENTS = 900;
const ROUNDS = 3;
const LATENCY_ROUNDS = 5;
const log = (line = "") => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const work = mkdtempSync(join(tmpdir(), "virt-talks-bench-sources-"));
const folder = join(work, "catalog");
const servers: ScheduleServer[] = [];
const logger = createLogger({ level: "warn", pretty: false });
const config = loadConfig(
  {
    CATALOG_DIRS: folder,
    STATE_DIR: join(work, "state"),
    SOURCES_FILE: join(work, "sources.json"),
  },
  false,
);

const opened = await openStateStore({ stateDir: config.stateDir, database: null, logger });
try {
  for (let i = 0; i < SOURCES; i++) {
    const server = await startScheduleServer();
    server.serve({ body: generateSchedule(EVENTS, 2000 + i, 100 + i), etag: `"v1-${i}"` });
    servers.push(server);
  }
  writeFileSync(
    config.sourcesFile,
    JSON.stringify({ sources: servers.map((s) => ({ url: s.url })) }),
  );
  const library = createLibrary({ catalog: loadCatalog(undefined, [folder]), timeZone: "UTC" });
  const reloader = createCatalogReloader({
    load: () => loadCatalog(undefined, [folder]),
    loadInSlices: () => loadCatalogInSlices(undefined, [folder]),
    library,
    metrics: { setCatalogTalks() {} },
    logger,
  });
  const started = performance.now();
  const syncer = await startSources(config, { state: opened.store, library, reloader, logger });
  if (!syncer) throw new Error("no sources file");
  // The first round (started by the syncer's timer) imports all 20 sources.
  while (syncer.status().length < SOURCES || syncer.status().some((s) => s.state !== "ok"))
    await sleep(50);
  while (library.current().catalog.talks.length < SOURCES * EVENTS) await sleep(50);
  log(
    `${SOURCES} sources, ${library.current().catalog.talks.length} talks (first import ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );

  const unchanged = { cpuMs: [] as number[], wallMs: [] as number[] };
  const changed = {
    ms: [] as number[],
    p50: [] as number[],
    p99: [] as number[],
    max: [] as number[],
  };
  for (let round = 0; round < ROUNDS; round++) {
    const before = servers.reduce((n, s) => n + s.requests.length, 0);
    const cpu = process.cpuUsage();
    const t = performance.now();
    const results = await syncer.syncNow();
    unchanged.wallMs.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    unchanged.cpuMs.push((used.user + used.system) / 1000);
    if (results.some((r) => r.result.kind !== "unchanged"))
      throw new Error("an unchanged round changed something");
    if (servers.reduce((n, s) => n + s.requests.length, 0) - before !== SOURCES)
      throw new Error("not one request per source");

    const server = servers[round]!;
    server.serve({
      body: generateSchedule(CHANGED_EVENTS, 2000 + round, 900 + round),
      etag: `"v2-${round}"`,
    });
    const catalogBefore = library.current().catalog;
    let ms = 0;
    const times = await searchesDuring(library, async () => {
      await sleep(200);
      const s = performance.now();
      const [one] = await syncer.syncNow(round);
      ms = performance.now() - s;
      if (one?.result.kind !== "changed") throw new Error(`source ${round} did not change`);
      if (library.current().catalog === catalogBefore)
        throw new Error("the catalog was not swapped");
      await sleep(200);
    });
    changed.ms.push(ms);
    changed.p50.push(percentile(times, 50)!);
    changed.p99.push(percentile(times, 99)!);
    changed.max.push(times.at(-1)!);
  }
  const each = (xs: number[], digits = 0) => xs.map((x) => x.toFixed(digits)).join(", ");
  log(
    `unchanged round (${SOURCES} × 304): CPU ${median(unchanged.cpuMs)!.toFixed(0)} ms (target ≤ 200), wall ${median(unchanged.wallMs)!.toFixed(0)} ms; per round CPU ${each(unchanged.cpuMs)}`,
  );
  log(
    `changed ${CHANGED_EVENTS}-event source: fetch → new catalog serving ${median(changed.ms)!.toFixed(0)} ms (target ≤ 2000); per round ${each(changed.ms)}`,
  );
  log(
    `searches meanwhile: p50 ${median(changed.p50)!.toFixed(2)} ms, p99 ${median(changed.p99)!.toFixed(1)} ms, max ${median(changed.max)!.toFixed(0)} ms (p99 per round: ${each(changed.p99, 1)})`,
  );
  await syncer.stop();

  const probe = await startScheduleServer();
  servers.push(probe);
  probe.serve({ body: probeSchedule(0), etag: '"probe-0"' });
  writeFileSync(
    config.sourcesFile,
    JSON.stringify({ sources: servers.map((s) => ({ url: s.url })) }),
  );
  const latency = await measureAlertLatency({
    config,
    state: opened.store,
    library,
    reloader,
    logger,
    probe,
    rounds: LATENCY_ROUNDS,
  });
  const target = REFRESH_MS + 1_000;
  for (const [name, ms] of [
    ["Slack", latency.slackMs],
    ["Matrix", latency.matrixMs],
  ] as const)
    log(
      `alert latency, ${name} (refresh every ${REFRESH_MS / 1000} s, ${servers.length} sources): median ${median(ms)!.toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms (target ≤ ${target} ms: interval + 1 s); per round ${each(ms)}`,
    );
  log(
    `  of which change → fetch (the refresh wait, ≤ ${REFRESH_MS} ms): median ${median(latency.waitMs)!.toFixed(0)} ms, max ${Math.max(...latency.waitMs).toFixed(0)} ms; fetch → Slack alert: median ${median(latency.slackMs.map((ms, i) => ms - latency.waitMs[i]!))!.toFixed(0)} ms`,
  );
  log(
    `${library.current().catalog.talks.length} talks at the end; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
} finally {
  await Promise.all(servers.map((s) => s.close()));
  await opened.close();
  rmSync(work, { recursive: true, force: true });
}
