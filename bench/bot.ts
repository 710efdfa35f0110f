// npm run bench:bot — the real bot process under load ("Prove it under load").
//
// Starts the fake Slack Web API and the fake Matrix homeserver in this process (127.0.0.1,
// port 0), builds and spawns the bot as `npm start` does (Slack HTTP mode + Matrix, LOG_LEVEL=warn,
// temp STATE_DIR) and measures:
//   - ready: spawn → /healthz 200 with both adapters "up" (polled every 20 ms);
//   - Slack: signed /virt slash commands at 1, 10 and 50 closed-loop clients; latency from
//     sending the request to the response_url POST being recorded by the fake;
//   - Matrix: "virt-talks: …" mentions injected into the fake's room timeline at the same
//     levels; latency from injection to the bot's m.notice reply being recorded by the fake;
//   - RSS: idle after ready, peak sampled every 50 ms under the 50-client levels, VmHWM.
// Every request comes from a user id used only once: the bot's per-user limiter (burst 6,
// then 0.5/s) would otherwise answer most of a client's requests with "slow down".
//
// Exit code: 0 all targets met, 1 a target missed, 2 the benchmark itself failed.
// BENCH_CPU_PROF_DIR=/some/dir also profiles the bot (node --cpu-prof), keeps the
// .cpuprofile there and prints where its CPU time went; figures are then inflated.
// BENCH_BOT_NODE_ARGS="--trace-gc ..." passes further node flags to the bot (--cpu-prof
// is not allowed in NODE_OPTIONS on Node 20, hence flags rather than NODE_OPTIONS).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { SentMessage } from "../test/fakes/homeserver.ts";
import { FakeHomeserver } from "../test/fakes/homeserver.ts";
import type { FakeSlack, RecordedCall } from "../test/fakes/slack-web-api.ts";
import { startFakeSlack } from "../test/fakes/slack-web-api.ts";
import { BOT_NODE_ARGS, buildBot } from "../test/support/bot-command.ts";
import { Arrivals, figures, type LevelRun, sleep } from "./bot-load.ts";
import { runMatrixLevel, tapMatrixReplies } from "./bot-matrix.ts";
import {
  type BotChild,
  freePort,
  type RssSampler,
  readProcStatus,
  readSchedStat,
  type SchedStat,
  spawnBot,
  startRssSampler,
  stopBot,
  waitReady,
} from "./bot-process.ts";
import { formatWindow, loadMainThreadProfile, summarizeWindow } from "./bot-profile.ts";
import {
  buildJson,
  checkTargets,
  details,
  formatTargets,
  kbToMb,
  LEVELS,
  type Level,
  type LevelResult,
  type Memory,
  TARGETS,
  table,
} from "./bot-report.ts";
import { runSlackLevel, tapSlackResponses } from "./bot-slack.ts";

const ROOT = resolve(import.meta.dirname, "..");

/** The whole run, start-up to exit, is cut off after this. */
const HARD_TIMEOUT_MS = 180_000;
const READY_POLL_MS = 20;
const READY_TIMEOUT_MS = 30_000;
const RSS_SAMPLE_MS = 50;
/** A request whose reply has not reached the fake by then is an error. */
const REPLY_TIMEOUT_MS = 5_000;
/** No level starts new requests after this long. */
const LEVEL_DEADLINE_MS = 40_000;
const IDLE_SETTLE_MS = 1_000;
const PAUSE_BETWEEN_LEVELS_MS = 250;
const STOP_TIMEOUT_MS = 15_000;

/** Requests per level: multiples of the mix, so every level sees each text equally often. */
const COUNTS: Readonly<Record<Level, number>> = { 1: 110, 10: 330, 50: 550 };
/** Excluded from the figures: first-call costs (lazy init, JIT) are not load behaviour. */
const WARMUP = 22;

/** The fixed mix: words, filters, typos, a query with no results, and help. */
const TEXTS = [
  "numa",
  "vfio",
  "live migration",
  "speaker:arcangeli",
  "year:2012 vfio",
  'event:"kvm forum" migration',
  "migraton",
  "balon driver",
  "transcendant memmory",
  "kubernetes",
  "help",
] as const;

const SLACK_TOKEN = "xoxb-bench-0000-virt-talks";
const SIGNING_SECRET = "bench-signing-secret-0123456789";
const MATRIX_TOKEN = "syt_bench_matrix_token_0123456789";

const log = (line = "") => process.stdout.write(`${line}\n`);

interface Resources {
  tempDir: string | null;
  slack: FakeSlack | null;
  hs: FakeHomeserver | null;
  bot: BotChild | null;
  sampler: RssSampler | null;
}

