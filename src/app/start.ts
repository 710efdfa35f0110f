// The composition of a running bot from a validated Config: what every mode shares
// (catalog, core, metrics, adapter deps), then the console bot or the chat bot. Process
// concerns (environment, signals, exit codes) stay in src/main.ts, so tests can run this
// in-process.
import type { AdapterDeps } from "../adapters/types.ts";
import type { Config } from "../config.ts";
import { type Core, createCore } from "../core/answer.ts";
import { type Catalog, loadCatalog } from "../core/catalog.ts";
import { createRateLimiter } from "../core/rate-limit.ts";
import type { HealthReport } from "../http/health.ts";
import { createMetrics, type Metrics } from "../http/metrics.ts";
import type { OperatorServer } from "../http/server.ts";
import type { Logger } from "../log.ts";
import type { Backoff } from "../totd/daily-post.ts";
import { startChatBot } from "./chat-bot.ts";
import { startConsoleBot } from "./console-bot.ts";
import type { AdapterFactories } from "./factories.ts";
import { createRequestObserver } from "./observer.ts";

export interface BotIo {
  /** Only called in console mode: with chat credentials stdin is never touched. */
  readonly input: () => NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly prompt?: string;
}

export interface StartOptions {
  readonly adapters: AdapterFactories;
  readonly io: BotIo;
  readonly logger: Logger;
  /** Defaults to loading config.dataDir (or the bundled data/). */
  readonly catalog?: Catalog;
  readonly backoff?: Backoff;
  /**
   * The daily post's clock (which day it is, when the post is due); the real one unless a
   * test moves the bot to another day (test/totd-kill.test.ts).
   */
  readonly now?: () => Date;
}

export interface Bot {
  /** "console" when no chat credentials are set: a local prompt on stdin/stdout. */
  readonly mode: "chat" | "console";
  readonly http: OperatorServer | null;
  readonly metrics: Metrics;
  /**
   * Resolves once every adapter has started (or failed to) and the daily post runs.
   * startBot itself resolves as soon as the operator server listens.
   */
  readonly ready: Promise<void>;
  /** Resolves when the bot ends on its own (console input ended); never in chat mode. */
  readonly ended: Promise<void>;
  health(): HealthReport;
  /** Orderly shutdown; logs (never throws) what failed on the way. Idempotent. */
  stop(): Promise<void>;
}

/** What both modes are built from. */
export interface BotBase {
  readonly config: Config;
  readonly catalog: Catalog;
  readonly core: Core;
  readonly metrics: Metrics;
  readonly deps: AdapterDeps;
  readonly options: StartOptions;
}

/**
 * Console mode when no chat credentials are set, chat mode otherwise. Throws CatalogError
 * for a bad catalog and a plain Error when the operator server cannot listen.
 */
export async function startBot(config: Config, options: StartOptions): Promise<Bot> {
  const { logger } = options;
  const catalog = options.catalog ?? loadCatalog(config.dataDir, config.catalogDirs);
  const core = createCore({ catalog, timeZone: config.totd.timeZone });
  const chat = Boolean(config.slack || config.matrix);
  const metrics = createMetrics({
    platforms: chat
      ? [...(config.slack ? ["slack" as const] : []), ...(config.matrix ? ["matrix" as const] : [])]
      : ["console"],
    postPlatforms: [
      ...(config.totd.slackChannels.length ? ["slack" as const] : []),
      ...(config.totd.matrixRooms.length ? ["matrix" as const] : []),
    ],
  });
  metrics.setCatalogTalks(catalog.talks.length);
  const deps: AdapterDeps = {
    core,
    logger,
    observer: createRequestObserver(logger, metrics),
    rateLimiter: createRateLimiter(),
    stateDir: config.stateDir,
  };
  const base: BotBase = { config, catalog, core, metrics, deps, options };
  return chat ? startChatBot(base) : startConsoleBot(base);
}
