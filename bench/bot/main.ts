// npm run bench:bot — our bot side by side with a bare Bolt / matrix-bot-sdk bot.
//
// The bare bot (bench/bot/bare/) is what any bot on these SDKs costs at least: stock Bolt
// answering every /virt with ack() + respond() of a fixed three-card message, stock
// matrix-bot-sdk answering every message with a fixed m.notice. Both are bundled the same
// way and started with npm start's node flags against fresh local fakes (fake Slack Web API,
// fake homeserver; 127.0.0.1 only). Per round each bot, in turn, gets:
//   - ready: spawn → /healthz 200 with both adapters "up" (polled every 20 ms);
//   - Slack: signed /virt slash commands at 1, 10 and 50 closed-loop clients; latency from
//     sending the request to the answer arriving — in the ack's HTTP body when it carries a
//     message, else the response_url POST recorded by the fake;
//   - Matrix: mentions injected into the fake's room at the same levels; latency from
//     injection to the reply PUT recorded by the fake;
//   - CPU: utime+stime of the bot process (/proc/<pid>/stat) over each level, per answer;
//   - RSS: sampled every 50 ms, and VmHWM; lost = requests not answered within 5 s.
// Every request comes from a user id of its own: 50 clients are 50 people (one person's flood
// is the rate limiter's business, tested elsewhere). Three rounds, alternating which bot goes
// first; the table shows medians over the rounds (lost: the total) and ours/bare ratios.
//
// BENCH_QUICK=1: one round with fewer requests (a smoke run, ~30 s; figures are noisy).
// BENCH_CPU_PROF_DIR=/some/dir: one round with both bots under node --cpu-prof; prints where
// each bot's CPU went during the 50- and 1-client levels, per answer, and ours minus bare by module
// and by function (figures are inflated by the profiler).
// BENCH_BOT_NODE_ARGS="--trace-gc ...": further node flags for both bots.
// BENCH_OURS_DIR=/other/checkout: "ours" is that checkout's bot (built with its own
// scripts/build.mjs; it needs node_modules), e.g. to compare a commit while the tree is
// mid-change. Default: this repository.
// Exit code: 0 all targets met, 1 a target missed, 2 the benchmark itself failed.

import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { ROOT } from "../shared/bot-command.ts";
import { startArgs } from "../shared/bot-process.ts";
import { buildBare } from "./bare/build.ts";
import { errorBreakdown } from "./load.ts";
import { compareProfiles } from "./profile.ts";
import {
  type BotKind,
  buildJson,
  checkTargets,
  formatTargets,
  type Level,
  roundLine,
  TARGETS,
  table,
} from "./report.ts";
import { type BotRun, cleanUpRuns, lastBotTail, runBot, TEXTS } from "./run.ts";

const QUICK = process.env.BENCH_QUICK === "1";
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR?.trim()
  ? resolve(process.env.BENCH_CPU_PROF_DIR)
  : null;
const OURS_ROOT = process.env.BENCH_OURS_DIR?.trim() ? resolve(process.env.BENCH_OURS_DIR) : ROOT;
const ROUNDS = QUICK || PROFILE_DIR ? 1 : 3;

/** Requests per level: multiples of the mix, so every level sees each text equally often. */
const COUNTS: Readonly<Record<Level, number>> = QUICK
  ? { 1: 110, 10: 220, 50: 550 }
  : { 1: 330, 10: 1_100, 50: 3_300 };
/** Per platform, excluded from the figures: first-call costs (lazy init, JIT). */
const WARMUP = QUICK ? 22 : 44;

/** The whole run is cut off after this. */
const HARD_TIMEOUT_MS = 12 * 60_000;

const log = (line = "") => process.stdout.write(`${line}\n`);

function abort(reason: string, code: number): void {
  process.stderr.write(`bench:bot: ${reason}\n`);
  const tail = lastBotTail();
  if (tail) process.stderr.write(`${tail}\n`);
  void cleanUpRuns().finally(() => process.exit(code));
}

function loadLine(): string {
  const [one, five] = loadavg();
  return `load average ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min)`;
}