const resources: Resources = { tempDir: null, slack: null, hs: null, bot: null, sampler: null };

/** Best-effort, synchronous-first clean-up; safe to call more than once. */
async function cleanUp(): Promise<void> {
  resources.sampler?.stop();
  const bot = resources.bot;
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null)
    bot.child.kill("SIGKILL");
  if (resources.tempDir) rmSync(resources.tempDir, { recursive: true, force: true });
  resources.tempDir = null;
  const closing = [resources.slack?.close(), resources.hs?.close()];
  resources.slack = null;
  resources.hs = null;
  await Promise.race([Promise.allSettled(closing), sleep(2_000)]);
}

function abort(reason: string, code: number): void {
  process.stderr.write(`bench:bot: ${reason}\n`);
  if (resources.bot) process.stderr.write(`${resources.bot.tail()}\n`);
  void cleanUp().finally(() => process.exit(code));
}

async function main(): Promise<number> {
  const profileDir = process.env.BENCH_CPU_PROF_DIR?.trim()
    ? resolve(process.env.BENCH_CPU_PROF_DIR)
    : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });

  const tempDir = mkdtempSync(join(tmpdir(), "virt-talks-bench-"));
  resources.tempDir = tempDir;
  const stateDir = join(tempDir, "state");

  const slack = await startFakeSlack({ token: SLACK_TOKEN });
  resources.slack = slack;
  const hs = await FakeHomeserver.start({ accessToken: MATRIX_TOKEN });
  resources.hs = hs;
  const roomId = hs.createRoom({ members: [`@alice:${hs.serverName}`] });

  const slackArrivals = new Arrivals<RecordedCall>();
  tapSlackResponses(slack, slackArrivals, HARD_TIMEOUT_MS + 10_000);
  const matrixArrivals = new Arrivals<SentMessage>();
  tapMatrixReplies(hs, matrixArrivals);

  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    HOST: "127.0.0.1",
    PORT: String(port),
    STATE_DIR: stateDir,
    DATA_DIR: "",
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_APP_TOKEN: "", // HTTP mode; set (empty) so a local .env cannot switch to Socket Mode
    SLACK_API_URL: slack.apiUrl,
    MATRIX_HOMESERVER_URL: hs.url,
    MATRIX_ACCESS_TOKEN: MATRIX_TOKEN,
    MATRIX_ALLOWED_SERVERS: "",
    MATRIX_ALLOWED_ROOMS: "",
    TOTD_SLACK_CHANNELS: "",
    TOTD_MATRIX_ROOMS: "",
    TOTD_TIME: "09:00",
    TOTD_TIMEZONE: "UTC",
  };

  log("virt-talks bench:bot — the real bot process against local fakes (127.0.0.1 only)");
  buildBot();
  log(
    `node ${process.version}; bot: node ${BOT_NODE_ARGS.join(" ")} (as npm start); STATE_DIR under ${tmpdir()}`,
  );
  log(`${availableParallelism()} CPUs; ${loadLine()}`);
  if ((loadavg()[0] ?? 0) > availableParallelism() * 0.75)
    log(
      "WARNING: the machine is already busy; other processes compete with the bot and the bench for CPU and the figures show it (see 'waited … for a CPU' below)",
    );
  log(
    `mix of ${TEXTS.length} texts; requests per level: c1 ${COUNTS[1]}, c10 ${COUNTS[10]}, c50 ${COUNTS[50]} (+${WARMUP} warm-up per platform, excluded)`,
  );
  log(
    "every request uses a user id of its own (Slack user_id, Matrix sender), so the per-user rate limiter (burst 6, 0.5/s) never applies",
  );
  log(
    "latency: Slack = signed request sent → response_url POST recorded by the fake; Matrix = event injected → m.notice reply recorded by the fake",
  );
  if (profileDir)
    log(`CPU profiling on (${profileDir}): figures below are inflated by the profiler`);
  log();

  const extraArgs = (process.env.BENCH_BOT_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  if (extraArgs.length) log(`extra node flags for the bot: ${extraArgs.join(" ")}`);
  const bot = spawnBot({
    root: ROOT,
    env,
    nodeArgs: [...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), ...extraArgs],
  });
  resources.bot = bot;
  let stopping = false;
  void bot.exited.then((exit) => {
    if (!stopping)
      abort(`the bot exited during the run (code ${exit.code}, signal ${exit.signal})`, 2);
  });
  const sampler = startRssSampler(bot.pid, RSS_SAMPLE_MS);
  resources.sampler = sampler;
  const sinceSpawn = () => performance.now() - bot.spawnedAt;

  const readyMs = await waitReady(bot, port, {
    everyMs: READY_POLL_MS,
    timeoutMs: READY_TIMEOUT_MS,
  });
  log(`ready after ${readyMs.toFixed(0)} ms (pid ${bot.pid}, port ${port})`);

  sampler.mark("idle");
  await sleep(IDLE_SETTLE_MS);
  const idle = await readProcStatus(bot.pid);

  const slackLoad = {
    fake: slack,
    arrivals: slackArrivals,
    eventsUrl: new URL(`http://127.0.0.1:${port}/slack/events`),
    signingSecret: SIGNING_SECRET,
    replyTimeoutMs: REPLY_TIMEOUT_MS,
  };
  const matrixLoad = { hs, arrivals: matrixArrivals, roomId, replyTimeoutMs: REPLY_TIMEOUT_MS };

  sampler.mark("warmup");
  const warmOptions = { concurrency: 1, count: WARMUP, deadlineMs: LEVEL_DEADLINE_MS };
  const warm = [
    await runSlackLevel(slackLoad, warmOptions, TEXTS, "warm"),
    await runMatrixLevel(matrixLoad, warmOptions, TEXTS),
  ];
  const warmErrors = warm.flatMap((r) => r.samples.flatMap((s) => (s.ok ? [] : [s.error])));
  if (warmErrors.length === warm.reduce((n, r) => n + r.samples.length, 0))
    throw new Error(`every warm-up request failed (${[...new Set(warmErrors)].join("; ")})`);
  log(
    `warm-up: ${2 * WARMUP} requests, ${warmErrors.length} failed${warmErrors.length ? ` (${[...new Set(warmErrors)].join("; ")})` : ""}`,
  );

  const results: LevelResult[] = [];
  const windows = new Map<string, { from: number; to: number }>();
  const runLevel = async (
    platform: "slack" | "matrix",
    level: Level,
    go: () => Promise<LevelRun>,
    note?: () => string,
  ) => {
    await sleep(PAUSE_BETWEEN_LEVELS_MS);
    const label = `${platform} c${level}`;
    sampler.mark(label);
    const from = sinceSpawn();
    const before = await cpuNow(bot.pid);
    const run = await go();
    const cpu = cpuNote(before, await cpuNow(bot.pid), run.durationMs, run.samples.length);
    windows.set(label, { from, to: sinceSpawn() });
    sampler.mark("between");
    const f = figures(run);
    const rssKb = sampler.maxKb([label]);
    const rss = rssKb === null ? null : `rss max ${(rssKb / 1024).toFixed(0)} MB`;
    const extra = [note?.(), rss, cpu].filter(Boolean).join("; ");
    results.push({ platform, level, run, figures: f, ...(extra ? { note: extra } : {}) });
    log(
      `${label.padEnd(10)} p50 ${String(f.p50_ms)} ms, p95 ${String(f.p95_ms)} ms, p99 ${String(f.p99_ms)} ms, ${f.rps} req/s, ${f.errors} errors (${(run.durationMs / 1000).toFixed(1)} s)`,
    );
  };

  for (const level of LEVELS) {
    const options = { concurrency: level, count: COUNTS[level], deadlineMs: LEVEL_DEADLINE_MS };
    await runLevel("slack", level, () => runSlackLevel(slackLoad, options, TEXTS, `s${level}`));
  }
  for (const level of LEVELS) {
    const options = { concurrency: level, count: COUNTS[level], deadlineMs: LEVEL_DEADLINE_MS };
    const syncsBefore = hs.syncCount;
    let injected = 0;
    await runLevel(
      "matrix",
      level,
      async () => {
        const run = await runMatrixLevel(matrixLoad, options, TEXTS);
        injected = run.samples.length;
        return run;
      },
      () => {
        const syncs = hs.syncCount - syncsBefore;
        return `${syncs} /sync requests, ${(injected / Math.max(1, syncs)).toFixed(1)} mentions per sync on average`;
      },
    );
  }
  sampler.mark("end");

  const end = await readProcStatus(bot.pid);
  sampler.stop();
  const memory: Memory = {
    idleMb: kbToMb(idle?.rssKb ?? null),
    peakC50Mb: kbToMb(sampler.maxKb(["slack c50", "matrix c50"])),
    peakAnyMb: kbToMb(sampler.maxKb()),
    hwmMb: kbToMb(end?.hwmKb ?? null),
  };

  stopping = true;
  const stopped = await stopBot(bot, STOP_TIMEOUT_MS);
  const json = buildJson(results, memory, readyMs);
  const checks = checkTargets(json, memory);
  const mb = (v: number | null) => (v === null ? "n/a" : `${v.toFixed(1)} MB`);

  log();
  log(table(results));
  log();
  for (const line of details(results)) log(line);
  if (slackArrivals.late + matrixArrivals.late + slackArrivals.duplicates > 0)
    log(
      `  replies after their 5 s timeout: slack ${slackArrivals.late}, matrix ${matrixArrivals.late}`,
    );
  log();
  log(`machine: ${loadLine()} at the end`);
  log(`ready: ${readyMs.toFixed(0)} ms (spawn → /healthz 200, slack and matrix "up")`);
  log(
    `rss: idle ${mb(memory.idleMb)}, peak under 50 clients ${mb(memory.peakC50Mb)} (sampled every ${RSS_SAMPLE_MS} ms), peak over the run ${mb(memory.peakAnyMb)}, VmHWM ${mb(memory.hwmMb)} (MB = MiB)`,
  );
  log(
    `stop: SIGTERM → exit ${stopped.code ?? stopped.signal} in ${stopped.ms.toFixed(0)} ms${stopped.killed ? " (did not exit in time: SIGKILL)" : ""}`,
  );
  const warnings = [...bot.warnings()];
  if (warnings.length)
    log(`bot warnings/errors logged: ${warnings.map(([k, v]) => `${k} ×${v}`).join("; ")}`);

  if (profileDir) {
    const loaded = loadMainThreadProfile(profileDir, bot.pid);
    if (loaded) {
      log();
      log(`CPU profile: ${loaded.file} (windows relative to spawn, ± a few tens of ms)`);
      const show = (label: string, from: number, to: number) =>
        log(formatWindow(summarizeWindow(loaded.profile, label, from, to)));
      show("start-up (spawn → ready)", 0, readyMs);
      for (const label of ["slack c50", "matrix c50"]) {
        const w = windows.get(label);
        if (w) show(`${label} [${w.from.toFixed(0)}–${w.to.toFixed(0)} ms]`, w.from, w.to);
      }
    } else log(`no main-thread .cpuprofile of pid ${bot.pid} found in ${profileDir}`);
  }

  log();
  log(
    `targets (2-core machine; p99 ≤ ${TARGETS.p99AtC50Ms} ms at 50 clients, no errors, RSS ≤ ${TARGETS.rssPeakMb} MB, ready ≤ ${TARGETS.readyMs} ms):`,
  );
  log(formatTargets(checks));
  const met = checks.filter((c) => c.met).length;
  log(`${met} of ${checks.length} targets met`);
  log(JSON.stringify(json));
  return met === checks.length ? 0 : 1;
}

