// One bot's run for bench:bot (bench/bot/main.ts): fresh fakes (fake Slack Web API and fake homeserver, on
// 127.0.0.1), the bot spawned as `npm start` spawns ours (same node flags, same environment),
// readiness, warm-up, then Slack and Matrix at 1, 10 and 50 closed-loop clients, each level
// timed, CPU-accounted (utime+stime from /proc/<pid>/stat) and RSS-sampled; then SIGTERM.
// Fresh fakes per run: the fakes' own costs (a growing room timeline, recorded calls) are the
// same for every bot, whichever runs first.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import {
  type BotChild,
  freePort,
  readCpuMs,
  readCpuTimes,
  readProcStatus,
  readSchedStat,
  spawnBot,
  startRssSampler,
  stopBot,
  waitReady,
} from "../shared/bot-process.ts";
import type { SentMessage } from "../shared/fakes/homeserver.ts";
import { FakeHomeserver } from "../shared/fakes/homeserver.ts";
import type { RecordedCall } from "../shared/fakes/slack-web-api.ts";
import { startFakeSlack } from "../shared/fakes/slack-web-api.ts";
import { Arrivals, figures, type LevelRun } from "./load.ts";
import { runMatrixLevel, tapMatrixReplies } from "./matrix.ts";
import type { BotKind, Level, LevelMeasure, Platform } from "./report.ts";
import { LEVELS } from "./report.ts";
import { runSlackLevel, tapSlackResponses } from "./slack.ts";

const READY_POLL_MS = 20;
const READY_TIMEOUT_MS = 30_000;
const RSS_SAMPLE_MS = 50;
/** A request whose answer has not arrived by then is lost. */
const REPLY_TIMEOUT_MS = 5_000;
/** No level starts new requests after this long. */
const LEVEL_DEADLINE_MS = 40_000;
const IDLE_SETTLE_MS = 500;
const PAUSE_BETWEEN_LEVELS_MS = 250;
const STOP_TIMEOUT_MS = 15_000;

