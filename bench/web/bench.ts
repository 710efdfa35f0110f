// npm run bench:web — the public pages at 10,000 talks, side by side with a bare node:http
// server returning a fixed page of the same size:
// - talk pages at 10 concurrent clients (each talk once), p50/p99 ours and bare, and their
//   ratio (target: ours p99 ≤ 2× bare p99). The two servers take turns within a round, in
//   chunks ordered bare, ours, ours, bare, … so both meet the same load from other processes
//   (on 2 shared cores it changes within seconds); each round's ratio and their median;
// - search pages at 10 concurrent clients, queries of title words (almost all different),
//   p50/p99 (target p99 ≤ 20 ms);
// - time to first byte of a talk page with the server in this process, one request at a
//   time (target p50 ≤ 5 ms).
// - the servers' CPU per request (user + system, from each server process's own count), ours
//   and bare: on 2 shared cores with a closed loop, the p99 ratio follows this ratio.
// Servers run in processes of their own (bench/web/serve.ts; ours once its talk pages are
// prepared); three rounds, medians. BENCH_OURS_DIR=/checkout runs that checkout's server as
// ours (bench/web/load.ts).
// `-- --page-cpu`: only the in-process CPU of a talk and a search page, by stage
// (bench/web/page-cpu.ts). `-- --reload`: the event loop while the pages' lists are built
// after a reload (bench/web/reload.ts; CATALOG_DIRS picks the catalog). `-- --memory
// [--sizes=10000,100000]`: what the talk pages prepared ahead cost (bench/web/memory.ts).
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { Core } from "../../src/core/answer.ts";
import { createLibrary } from "../../src/core/library.ts";
import { STYLE_PATH } from "../../src/render/web/style.ts";
import { respond } from "../../src/web/pages.ts";
import { benchCatalog, SIZE, searchPaths, startOurs, talkPaths } from "./catalog.ts";
import {
  latencies,
  NODE_FLAGS,
  OURS_DIR,
  type Server,
  type Stats,
  spawnServer,
  statsOf,
  ttfb,
} from "./load.ts";

const ROUNDS = 3;
const CLIENTS = 10;
const TALKS_PER_ROUND = 3_000;
/** Turns each server takes in a round (TALKS_PER_ROUND / CHUNKS requests each). */
const CHUNKS = 6;
const SEARCHES_PER_ROUND = 1_000;
const WARMUP = 300;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round2 = (x: number) => Math.round(x * 100) / 100;

type Measured = Stats & { cpuUs: number };

/** `stats` of a load on `server`, with the server's CPU µs per request. */
async function measured(
  server: Server,
  paths: readonly string[],
  clients: number,
): Promise<Measured> {
  const before = await server.cpu();
  const stats = statsOf(await latencies(server.port, paths, clients));
  return { ...stats, cpuUs: ((await server.cpu()) - before) / paths.length };
}

/** `paths` on both servers, taking turns in CHUNKS chunks: a b, b a, a b, … */
async function sideBySide(
  servers: readonly [Server, Server],
  paths: readonly string[],
  clients: number,
): Promise<[Measured, Measured]> {
  const times: [number[], number[]] = [[], []];
  const cpu = [0, 0];
  const size = Math.ceil(paths.length / CHUNKS);
  for (let c = 0; c < CHUNKS; c++) {
    const chunk = paths.slice(c * size, (c + 1) * size);
    for (const k of c % 2 === 0 ? [0, 1] : [1, 0]) {
      const server = servers[k]!;
      const before = await server.cpu();
      times[k]!.push(...(await latencies(server.port, chunk, clients)));
      cpu[k]! += (await server.cpu()) - before;
    }
  }
  const of = (k: 0 | 1) => ({ ...statsOf(times[k]), cpuUs: cpu[k]! / paths.length });
  return [of(0), of(1)];
}

/** The page alone: respond() in this process, no HTTP (what a request costs our code). */
function renderTimes(core: Core, paths: readonly string[]): Stats {
  const ctx = {
    core,
    publicUrl: "http://127.0.0.1",
    site: { base: "", style: STYLE_PATH },
    today: "2026-12-05",
  };
  const times: number[] = [];
  for (const path of paths) {
    const url = new URL(path, "http://127.0.0.1");
    const started = performance.now();
    respond(ctx, url.pathname, url.searchParams);
    times.push(performance.now() - started);
  }
  return statsOf(times);
}

