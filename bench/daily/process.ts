// One bench:daily "bot process" (bundled and started with npm start's node flags by
// bench/daily/daily.ts): the real talk of the day (daily post, subscriptions and their
// commands) on the real file store in BENCH_DAILY_DIR, posting through bench/daily/world.ts.
//
//   BENCH_DAILY_MODE=file  the subscriptions file is already there: start, post what is due
//   BENCH_DAILY_MODE=chat  start empty, then every destination sends `subscribe 00:00 UTC`
//
// Prints one JSON line (ProcessFigures) on stdout when done.
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import { createRateLimiter } from "../../src/core/rate-limit.ts";
import { createTurn } from "../../src/core/turn.ts";
import { createLogger } from "../../src/log.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import { createSubscriptionCommands } from "../../src/totd/subscription-commands.ts";
import { createTalkOfTheDay, type TalkOfTheDay } from "../../src/totd/talk-of-the-day.ts";
import { benchPorts, destinations } from "./world.ts";

export interface ProcessFigures {
  /** Process start to our modules loaded. */
  readonly loadedMs: number;
  /** Process start to the catalog loaded and indexed (the talk of the day starts next). */
  readonly catalogMs: number;
  /** Process start to start() resolved (module load, catalog, subscriptions, schedule). */
  readonly startMs: number;
  /** CPU (user + system) the process used up to start() resolved: steadier than wall time on a busy machine. */
  readonly startCpuMs: number;
  /** Process start to the "daily post scheduled" line. */
  readonly scheduledMs: number;
  /** Process start to every post due at start made (or given up). */
  readonly settledMs: number;
  readonly rssPeakMb: number;
  readonly rssEndMb: number;
  readonly posted: number;
  /** Bytes of the "daily post scheduled" line. */
  readonly scheduledLineBytes: number;
  readonly logLines: number;
  /** chat mode: replies by kind, and subscribe round-trip percentiles (ms). */
  readonly replies?: Record<string, number>;
  readonly ackP50Ms?: number;
  readonly ackP99Ms?: number;
  readonly ackMaxMs?: number;
}

const dir = process.env.BENCH_DAILY_DIR ?? "";
const mode = process.env.BENCH_DAILY_MODE ?? "file";
const count = Number(process.env.BENCH_DAILY_COUNT ?? "10000");
const holdMs = Number(process.env.BENCH_DAILY_HOLD_MS ?? "2000");
/** Subscribe commands in flight at once in chat mode (a flood of channels). */
const FLOOD = 64;

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
let rssPeak = process.memoryUsage.rss();
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
}, 25);

let scheduledLineBytes = 0;
let scheduledMs = 0;
let logLines = 0;
const logFile = createWriteStream(join(dir, "bot.log"), { flags: "a" });
const logger = createLogger({
  level: process.env.BENCH_DAILY_LOG_LEVEL ?? "info",
  pretty: false,
  destination: {
    write(line: string) {
      logLines++;
      if (line.includes('"msg":"daily post scheduled"')) {
        scheduledLineBytes = line.length;
        scheduledMs = performance.now();
      }
      logFile.write(line);
    },
  },
});

const loadedMs = performance.now();
const library = createLibrary({ catalog: loadCatalog(), timeZone: "UTC" });
const ports = benchPorts(dir, 5);
const totd = createTalkOfTheDay({
  totd: { time: "09:00", timeZone: "UTC", slackChannels: [], matrixRooms: [] },
  subscriptionsMax: count,
  state: createFileStore({ dir, logger }),
  core: { today: (date) => library.current().today(date) },
  logger,
  // The wiring (src/app/chat-bot.ts) hands the adapters' post ports over the same way.
  ports: { slack: ports.slack, matrix: ports.matrix },
});
const catalogMs = performance.now();
await totd.start();
const startMs = performance.now();
const startCpu = process.cpuUsage();

const chat = mode === "chat" ? await subscribeFromChat(totd) : {};
await totd.idle();
const settledMs = performance.now();
await new Promise((r) => setTimeout(r, holdMs));
rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
const rssEnd = process.memoryUsage.rss();
await totd.stop();
clearInterval(sampler);
const figures: ProcessFigures = {
  loadedMs: Math.round(loadedMs),
  catalogMs: Math.round(catalogMs),
  startMs: Math.round(startMs),
  startCpuMs: Math.round((startCpu.user + startCpu.system) / 1000),
  scheduledMs: Math.round(scheduledMs),
  settledMs: Math.round(settledMs),
  rssPeakMb: mb(rssPeak),
  rssEndMb: mb(rssEnd),
  posted: ports.posted(),
  scheduledLineBytes,
  logLines,
  ...chat,
};
logFile.end(() => {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  process.exit(0);
});

/** Every destination sends `subscribe 00:00 UTC`, FLOOD at a time; times each reply. */
async function subscribeFromChat(totd: TalkOfTheDay) {
  // The turn answers subscription commands through the handlers the wiring registers.
  const turn = createTurn({
    library,
    rateLimiter: createRateLimiter({ burst: 1_000_000, perSecond: 1_000_000 }),
    handlers: createSubscriptionCommands({
      subscriptions: async () => totd.subscriptions(),
      defaults: { time: "09:00", timeZone: "UTC" },
      rateLimiter: createRateLimiter({ burst: 1_000_000, perSecond: 1_000_000 }),
    }),
  });
  const dests = destinations(count, new Date());
  const replies: Record<string, number> = {};
  const took: number[] = [];
  let next = 0;
  const asker = {
    displayName: "bench",
    mayManageSubscriptions: async () => ({ allowed: true as const }),
  };
  async function client(): Promise<void> {
    while (next < dests.length) {
      const d = dests[next++]!;
      const began = performance.now();
      const { reply } = await turn.handle({
        platform: d.platform,
        conversation: d.destination,
        user: "U0BENCH",
        text: "subscribe 00:00 UTC",
        asker,
      });
      took.push(performance.now() - began);
      const kind = reply?.kind ?? "none";
      replies[kind] = (replies[kind] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: FLOOD }, client));
  took.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(took[Math.min(took.length - 1, Math.floor(q * took.length))]!);
  return { replies, ackP50Ms: at(0.5), ackP99Ms: at(0.99), ackMaxMs: at(1) };
}