/** The fixed mix: words, filters, typos, a query with no results, and help. */
export const TEXTS = [
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

interface RunPlan {
  /** Requests per level (multiples of TEXTS.length keep the mix even). */
  readonly counts: Readonly<Record<Level, number>>;
  /** Requests per platform before the levels, excluded from the figures. */
  readonly warmup: number;
  /** The bare bot's bundle (bench/bot/bare/build.ts). */
  readonly bareEntry: string;
  /** The checkout whose dist/main.js is "ours" (built; the working directory of the bot). */
  readonly oursRoot: string;
  /** Node flags placed before npm start's own (e.g. --cpu-prof). */
  readonly nodeArgs: readonly string[];
  /** Called if the bot dies mid-run: the benchmark cannot go on. */
  readonly onCrash: (why: string) => void;
}

export interface BotRun {
  readonly kind: BotKind;
  readonly pid: number;
  /** performance.now() at spawn, to place profile windows. */
  readonly spawnedAt: number;
  readonly readyMs: number;
  /** CPU the process used from spawn to ready. */
  readonly startCpuMs: number | null;
  readonly levels: readonly LevelMeasure[];
  readonly rssIdleMb: number | null;
  /** Higher of the RSS sampled every 50 ms over the run and the kernel's VmHWM. */
  readonly rssPeakMb: number | null;
  /** Level label ("slack c50") → [from, to) in ms since spawn. */
  readonly windows: ReadonlyMap<string, { from: number; to: number }>;
  /** Answers that came after their request was given up (or a second time). */
  readonly late: number;
  readonly warnings: ReadonlyMap<string, number>;
  readonly stop: string;
}

/** What is live right now, for the watchdog's clean-up. */
const live = new Set<() => void | Promise<void>>();

/** Kills a running bot and closes its fakes (best effort; for an abort). */
export async function cleanUpRuns(): Promise<void> {
  await Promise.race([Promise.allSettled([...live].map((f) => f())), sleep(2_000)]);
  live.clear();
}

let lastBot: BotChild | null = null;
/** The output tail of the bot that ran last (for an error message). */
export const lastBotTail = (): string => lastBot?.tail() ?? "";

export async function runBot(kind: BotKind, plan: RunPlan): Promise<BotRun> {
  const tempDir = mkdtempSync(join(tmpdir(), "virt-talks-bench-"));
  const slack = await startFakeSlack({ token: SLACK_TOKEN });
  const hs = await FakeHomeserver.start({ accessToken: MATRIX_TOKEN });
  let bot: BotChild | null = null;
  let stopping = false;
  const cleanUp = async () => {
    stopping = true;
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null)
      bot.child.kill("SIGKILL");
    rmSync(tempDir, { recursive: true, force: true });
    await Promise.allSettled([slack.close(), hs.close()]);
  };
  live.add(cleanUp);
  try {
    const roomId = hs.createRoom({ members: [`@alice:${hs.serverName}`] });
    const slackArrivals = new Arrivals<RecordedCall>();
    tapSlackResponses(slack, slackArrivals, 15 * 60_000);
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
      STATE_DIR: join(tempDir, "state"),
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

    const child = spawnBot({
      root: plan.oursRoot,
      env,
      nodeArgs: plan.nodeArgs,
      ...(kind === "bare" ? { entry: plan.bareEntry } : {}),
    });
    bot = child;
    lastBot = child;
    void child.exited.then((exit) => {
      if (!stopping)
        plan.onCrash(
          `the ${kind} bot exited during the run (code ${exit.code}, signal ${exit.signal})`,
        );
    });
    const sampler = startRssSampler(child.pid, RSS_SAMPLE_MS);
    live.add(() => sampler.stop());
    const sinceSpawn = () => performance.now() - child.spawnedAt;

    const readyMs = await waitReady(child, port, {
      everyMs: READY_POLL_MS,
      timeoutMs: READY_TIMEOUT_MS,
    });
    const startCpuMs = await readCpuMs(child.pid);
    await sleep(IDLE_SETTLE_MS);
    const idle = await readProcStatus(child.pid);

    const slackLoad = {
      fake: slack,
      arrivals: slackArrivals,
      eventsUrl: new URL(`http://127.0.0.1:${port}/slack/events`),
      signingSecret: SIGNING_SECRET,
      replyTimeoutMs: REPLY_TIMEOUT_MS,
    };
    const matrixLoad = { hs, arrivals: matrixArrivals, roomId, replyTimeoutMs: REPLY_TIMEOUT_MS };
    const tag = `${kind}-${child.pid}`;

    const warm = { concurrency: 1, count: plan.warmup, deadlineMs: LEVEL_DEADLINE_MS };
    const warmRuns = [
      await runSlackLevel(slackLoad, warm, TEXTS, `${tag}-warm`),
      await runMatrixLevel(matrixLoad, warm, TEXTS),
    ];
    if (warmRuns.every((r) => r.samples.every((s) => !s.ok))) {
      const why = warmRuns.flatMap((r) => r.samples.flatMap((s) => (s.ok ? [] : [s.error])));
      throw new Error(`${kind}: every warm-up request failed (${[...new Set(why)].join("; ")})`);
    }

    const levels: LevelMeasure[] = [];
    const windows = new Map<string, { from: number; to: number }>();
    /** What the bot asked of the fake for this platform so far: "PUT send", "GET sync", … */
    const upstream = (platform: Platform): string[] =>
      platform === "slack"
        ? slack.calls.map((c) => c.method)
        : hs.requests.map((r) => `${r.method} ${pathShape(r.path)}`);
    const measure = async (platform: Platform, level: Level, go: () => Promise<LevelRun>) => {
      await sleep(PAUSE_BETWEEN_LEVELS_MS);
      const upstreamBefore = upstream(platform).length;
      const label = `${platform} c${level}`;
      sampler.mark(label);
      const from = sinceSpawn();
      const [cpuBefore, schedBefore] = await Promise.all([
        readCpuTimes(child.pid),
        readSchedStat(child.pid),
      ]);
      const run = await go();
      const [cpuAfter, schedAfter] = await Promise.all([
        readCpuTimes(child.pid),
        readSchedStat(child.pid),
      ]);
      windows.set(label, { from, to: sinceSpawn() });
      sampler.mark("between");
      const calls = new Map<string, number>();
      for (const call of upstream(platform).slice(upstreamBefore))
        calls.set(call, (calls.get(call) ?? 0) + 1);
      const f = figures(run);
      const answered = run.samples.filter((s) => s.ok).length;
      const split =
        cpuBefore === null || cpuAfter === null
          ? null
          : {
              mainUserMs: cpuAfter.mainUserMs - cpuBefore.mainUserMs,
              mainSysMs: cpuAfter.mainSysMs - cpuBefore.mainSysMs,
              otherUserMs: cpuAfter.otherUserMs - cpuBefore.otherUserMs,
              otherSysMs: cpuAfter.otherSysMs - cpuBefore.otherSysMs,
            };
      const cpuMs =
        cpuBefore === null || cpuAfter === null ? null : cpuAfter.totalMs - cpuBefore.totalMs;
      levels.push({
        platform,
        level,
        run,
        figures: f,
        cpuMs,
        cpuPerAnswerMs: cpuMs === null || answered === 0 ? null : cpuMs / answered,
        upstreamCalls: calls,
        cpuSplit: split,
        cpuWaitMs:
          schedBefore === null || schedAfter === null
            ? null
            : schedAfter.waitMs - schedBefore.waitMs,
      });
    };
    for (const level of LEVELS) {
      const options = {
        concurrency: level,
        count: plan.counts[level],
        deadlineMs: LEVEL_DEADLINE_MS,
      };
      await measure("slack", level, () =>
        runSlackLevel(slackLoad, options, TEXTS, `${tag}-c${level}`),
      );
    }
    for (const level of LEVELS) {
      const options = {
        concurrency: level,
        count: plan.counts[level],
        deadlineMs: LEVEL_DEADLINE_MS,
      };
      await measure("matrix", level, () => runMatrixLevel(matrixLoad, options, TEXTS));
    }

    const end = await readProcStatus(child.pid);
    sampler.stop();
    const peaks = [sampler.maxKb(), end?.hwmKb ?? null].filter((v): v is number => v !== null);
    stopping = true;
    const stopped = await stopBot(child, STOP_TIMEOUT_MS);
    return {
      kind,
      pid: child.pid,
      spawnedAt: child.spawnedAt,
      readyMs,
      startCpuMs,
      levels,
      rssIdleMb: idle ? idle.rssKb / 1024 : null,
      rssPeakMb: peaks.length ? Math.max(...peaks) / 1024 : null,
      windows,
      late: slackArrivals.late + slackArrivals.duplicates + matrixArrivals.late,
      warnings: child.warnings(),
      stop: `SIGTERM → exit ${stopped.code ?? stopped.signal} in ${stopped.ms.toFixed(0)} ms${stopped.killed ? " (SIGKILL)" : ""}`,
    };
  } finally {
    await cleanUp();
    live.delete(cleanUp);
  }
}

/** "/_matrix/client/v3/rooms/!r:x/send/m.room.message/t1" → "rooms/send/m.room.message". */
function pathShape(path: string): string {
  const parts = path.replace(/^\/_matrix\/client\/(v3|r0)\//, "").split("/");
  if (parts[0] === "rooms" && parts.length >= 3)
    return parts[2] === "send" ? `rooms/send/${parts[3] ?? ""}` : `rooms/${parts[2]}`;
  if (parts[0] === "user" && parts.length >= 3) return `user/${parts.slice(2).join("/")}`;
  return parts.join("/");
}