async function main(): Promise<void> {
  const catalog = benchCatalog();
  console.log(
    `bench:web — ${SIZE} talks, ${CLIENTS} clients, ${ROUNDS} rounds, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  if (OURS_DIR !== process.cwd()) console.log(`ours: the server in ${OURS_DIR} (BENCH_OURS_DIR)`);
  const ours = await spawnServer("ours");
  const bare = await spawnServer("bare");
  const rounds: {
    talk: Measured;
    bare: Measured;
    p99Ratio: number;
    cpuRatio: number;
    search: Measured;
    ttfb: Stats;
    renderTalk: Stats;
    renderSearch: Stats;
  }[] = [];
  try {
    await latencies(ours.port, talkPaths(catalog, SIZE - WARMUP, WARMUP), CLIENTS);
    await latencies(ours.port, searchPaths(catalog, WARMUP, 999), CLIENTS);
    await latencies(bare.port, talkPaths(catalog, 0, WARMUP), CLIENTS);
    // In this process: the TTFB server, warmed on its own slice.
    const local = await startOurs(catalog);
    await local.talkPagesPrepared();
    const core = createLibrary({ catalog, timeZone: "UTC" }).current();
    await ttfb(talkPaths(catalog, SIZE - WARMUP, WARMUP), local.address.port);
    for (let r = 0; r < ROUNDS; r++) {
      const slice = talkPaths(catalog, r * TALKS_PER_ROUND, TALKS_PER_ROUND);
      const [bareRound, talk] = await sideBySide([bare, ours], slice, CLIENTS);
      const round = {
        bare: bareRound,
        talk,
        p99Ratio: talk.p99 / bareRound.p99,
        cpuRatio: talk.cpuUs / bareRound.cpuUs,
        search: await measured(ours, searchPaths(catalog, SEARCHES_PER_ROUND, r + 1), CLIENTS),
        ttfb: await ttfb(slice.slice(0, 1_000), local.address.port),
        renderTalk: renderTimes(core, slice),
        renderSearch: renderTimes(core, searchPaths(catalog, SEARCHES_PER_ROUND, r + 11)),
      };
      rounds.push(round);
      console.log(
        `round ${r + 1}: ${JSON.stringify(round, (_k, v) => (typeof v === "number" ? round2(v) : v))}`,
      );
    }
    await local.close();
  } finally {
    ours.stop();
    bare.stop();
  }
  const m = (f: (r: (typeof rounds)[number]) => number) => round2(median(rounds.map(f)));
  const table = [
    [
      "talk page, 10 clients",
      m((r) => r.talk.p50),
      m((r) => r.talk.p99),
      m((r) => r.bare.p50),
      m((r) => r.bare.p99),
      round2(m((r) => r.talk.p99) / m((r) => r.bare.p99)),
    ],
    ["talk page p99 ours/bare, median of the rounds' ratios", "", "", "", "", m((r) => r.p99Ratio)],
    [
      "server CPU per talk page (µs)",
      m((r) => r.talk.cpuUs),
      "",
      m((r) => r.bare.cpuUs),
      "",
      `${m((r) => r.cpuRatio)} (CPU, median of the rounds' ratios)`,
    ],
    ["search page, 10 clients", m((r) => r.search.p50), m((r) => r.search.p99), "", "", ""],
    ["server CPU per search page (µs)", m((r) => r.search.cpuUs), "", "", "", ""],
    [
      "talk page TTFB, in-process, 1 client",
      m((r) => r.ttfb.p50),
      m((r) => r.ttfb.p99),
      "",
      "",
      "",
    ],
  ];
  console.log("\nmedians of the rounds (ms)\n");
  console.log(
    "| | ours p50 | ours p99 | bare p50 | bare p99 | p99 ours/bare |\n|---|---|---|---|---|---|",
  );
  for (const row of table) console.log(`| ${row.join(" | ")} |`);
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log("targets: talk p99 ≤ 2× bare p99; search p99 ≤ 20 ms; talk TTFB p50 ≤ 5 ms");
}

/** Runs `script` (with `args`) in a process of its own with npm start's heap flags. */
async function run(script: string, args: readonly string[] = [], flags: readonly string[] = []) {
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, ...flags, "--import", "tsx", script, ...args],
    {
      stdio: "inherit",
    },
  );
  await new Promise((resolve) => child.once("exit", resolve));
}

const sizes = process.argv.find((a) => a.startsWith("--sizes="))?.slice("--sizes=".length);
if (process.argv.includes("--page-cpu")) await run("bench/web/page-cpu.ts");
else if (process.argv.includes("--reload")) await run("bench/web/reload.ts");
else if (process.argv.includes("--memory"))
  // Each size in a process of its own, so one's garbage is not in the next one's figures.
  for (const size of (sizes ?? String(SIZE)).split(","))
    await run("bench/web/memory.ts", [size], ["--expose-gc"]);
else await main();
