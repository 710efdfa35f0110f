// Test helpers for the daily post: a recording stand-in where Slack or Matrix would be,
// a logger whose lines the test can read, and throwaway state directories.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, vi } from "vitest";
import type { AdapterHealth } from "../../src/core/adapter.ts";
import { type Core, createCore } from "../../src/core/answer.ts";
import type { TalkCard } from "../../src/core/card.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import type { PostPlatform } from "../../src/core/platform.ts";
import {
  DeliveryError,
  type PostCapabilities,
  type PostLookup,
  type PostPort,
} from "../../src/core/post-port.ts";
import type { StateStore } from "../../src/core/state-store.ts";
import { createLogger, type Logger } from "../../src/log.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import { createDailyPost, type DailyPost } from "../../src/totd/daily-post.ts";
import { openTotdRecords } from "../../src/totd/records.ts";
import type {
  DestinationStatus,
  ScheduledDestination,
} from "../../src/totd/subscription-schedule.ts";
import type { DailyPostOptions } from "../../src/totd/types.ts";
import type { WatchAlertMessage } from "../../src/watch/alert-message.ts";
import { type MemoryStore, memoryStore } from "./totd-memory-store.ts";

export interface RecordedPost {
  readonly platform: PostPlatform;
  readonly destination: string;
  readonly talk: string;
  readonly heading: string | null;
  readonly key: string;
  /** Date.now() when postCard was called (the fake clock in fake-timer tests). */
  readonly at: string;
  /** What postWatchAlert posted (the morning post during a watched conference). */
  readonly alert?: WatchAlertMessage;
}

/**
 * What one postCard call does: an Error fails it (nothing posted; a DeliveryError says
 * how); "hang" never settles (nothing posted); "deliver-and-hang" posts and never settles
 * (the process dies before it hears back); { delivered: Error } posts and then fails (the
 * answer was lost: a timeout); a promise settles it when the promise does; nothing
 * succeeds at once.
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

export interface FakeChat extends PostPort {
  readonly platform: PostPlatform;
  /** Successful posts, in order. */
  readonly posts: RecordedPost[];
  /** Every postCard call, successful or not. */
  readonly attempts: RecordedPost[];
  /**
   * What reached the platform, whether or not the caller heard back: the channels and
   * rooms themselves. Pass one fake's channel to the next "process" to share it.
   */
  readonly channel: RecordedPost[];
  /** Every findPost call (fakes that can find posts only). */
  readonly lookups: RecordedLookup[];
  behaviour: (destination: string, attempt: number) => PostOutcome;
  lookupBehaviour: (destination: string, lookup: number) => LookupOutcome;
  // The chat-adapter side, for tests of the whole composition (test/app): an adapter
  // whose post port is itself.
  readonly post: PostPort;
  started: number;
  stopped: number;
  state: AdapterHealth;
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): AdapterHealth;
}

interface FakeChatOptions {
  /** The platform's channels, shared with an earlier (crashed) fake. */
  readonly channel?: RecordedPost[];
  /** What the platform can do; Slack's and Matrix's by default. */
  readonly capabilities?: PostCapabilities;
}

/** What the real adapters declare: Slack finds its posts by key, Matrix drops repeats. */
const PLATFORM_CAPABILITIES: Record<PostPlatform, PostCapabilities> = {
  slack: { resendsSafely: false, canFindPost: true },
  matrix: { resendsSafely: true, canFindPost: false },
};

/** Errors the way the adapters classify them. */
export const notSent = (message = "connect ECONNREFUSED", retryAfterMs: number | null = null) =>
  new DeliveryError(
    retryAfterMs === null
      ? { kind: "not-sent", detail: message }
      : { kind: "rate-limited", retryAfterMs, detail: message },
  );
export const unknownOutcome = (message = "request timed out") =>
  new DeliveryError({ kind: "unknown", detail: message });
export const refused = (message = "not_in_channel") =>
  new DeliveryError({ kind: "refused", detail: message });

/**
 * A post port where Slack or Matrix would be: records every post it is asked for; one
 * that can find posts looks in its channel the way the real Slack adapter reads history.
 */