function loadLine(): string {
  const [one, five] = loadavg();
  return `load average ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min)`;
}

interface CpuSnapshot {
  readonly bot: SchedStat | null;
  readonly bench: SchedStat | null;
}

async function cpuNow(pid: number): Promise<CpuSnapshot> {
  const [bot, bench] = await Promise.all([readSchedStat(pid), readSchedStat("self")]);
  return { bot, bench };
}

/**
 * How busy the bot's and the bench's main threads were during a level, and how long each
 * waited for a CPU: a wait that is large next to the latencies means the machine, not the
 * bot, set the figures.
 */
function cpuNote(a: CpuSnapshot, b: CpuSnapshot, wallMs: number, requests: number): string {
  const part = (name: string, x: SchedStat | null, y: SchedStat | null, perRequest: boolean) => {
    if (!x || !y) return null;
    const run = y.runMs - x.runMs;
    const wait = y.waitMs - x.waitMs;
    const per = perRequest && requests > 0 ? `, ${(run / requests).toFixed(2)} ms/request` : "";
    return `${name} main thread on CPU ${((100 * run) / wallMs).toFixed(0)}%${per}, waited ${wait.toFixed(0)} ms for a CPU`;
  };
  return [part("bot", a.bot, b.bot, true), part("bench", a.bench, b.bench, false)]
    .filter(Boolean)
    .join(", ");
}

const watchdog = setTimeout(
  () => abort(`hard timeout: the benchmark did not finish within ${HARD_TIMEOUT_MS / 1000} s`, 2),
  HARD_TIMEOUT_MS,
);
process.once("SIGINT", () => abort("interrupted", 130));

main().then(
  async (code) => {
    clearTimeout(watchdog);
    await cleanUp();
    // The fake Slack listener (waitFor) holds a timer until the hard limit; do not wait for it.
    process.exit(code);
  },
  (error: unknown) => {
    clearTimeout(watchdog);
    abort(error instanceof Error ? (error.stack ?? error.message) : String(error), 2);
  },
);
