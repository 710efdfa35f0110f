// Test helpers for the daily post: a recording stand-in where Slack or Matrix would be,
// a logger whose lines the test can read, and throwaway state directories.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, vi } from "vitest";
import type { ChatAdapter, Platform } from "../../src/adapters/types.ts";
import { type Core, createCore } from "../../src/core/answer.ts";
import type { TalkCard } from "../../src/core/card.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLogger, type Logger } from "../../src/log.ts";
import { createDailyPost, type DailyPost } from "../../src/totd/daily-post.ts";
import { openTotdStore, type TotdStore } from "../../src/totd/state.ts";

export interface RecordedPost {
  readonly platform: Platform;
  readonly destination: string;
  readonly talk: string;
  readonly heading: string | null;
  readonly key: string;
  /** Date.now() when postCard was called (the fake clock in fake-timer tests). */
  readonly at: string;
}

/**
 * What one postCard call does: an Error fails it (nothing posted); "hang" never settles
 * (nothing posted); "deliver-and-hang" posts and never settles (the process dies before it
 * hears back); { delivered: Error } posts and then fails (the answer was lost: a timeout);
 * a promise settles it when the promise does; nothing succeeds at once.
 */
export type PostOutcome =
  | Error
  | "hang"
  | "deliver-and-hang"
  | { readonly delivered: Error }
  | Promise<void>
  | undefined;

/** What one findPost call does: an Error fails it, { unavailable } refuses to look. */
export type LookupOutcome = Error | { readonly unavailable: string } | undefined;

export interface RecordedLookup {
  readonly destination: string;
  readonly key: string;
  readonly since: string;
}

export interface FakeChat extends ChatAdapter {
  /** Successful posts, in order. */
  readonly posts: RecordedPost[];
  /** Every postCard call, successful or not. */
  readonly attempts: RecordedPost[];
  /**
   * What reached the platform, whether or not the caller heard back: the channels and
   * rooms themselves. Pass one fake's channel to the next "process" to share it.
   */
  readonly channel: RecordedPost[];
  /** Every findPost call (Slack fakes only). */
  readonly lookups: RecordedLookup[];
  behaviour: (destination: string, attempt: number) => PostOutcome;
  lookupBehaviour: (destination: string, lookup: number) => LookupOutcome;
  started: number;
  stopped: number;
  state: ReturnType<ChatAdapter["health"]>;
}

export interface FakeChatOptions {
  /** The platform's channels, shared with an earlier (crashed) fake. */
  readonly channel?: RecordedPost[];
}

/**
 * A ChatAdapter where Slack or Matrix would be: records every post it is asked for. The
 * Slack one also looks in its channel (findPost) the way the real adapter reads history.
 */
export function fakeChat(platform: Platform, options: FakeChatOptions = {}): FakeChat {
  const perDestination = new Map<string, number>();
  let lookupCount = 0;
  const fake: FakeChat = {
    platform,
    posts: [],
    attempts: [],
    channel: options.channel ?? [],
    lookups: [],
    behaviour: () => undefined,
    lookupBehaviour: () => undefined,
    started: 0,
    stopped: 0,
    state: { state: "starting" },
    async start() {
      fake.started++;
      fake.state = { state: "up" };
    },
    async stop() {
      fake.stopped++;
      fake.state = { state: "stopped" };
    },
    health: () => fake.state,
    postCard(destination: string, card: TalkCard, key: string) {
      const n = (perDestination.get(destination) ?? 0) + 1;
      perDestination.set(destination, n);
      const post = {
        platform,
        destination,
        talk: card.id,
        heading: card.heading,
        key,
        at: new Date().toISOString(),
      };
      fake.attempts.push(post);
      const outcome = fake.behaviour(destination, n);
      if (outcome === "hang") return new Promise<void>(() => {});
      if (outcome instanceof Error) return Promise.reject(outcome);
      if (outcome instanceof Promise)
        return outcome.then(() => {
          fake.channel.push(post);
          fake.posts.push(post);
        });
      fake.channel.push(post);
      if (outcome === "deliver-and-hang") return new Promise<void>(() => {});
      if (outcome !== undefined) return Promise.reject(outcome.delivered);
      fake.posts.push(post);
      return Promise.resolve();
    },
    ...(platform === "slack"
      ? {
          async findPost(destination: string, key: string, since: Date) {
            fake.lookups.push({ destination, key, since: since.toISOString() });
            const outcome = fake.lookupBehaviour(destination, ++lookupCount);
            if (outcome instanceof Error) throw outcome;
            if (outcome) return { kind: "unavailable" as const, reason: outcome.unavailable };
            const found = fake.channel.some(
              (p) => p.destination === destination && p.key === key && p.at >= since.toISOString(),
            );
            return { kind: found ? ("found" as const) : ("absent" as const) };
          },
        }
      : {}),
  };
  return fake;
}

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** A real pino logger (redaction and all) writing parsed lines into an array. */
export function captureLogger(secrets: readonly string[] = []): {
  logger: Logger;
  lines: LogLine[];
} {
  const lines: LogLine[] = [];
  const logger = createLogger({
    level: "debug",
    pretty: false,
    secrets,
    destination: { write: (chunk: string) => void lines.push(JSON.parse(chunk) as LogLine) },
  });
  return { logger, lines };
}

