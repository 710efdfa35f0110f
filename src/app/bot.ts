// What a running bot is, and what both modes (console, chat) are built from. Kept apart
// from start.ts so the modes, main.ts and the tests depend on the contract, not on the
// composition.
import type { Config } from "../config.ts";
import type { AdapterDeps } from "../core/adapter.ts";
import type { Catalog } from "../core/catalog.ts";
import type { Library } from "../core/library.ts";
import type { PostPlatform } from "../core/platform.ts";
import type { PostPort } from "../core/post-port.ts";
import type { Backoff } from "../core/retry.ts";
import type { HealthReport, StoreInfo } from "../http/health.ts";
import type { Metrics } from "../http/metrics.ts";
import type { OperatorServer } from "../http/server.ts";
import type { Logger } from "../log.ts";
import type { SourceSyncer } from "../sources/syncer.ts";
import type { TalkOfTheDay } from "../totd/talk-of-the-day.ts";
import type { WatchAlerts } from "../watch/watch-alerts.ts";
import type { WebServer } from "../web/server.ts";
import type { AdapterFactories } from "./factories.ts";
import type { CatalogReloader, ReloadOutcome } from "./reload.ts";
import type { Replica } from "./replica.ts";

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
  /** Defaults to loading the built-in catalog plus CATALOG_DIRS. */
  readonly catalog?: Catalog;
  readonly backoff?: Backoff;
  /**
   * The daily post's clock (which day it is, when the post is due); the real one unless a
   * test moves the bot to another day (the kill scenario).
   */
  readonly now?: () => Date;
  /** How long a replica's daily-post claim lasts (tests of killed replicas shorten it). */
  readonly dailyClaimTtlMs?: number;
}

export interface Bot {
  /** "console" when no chat credentials are set: a local prompt on stdin/stdout. */
  readonly mode: "chat" | "console";
  readonly http: OperatorServer | null;
  /** The public pages' listener (PUBLIC_URL set). */
  readonly web?: WebServer;
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
  /** Reloads the catalogs (SIGHUP, POST /admin/reload); a bad catalog keeps the old one. */
  reload(reason: "SIGHUP" | "admin"): Promise<ReloadOutcome>;
}

/** What both modes are built from. */
export interface BotBase {
  readonly config: Config;
  /** The catalog and search in use; a reload replaces them as a whole. */
  readonly library: Library;
  readonly reloader: CatalogReloader;
  readonly metrics: Metrics;
  readonly deps: AdapterDeps;
  readonly options: StartOptions;
  /**
   * Builds the daily post and chat subscriptions over the adapters' post ports (chat mode,
   * once, after the adapters): the subscription commands of `deps.turn` use it from then on.
   */
  readonly talkOfTheDay: (ports: Partial<Record<PostPlatform, PostPort>>) => TalkOfTheDay;
  /**
   * Opens the watch alerts over the adapters' post ports (chat mode, once the adapters have
   * started): from then on a sync that changed the catalog alerts the watching rooms.
   */
  readonly watchAlerts: (ports: Partial<Record<PostPlatform, PostPort>>) => Promise<WatchAlerts>;
  /** Which state store serves this bot, for /healthz. */
  readonly store: StoreInfo;
  /** The schedule sources the bot keeps in sync (SOURCES_FILE), when it lists any. */
  readonly sources?: SourceSyncer;
  /** This process as one of several replicas (DATABASE_URL); absent on the file store. */
  readonly replica?: Replica;
}