export function fakeChat(platform: PostPlatform, options: FakeChatOptions = {}): FakeChat {
  const perDestination = new Map<string, number>();
  let lookupCount = 0;
  const capabilities = options.capabilities ?? PLATFORM_CAPABILITIES[platform];
  const fake: FakeChat = {
    platform,
    capabilities,
    posts: [],
    attempts: [],
    channel: options.channel ?? [],
    lookups: [],
    behaviour: () => undefined,
    lookupBehaviour: () => undefined,
    started: 0,
    stopped: 0,
    state: { state: "starting" },
    get post(): PostPort {
      return fake;
    },
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
      return send({
        platform,
        destination,
        talk: card.id,
        heading: card.heading,
        key,
        at: new Date().toISOString(),
      });
    },
    postWatchAlert(destination: string, alert: WatchAlertMessage, key: string) {
      return send({
        platform,
        destination,
        talk: alert.entries.map((e) => e.card.id).join(","),
        heading: alert.heading,
        key,
        at: new Date().toISOString(),
        alert,
      });
    },
    ...(capabilities.canFindPost
      ? {
          async findPost(destination: string, key: string, since: Date): Promise<PostLookup> {
            fake.lookups.push({ destination, key, since: since.toISOString() });
            const outcome = fake.lookupBehaviour(destination, ++lookupCount);
            if (outcome instanceof Error) throw outcome;
            if (outcome) return { kind: "unavailable", reason: outcome.unavailable };
            const found = fake.channel.some(
              (p) => p.destination === destination && p.key === key && p.at >= since.toISOString(),
            );
            return { kind: found ? "found" : "absent" };
          },
        }
      : {}),
  };
  /** One post (a card or a list) as `behaviour` says it goes. */
  function send(post: RecordedPost): Promise<void> {
    const { destination } = post;
    const n = (perDestination.get(destination) ?? 0) + 1;
    perDestination.set(destination, n);
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
  }
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
/** The "disk" of each temp state dir, for harnesses on the in-memory store. */
const disks = new Map<string, MemoryStore>();

export function tempDir(prefix = "virt-talks-totd-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  disks.clear();
}

/** The in-memory store standing for a state dir: the same "disk" for every harness on it. */
export function memoryStoreFor(dir: string): MemoryStore {
  const known = disks.get(dir);
  const store = memoryStore(known?.disk);
  disks.set(dir, store);
  return store;
}

/** Local wall-clock time "YYYY-MM-DD HH:MM:SS" of an ISO instant in a zone. */
export function localTime(iso: string, timeZone: string): string {
  let format = localFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("sv-SE", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    localFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/** One formatter per zone: the scale tests ask about thousands of posts. */
const localFormats = new Map<string, Intl.DateTimeFormat>();

export const DAY_MS = 86_400_000;

export interface DailyHarness {
  readonly daily: DailyPost;
  readonly state: StateStore;
  /** The in-memory store (unless the harness runs on the file store). */
  readonly memory: MemoryStore | null;
  readonly slack: FakeChat;
  readonly matrix: FakeChat;
  readonly lines: LogLine[];
  readonly counts: Record<string, number>;
  /** Whether the totd namespace was recovered (unreadable, started empty). */
  recovered(): Promise<boolean>;
}

export interface HarnessOptions {
  readonly stateDir: string;
  readonly core: Pick<Core, "today">;
  readonly time?: string;
  readonly timeZone?: string;
  readonly slackChannels?: readonly string[];
  readonly matrixRooms?: readonly string[];
  /** More destinations (chat subscriptions) with their own times and zones. */
  readonly extra?: readonly ScheduledDestination[];
  readonly slack?: FakeChat;
  readonly matrix?: FakeChat;
  /** The real file store on stateDir instead of the in-memory one (no timer advancing). */
  readonly fileStore?: boolean;
  /** The backoff's jitter: 1 (the full delay) so waits are exact. */
  readonly random?: () => number;
  /** The watched day instead of the talk of the day (DailyPostOptions.morning). */
  readonly morning?: DailyPostOptions["morning"];
}

/** One "process" of the daily post on a state directory; call start() yourself. */
function dailyHarness(o: HarnessOptions): DailyHarness {
  const { logger, lines } = captureLogger();
  const slack = o.slack ?? fakeChat("slack");
  const matrix = o.matrix ?? fakeChat("matrix");
  const memory = o.fileStore ? null : memoryStoreFor(o.stateDir);
  const state = memory ?? createFileStore({ dir: o.stateDir, logger });
  const counts: Record<string, number> = {};
  const time = o.time ?? "09:00";
  const timeZone = o.timeZone ?? "Europe/Berlin";
  const operator = (platform: PostPlatform) => (destination: string) => ({
    platform,
    destination,
    time,
    timeZone,
    source: "operator" as const,
  });
  const daily = createDailyPost({
    ports: { slack, matrix },
    destinations: [
      ...(o.slackChannels ?? ["C1"]).map(operator("slack")),
      ...(o.matrixRooms ?? ["!room:example.org"]).map(operator("matrix")),
      ...(o.extra ?? []),
    ],
    core: o.core,
    ...(o.morning ? { morning: o.morning } : {}),
    state,
    logger,
    random: o.random ?? (() => 1),
    observer: {
      dailyPost(platform, result) {
        const key = `${platform}:${result}`;
        counts[key] = (counts[key] ?? 0) + 1;
      },
    },
  });
  return {
    daily,
    state,
    memory,
    slack,
    matrix,
    lines,
    counts,
    recovered: async () => (await openTotdRecords(state)).recovered,
  };
}

/** status() in short: last post and last error per destination. */
export function brief(
  daily: DailyPost,
): Record<string, Pick<DestinationStatus, "lastPosted" | "lastError">> {
  return Object.fromEntries(
    Object.entries(daily.statusAll()).map(([id, s]) => [
      id,
      s.lastError
        ? { lastPosted: s.lastPosted, lastError: s.lastError }
        : { lastPosted: s.lastPosted },
    ]),
  );
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
    void h.daily.start();
    started.push(h);
    return h;
  }
  return { core, start };
}