const dirs: string[] = [];

export function tempDir(prefix = "virt-talks-totd-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Local wall-clock time "YYYY-MM-DD HH:MM:SS" of an ISO instant in a zone. */
export function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(new Date(iso));
}

export const DAY_MS = 86_400_000;

export interface DailyHarness {
  readonly daily: DailyPost;
  readonly store: TotdStore;
  readonly slack: FakeChat;
  readonly matrix: FakeChat;
  readonly lines: LogLine[];
  readonly counts: Record<string, number>;
}

export interface HarnessOptions {
  readonly stateDir: string;
  readonly core: Pick<Core, "today">;
  readonly time?: string;
  readonly timeZone?: string;
  readonly slackChannels?: readonly string[];
  readonly matrixRooms?: readonly string[];
  readonly slack?: FakeChat;
  readonly matrix?: FakeChat;
  readonly outcomeUnknown?: (error: unknown) => boolean;
}

/** One "process" of the daily post on a state directory; call start() yourself. */
export function dailyHarness(o: HarnessOptions): DailyHarness {
  const { logger, lines } = captureLogger();
  const slack = o.slack ?? fakeChat("slack");
  const matrix = o.matrix ?? fakeChat("matrix");
  const store = openTotdStore(o.stateDir, logger);
  const counts: Record<string, number> = {};
  const daily = createDailyPost({
    time: o.time ?? "09:00",
    timeZone: o.timeZone ?? "Europe/Berlin",
    targets: [
      ...(o.slackChannels ?? ["C1"]).map((destination) => ({
        platform: "slack" as const,
        destination,
        adapter: slack,
        ...(o.outcomeUnknown ? { outcomeUnknown: o.outcomeUnknown } : {}),
      })),
      ...(o.matrixRooms ?? ["!room:example.org"]).map((destination) => ({
        platform: "matrix" as const,
        destination,
        adapter: matrix,
        ...(o.outcomeUnknown ? { outcomeUnknown: o.outcomeUnknown } : {}),
      })),
    ],
    core: o.core,
    store,
    logger,
    observer: {
      dailyPost(platform, result) {
        const key = `${platform}:${result}`;
        counts[key] = (counts[key] ?? 0) + 1;
      },
    },
  });
  return { daily, store, slack, matrix, lines, counts };
}

/**
 * A fixed-offset zone where it is about noon right now, so a test using TOTD_TIME
 * "06:00" is hours past the post time and hours away from midnight, whenever it runs.
 */
export function noonZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours(); // -11 … +12
  if (offset === 0) return "Etc/GMT";
  // The Etc zones' signs are POSIX-style: Etc/GMT-3 is UTC+3.
  return `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

/**
 * The set-up every daily-post test file shares: one core in `timeZone`, and `start` for
 * harnesses that are stopped (or, after a simulated crash, abandoned) after each test.
 * Call at the top level of a test file.
 */
export function dailyPostSuite(options: { timeZone?: string; abandon?: boolean } = {}) {
  const core = createCore({
    catalog: loadCatalog(),
    timeZone: options.timeZone ?? "Europe/Berlin",
  });
  const started: DailyHarness[] = [];
  afterEach(async () => {
    for (const h of started.splice(0)) {
      // A "crashed" harness has a send that never settles: it cannot be stopped, only dropped.
      if (options.abandon) void h.daily.stop();
      else await h.daily.stop();
    }
    vi.useRealTimers();
    removeTempDirs();
  });
  function start(stateDir: string = tempDir(), extra: Partial<HarnessOptions> = {}): DailyHarness {
    const h = dailyHarness({ stateDir, core, ...extra });
    h.daily.start();
    started.push(h);
    return h;
  }
  return { core, start };
}