/** Round 1: ours first; round 2: bare first; and so on. */
const orderOf = (round: number): readonly BotKind[] =>
  round % 2 === 1 ? ["ours", "bare"] : ["bare", "ours"];

async function main(): Promise<number> {
  log("virt-talks bench:bot — our bot against a bare Bolt / matrix-bot-sdk bot (127.0.0.1 only)");
  // As `npm start` does (prestart): our bundle, built fresh.
  execFileSync(process.execPath, [join(OURS_ROOT, "scripts", "build.mjs")], {
    cwd: OURS_ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const bareEntry = buildBare();
  if (OURS_ROOT !== ROOT) log(`ours: the bot in ${OURS_ROOT} (BENCH_OURS_DIR)`);
  log(`node ${process.version}; both bots: node ${startArgs("<bundle>").join(" ")} (as npm start)`);
  log(`${availableParallelism()} CPUs; ${loadLine()}`);
  if ((loadavg()[0] ?? 0) > availableParallelism() * 0.75)
    log("WARNING: the machine is already busy; other processes compete for CPU with the bots");
  log(
    `${ROUNDS} round(s), alternating which bot goes first; mix of ${TEXTS.length} texts; requests per level: c1 ${COUNTS[1]}, c10 ${COUNTS[10]}, c50 ${COUNTS[50]} (+${WARMUP} warm-up per platform, excluded)${QUICK ? " [BENCH_QUICK]" : ""}`,
  );
  log("every request from a user id of its own; fresh fakes for every bot run");
  if (PROFILE_DIR) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    log(`CPU profiling on (${PROFILE_DIR}): figures are inflated by the profiler`);
  }
  const extra = (process.env.BENCH_BOT_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  if (extra.length) log(`extra node flags for both bots: ${extra.join(" ")}`);
  log();

  const runs: Record<BotKind, BotRun[]> = { ours: [], bare: [] };
  const perRound: { round: number; run: BotRun }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const kind of orderOf(round)) {
      const run = await runBot(kind, {
        counts: COUNTS,
        warmup: WARMUP,
        bareEntry,
        oursRoot: OURS_ROOT,
        nodeArgs: [
          ...(PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : []),
          ...extra,
        ],
        onCrash: (why) => abort(why, 2),
      });
      runs[kind].push(run);
      perRound.push({ round, run });
      log(roundLine(round, run));
      for (const l of run.levels) {
        const errors = errorBreakdown(l.run);
        if (errors) log(`    ${l.platform} c${l.level} lost: ${errors}`);
      }
      const warnings = [...run.warnings];
      if (warnings.length)
        log(`    ${kind} logged: ${warnings.map(([k, v]) => `${k} ×${v}`).join("; ")}`);
    }
  }

  const json = buildJson(runs.ours, runs.bare);
  log();
  log(
    `ours / bare = ratio, medians over ${json.rounds} round(s) (lost: total over the rounds); machine: ${loadLine()}`,
  );
  log(table(json));

  if (PROFILE_DIR) {
    log();
    for (const line of compareProfiles(PROFILE_DIR, runs.ours[0]!, runs.bare[0]!)) log(line);
  }

  const checks = checkTargets(json);
  log();
  log(
    `targets (ours/bare at 50 clients: p99 ≤ ${TARGETS.p99Ratio}×, CPU per answer ≤ ${TARGETS.cpuRatio}×; nothing lost; RSS peak ≤ bare's; ready ≤ ${TARGETS.readyRatio}× bare's):`,
  );
  log(formatTargets(checks));
  const met = checks.filter((c) => c.met).length;
  log(`${met} of ${checks.length} targets met`);
  log(JSON.stringify(json));
  return met === checks.length ? 0 : 1;
}

const watchdog = setTimeout(
  () => abort(`hard timeout: the benchmark did not finish within ${HARD_TIMEOUT_MS / 1000} s`, 2),
  HARD_TIMEOUT_MS,
);
process.once("SIGINT", () => abort("interrupted", 130));

main().then(
  async (code) => {
    clearTimeout(watchdog);
    await cleanUpRuns();
    process.exit(code);
  },
  (error: unknown) => {
    clearTimeout(watchdog);
    abort(error instanceof Error ? (error.stack ?? error.message) : String(error), 2);
  },
);
