// npm run bench:web — the public pages at 10,000 talks, side by side with a bare node:http
// server returning a fixed page of the same size:
// - talk pages at 10 concurrent clients (each talk once: no answer from the page cache),
//   p50/p99 ours and bare, and their ratio (target: ours p99 ≤ 2× bare p99);
// - search pages at 10 concurrent clients, queries of title words (almost all different),
//   p50/p99 (target p99 ≤ 20 ms);
// - time to first byte of a talk page with the server in this process, one request at a
//   time (target p50 ≤ 5 ms).
// - the servers' CPU per request (user + system, from each server process's own count), ours
//   and bare: on 2 shared cores with a closed loop, the p99 ratio follows this ratio.
// Servers run in processes of their own (bench/web/serve.ts); three rounds, medians.
// `-- --page-cpu`: only the in-process CPU of a talk and a search page, by stage
// (bench/web/page-cpu.ts). `-- --reload`: the event loop while the pages' lists are built
// after a reload (bench/web/reload.ts; CATALOG_DIRS picks the catalog).
import { spawn } from "node:child_process";
import { Agent, get } from "node:http";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import type { Core } from "../../src/core/answer.ts";
import { createLibrary } from "../../src/core/library.ts";
import { STYLE_PATH } from "../../src/render/web/style.ts";
import { respond } from "../../src/web/pages.ts";
import { benchCatalog, SIZE, searchPaths, startOurs, talkPaths } from "./catalog.ts";

/** What `npm start` runs node with (package.json), so the servers have the same heaps. */
const NODE_FLAGS = ["--max-semi-space-size=4"];
const ROUNDS = 3;
const CLIENTS = 10;
const TALKS_PER_ROUND = 3_000;
const SEARCHES_PER_ROUND = 1_000;
const WARMUP = 300;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round2 = (x: number) => Math.round(x * 100) / 100;

interface Stats {
  p50: number;
  p99: number;
}

interface Server {
  readonly port: number;
  /** The server process's CPU time so far, µs (user + system). */
  cpu(): Promise<number>;
  stop(): void;
}

/** `stats` of a load on `server`, with the server's CPU µs per request. */
async function measured(
  server: Server,
  paths: readonly string[],
  clients: number,
): Promise<Stats & { cpuUs: number }> {
  const before = await server.cpu();
  const stats = await load(server.port, paths, clients);
  return { ...stats, cpuUs: ((await server.cpu()) - before) / paths.length };
}

/** `paths` through `clients` keep-alive connections; latency of each whole response. */
async function load(port: number, paths: readonly string[], clients: number): Promise<Stats> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const times: number[] = [];
  let next = 0;
  const one = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      get({ host: "127.0.0.1", port, path, agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode}`));
        res.resume();
        res.on("end", () => {
          times.push(performance.now() - started);
          resolve();
        });
      }).on("error", reject);
    });
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < paths.length) await one(paths[next++]!);
    }),
  );
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** BENCH_WEB_PROFILE=DIR: the servers write CPU profiles there (node --cpu-prof) when stopped. */
const PROFILE_DIR = process.env.BENCH_WEB_PROFILE;

async function spawnServer(kind: "ours" | "bare"): Promise<Server> {
  const profile = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, ...profile, "--import", "tsx", "bench/web/serve.ts", kind],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout });
  const line = () => new Promise<string>((resolve) => lines.once("line", resolve));
  const port = Number(await line());
  return {
    port,
    async cpu() {
      child.stdin.write("cpu\n");
      const { user, system } = JSON.parse(await line()) as { user: number; system: number };
      return user + system;
    },
    stop: () => child.kill(),
  };
}

/** Time to the first byte of each response, one request at a time, server in this process. */
async function ttfb(paths: readonly string[], port: number): Promise<Stats> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (const path of paths) {
    await new Promise<void>((resolve, reject) => {
      const started = performance.now();
      get({ host: "127.0.0.1", port, path, agent }, (res) => {
        res.once("data", () => times.push(performance.now() - started));
        res.resume();
        res.on("end", resolve);
      }).on("error", reject);
    });
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
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
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main(): Promise<void> {
  const catalog = benchCatalog();
  console.log(
    `bench:web — ${SIZE} talks, ${CLIENTS} clients, ${ROUNDS} rounds, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const ours = await spawnServer("ours");
  const bare = await spawnServer("bare");
  const rounds: {
    talk: Stats & { cpuUs: number };
    bare: Stats & { cpuUs: number };
    search: Stats & { cpuUs: number };
    ttfb: Stats;
    renderTalk: Stats;
    renderSearch: Stats;
  }[] = [];
  try {
    await load(ours.port, talkPaths(catalog, SIZE - WARMUP, WARMUP), CLIENTS);
    await load(ours.port, searchPaths(catalog, WARMUP, 999), CLIENTS);
    await load(bare.port, talkPaths(catalog, 0, WARMUP), CLIENTS);
    // In this process: the TTFB server, warmed on its own slice.
    const local = await startOurs(catalog);
    const core = createLibrary({ catalog, timeZone: "UTC" }).current();
    await ttfb(talkPaths(catalog, SIZE - WARMUP, WARMUP), local.address.port);
    for (let r = 0; r < ROUNDS; r++) {
      const slice = talkPaths(catalog, r * TALKS_PER_ROUND, TALKS_PER_ROUND);
      const round = {
        bare: await measured(bare, slice, CLIENTS),
        talk: await measured(ours, slice, CLIENTS),
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
    [
      "server CPU per talk page (µs)",
      m((r) => r.talk.cpuUs),
      "",
      m((r) => r.bare.cpuUs),
      "",
      `${round2(m((r) => r.talk.cpuUs) / m((r) => r.bare.cpuUs))} (CPU)`,
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

/** `--page-cpu` and `--reload` run in a process of their own with npm start's heap flags. */
const mode = process.argv.includes("--page-cpu")
  ? "bench/web/page-cpu.ts"
  : process.argv.includes("--reload")
    ? "bench/web/reload.ts"
    : null;
if (mode) {
  const child = spawn(process.execPath, [...NODE_FLAGS, "--import", "tsx", mode], {
    stdio: "inherit",
  });
  await new Promise((resolve) => child.once("exit", resolve));
} else await main();
