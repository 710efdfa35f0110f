// npm run bench:daily — the talk of the day with 10,000 destinations (issue #17).
//
// Each round starts fresh "bot processes" (bench/daily/process.ts, bundled the way
// scripts/build.mjs bundles the bot and run with npm start's node flags, so the heap
// limit is the real one) on a new state directory:
//   file:  subscriptions.json already holds every destination (half due at start, half
//          later today, on ~3,000 distinct post times in 7 zones near noon): start,
//          post what is due, hold; then a restart on the same directory.
//   chat:  start empty; every destination sends `subscribe 00:00 UTC` (64 at a time);
//          every one must be answered, and today's talk goes to all; then a restart.
// Posts are counted from the shared channel log: each due destination exactly once, the
// others not at all, and a restart adds nothing. Figures are medians over ROUNDS rounds.
//
// BENCH_DAILY_COUNT (10000), BENCH_DAILY_ROUNDS (3). Exit: 0 targets met, 1 a target
// missed, 2 the benchmark itself failed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bundleFixture } from "../shared/bundle.ts";
import type { ProcessFigures } from "./process.ts";
import { type BenchDestination, destinations, readChannel, writeSubscriptions } from "./world.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const COUNT = Number(process.env.BENCH_DAILY_COUNT ?? "10000");
const ROUNDS = Number(process.env.BENCH_DAILY_ROUNDS ?? "3");
const TARGETS = { startMs: 3000, rssPeakMb: 200 };
/** npm start's node flags (package.json), so the heap limit is the one the bot runs with. */
const NODE_FLAGS = ["--max-semi-space-size=4", "--max-old-space-size=128"];

function run(script: string, dir: string, mode: "file" | "chat"): ProcessFigures {
  const out = execFileSync(process.execPath, [...NODE_FLAGS, script], {
    cwd: ROOT,
    env: {
      ...process.env,
      BENCH_DAILY_DIR: dir,
      BENCH_DAILY_MODE: mode,
      BENCH_DAILY_COUNT: String(COUNT),
    },
    encoding: "utf8",
    maxBuffer: 1 << 20,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as ProcessFigures;
}

/** Destinations whose posts are not exactly `expected` (one key for today, or none). */
function wrongPosts(dir: string, dests: readonly BenchDestination[], dueAll: boolean): number {
  const keys = new Map<string, string[]>();
  for (const p of readChannel(dir)) {
    keys.set(p.destination, [...(keys.get(p.destination) ?? []), p.key]);
  }
  return dests.filter((d) => {
    const got = keys.get(d.destination) ?? [];
    return dueAll || d.due ? got.length !== 1 : got.length !== 0;
  }).length;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Round {
  readonly first: ProcessFigures;
  readonly restart: ProcessFigures;
  readonly wrong: number;
}

function round(script: string, mode: "file" | "chat"): Round {
  const dir = mkdtempSync(join(tmpdir(), `virt-talks-bench-daily-${mode}-`));
  try {
    const dests = destinations(COUNT, new Date());
    if (mode === "file") writeSubscriptions(dir, dests);
    const first = run(script, dir, mode);
    const restart = run(script, dir, "file");
    return { first, restart, wrong: wrongPosts(dir, dests, mode === "chat") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Bundled the way scripts/build.mjs bundles the bot (bench/shared/bundle.ts), removed at the end.
const { file: script, remove } = bundleFixture("bench/daily/process.ts");
let exitCode = 2;
try {
  console.log(
    `bench:daily — ${COUNT} destinations, ${ROUNDS} rounds, node ${process.version} ${NODE_FLAGS.join(" ")}, load ${loadavg()[0]!.toFixed(1)}`,
  );
  let missed = false;
  for (const mode of ["file", "chat"] as const) {
    const rounds = Array.from({ length: ROUNDS }, () => round(script, mode));
    const m = (pick: (r: Round) => number) => median(rounds.map(pick));
    const startMs = m((r) => r.first.startMs);
    const rssPeakMb = m((r) => r.first.rssPeakMb);
    const wrong = rounds.reduce((n, r) => n + r.wrong + r.restart.posted, 0);
    console.log(
      [
        `${mode}: start ${startMs} ms (cpu ${m((r) => r.first.startCpuMs)} ms)`,
        `rss peak ${rssPeakMb} MB (after ${m((r) => r.first.rssEndMb)} MB)`,
        `posted ${m((r) => r.first.posted)} in ${m((r) => r.first.settledMs)} ms from process start`,
        `"daily post scheduled" ${m((r) => r.first.scheduledLineBytes)} bytes`,
        `restart: start ${m((r) => r.restart.startMs)} ms, rss peak ${m((r) => r.restart.rssPeakMb)} MB, posted ${m((r) => r.restart.posted)}`,
        ...(mode === "chat"
          ? [
              `answered ${m((r) => r.first.replies?.subscribed ?? 0)}/${COUNT} subscribed`,
              `reply p50 ${m((r) => r.first.ackP50Ms ?? 0)} ms p99 ${m((r) => r.first.ackP99Ms ?? 0)} ms max ${m((r) => r.first.ackMaxMs ?? 0)} ms`,
            ]
          : []),
        `not exactly once (all rounds): ${wrong}`,
      ].join("; "),
    );
    const answered = mode === "file" || rounds.every((r) => r.first.replies?.subscribed === COUNT);
    const ok =
      startMs <= TARGETS.startMs && rssPeakMb <= TARGETS.rssPeakMb && wrong === 0 && answered;
    if (!ok) missed = true;
    console.log(
      `  targets: start <= ${TARGETS.startMs} ms, rss <= ${TARGETS.rssPeakMb} MB, exactly once${mode === "chat" ? ", every subscribe answered" : ""}: ${ok ? "met" : "MISSED"}`,
    );
  }
  exitCode = missed ? 1 : 0;
} catch (err) {
  console.error(err);
} finally {
  remove();
}
process.exit(exitCode);
