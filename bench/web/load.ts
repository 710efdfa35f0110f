// What bench/web/bench.ts measures with: the servers in processes of their own
// (bench/web/serve.ts), closed-loop clients over keep-alive connections, time to first byte,
// and percentiles.
import { spawn } from "node:child_process";
import { Agent, get } from "node:http";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";

/** What `npm start` runs node with (package.json), so the servers have the same heaps. */
export const NODE_FLAGS = ["--max-semi-space-size=4"];

export interface Stats {
  p50: number;
  p99: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function statsOf(times: readonly number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** `paths` through `clients` keep-alive connections; the latency of each whole response. */
export async function latencies(
  port: number,
  paths: readonly string[],
  clients: number,
): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const times: number[] = [];
  let next = 0;
  const one = (path: string) =>
    new Promise<void>((done, fail) => {
      const started = performance.now();
      get({ host: "127.0.0.1", port, path, agent }, (res) => {
        if (res.statusCode !== 200) fail(new Error(`${path}: ${res.statusCode}`));
        res.resume();
        res.on("end", () => {
          times.push(performance.now() - started);
          done();
        });
      }).on("error", fail);
    });
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < paths.length) await one(paths[next++]!);
    }),
  );
  agent.destroy();
  return times;
}

/** Time to the first byte of each response, one request at a time. */
export async function ttfb(paths: readonly string[], port: number): Promise<Stats> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (const path of paths) {
    await new Promise<void>((done, fail) => {
      const started = performance.now();
      get({ host: "127.0.0.1", port, path, agent }, (res) => {
        res.once("data", () => times.push(performance.now() - started));
        res.resume();
        res.on("end", done);
      }).on("error", fail);
    });
  }
  agent.destroy();
  return statsOf(times);
}

export interface Server {
  readonly port: number;
  /** The server process's CPU time so far, µs (user + system). */
  cpu(): Promise<number>;
  stop(): void;
}

/** BENCH_WEB_PROFILE=DIR: the servers write CPU profiles there (node --cpu-prof) when stopped. */
const PROFILE_DIR = process.env.BENCH_WEB_PROFILE;

/**
 * BENCH_OURS_DIR=/other/checkout: "ours" is that checkout's server (its own
 * bench/web/serve.ts and src/), e.g. main's, to compare before and after in one run.
 */
export const OURS_DIR = process.env.BENCH_OURS_DIR?.trim()
  ? resolve(process.env.BENCH_OURS_DIR)
  : process.cwd();

export async function spawnServer(kind: "ours" | "bare"): Promise<Server> {
  const profile = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${resolve(PROFILE_DIR)}`] : [];
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, ...profile, "--import", "tsx", "bench/web/serve.ts", kind],
    { stdio: ["pipe", "pipe", "inherit"], cwd: kind === "ours" ? OURS_DIR : process.cwd() },
  );
  const lines = createInterface({ input: child.stdout });
  const line = () => new Promise<string>((done) => lines.once("line", done));
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
