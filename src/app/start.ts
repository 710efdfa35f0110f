// The composition of a running bot from a validated Config: what every mode shares
// (catalog, library, the conversation turn, the state store, metrics, adapter deps), then
// the console bot or the chat bot. Process concerns (environment, signals, exit codes)
// stay in src/main.ts, so tests can run this in-process.
import type { Config } from "../config.ts";
import type { AdapterDeps } from "../core/adapter.ts";
import type { TalkCard } from "../core/card.ts";
import { loadCatalog, loadCatalogInSlices } from "../core/catalog.ts";
import { createLibrary } from "../core/library.ts";
import { withPermalink } from "../core/permalink.ts";
import { type ConversationTurn, createTurn } from "../core/turn.ts";
import { createMetrics } from "../http/metrics.ts";
import { startWaitingServer } from "../http/waiting.ts";
import { databaseWhere, openStateStore } from "../persist/open-store.ts";
import { createSubscriptionCommands } from "../totd/subscription-commands.ts";
import { acceptedIds } from "../watch/watch-alerts.ts";
import { createWatchCommands } from "../watch/watch-commands.ts";
import { openWatches, type Watches } from "../watch/watches.ts";
import { createTalkPages, withPermalinks } from "../web/talk-pages.ts";
import type { Bot, BotBase, StartOptions } from "./bot.ts";
import { startChatBot } from "./chat-bot.ts";
import { startConsoleBot } from "./console-bot.ts";
import { createDailyPost } from "./daily-post.ts";
import { configSecrets, createScrubber } from "./logger.ts";
import { createRequestObserver } from "./observer.ts";
import { withPublicPages } from "./public-pages.ts";
import { createCatalogReloader } from "./reload.ts";
import { catalogDirsOf, startSources } from "./sources.ts";
import { createWatchAlertsHook } from "./watching.ts";

export type { Bot } from "./bot.ts";

/**
 * Console mode when no chat credentials are set, chat mode otherwise. Throws CatalogError
 * for a bad catalog and a plain Error when the operator server cannot listen.
 */
export async function startBot(config: Config, options: StartOptions): Promise<Bot> {
  const { logger } = options;
  // CATALOG_DIRS, and the folder the schedule sources fill when SOURCES_FILE exists.
  const catalogDirs = catalogDirsOf(config);
  const catalog = options.catalog ?? loadCatalog(config.dataDir, catalogDirs);
  // A bad CATALOG_DIRS file is left out (the rest is served; /healthz says degraded).
  for (const p of catalog.problems)
    logger.error(
      { file: p.file, record: p.record, field: p.field },
      `catalog file left out: ${p.problem}`,
    );
  // A bug the core or the turn hid from an asker (they answer "Sorry, ...") is still logged.
  const onError = (err: unknown) => logger.error({ err }, "answering a request failed");
  const library = createLibrary({ catalog, timeZone: config.totd.timeZone, onError });
  const chat = Boolean(config.slack || config.matrix);
  // PUBLIC_URL set: every card links to its talk's page (chat answers and the daily post).
  const pages = config.web ? createTalkPages(config.web.publicUrl, library) : undefined;
  const linked = (card: TalkCard) => (pages ? withPermalink(card, pages.url(card.id)) : card);
  const linkedTurn = (turn: ConversationTurn) => (pages ? withPermalinks(turn, pages) : turn);
  const metrics = createMetrics({
    replicas: config.database !== null,
    platforms: chat
      ? [...(config.slack ? ["slack" as const] : []), ...(config.matrix ? ["matrix" as const] : [])]
      : ["console"],
    postPlatforms: [
      ...(config.totd.slackChannels.length ? ["slack" as const] : []),
      ...(config.totd.matrixRooms.length ? ["matrix" as const] : []),
    ],
  });
  metrics.setCatalogTalks(catalog.talks.length);
  // DATABASE_URL in chat mode: the operator port answers at once, /healthz 503 with the
  // reason, while PostgreSQL is waited for; the bot's own server takes the port over.
  const waiting =
    chat && config.database
      ? await startWaitingServer({
          host: config.host,
          port: config.port,
          logger,
          store: { kind: "postgres", where: databaseWhere(config.database) },
          metrics: () => metrics.render(),
          scrub: createScrubber(configSecrets(config)),
        })
      : null;
  // DATABASE_URL: PostgreSQL for every namespace (waited for at start); else the file store
  // in STATE_DIR, locked to this process.
  const opened = await openStateStore({
    stateDir: config.stateDir,
    database: config.database,
    logger,
    onDatabaseError: metrics.replica.databaseError,
    ...(waiting ? { onUnreachable: waiting.unreachable } : {}),
  }).catch(async (err: unknown) => {
    await waiting?.close();
    throw err;
  });
  waiting?.waitingFor("state store open; starting the adapters");
  const state = opened.store;
  // Replicas (DATABASE_URL): the Matrix syncer lease, reachability, claim counters.
  // Loaded only with a database (the lease module reaches `pg`; see persist/open-store.ts).
  const replica = opened.postgres
    ? (await import("./replica.ts")).startReplica({
        postgres: opened.postgres,
        matrix: Boolean(config.matrix),
        counters: metrics.replica,
        logger,
      })
    : null;
  // Chat mode: the daily post and the chat subscriptions. The chat bot builds them once
  // the adapters (and with them the post ports) exist; the subscription commands, which
  // the adapters' turn answers, wait for them (the subscriptions open asynchronously anyway).
  const daily = createDailyPost({
    config,
    state,
    library,
    linked,
    watches: () => openedWatches,
    metrics,
    options,
  });
  if (!chat) daily.none();
  // Watches: the commands use the store at once; alerts start with the adapters (chat).
  const watchStore = openWatches(state);
  // The morning post reads the watches synchronously once they are open.
  let openedWatches: Watches | null = null;
  watchStore.then(
    (w) => {
      openedWatches = w;
    },
    (err: unknown) => logger.error({ err }, "watches could not be opened"),
  );
  const watching = createWatchAlertsHook(state, watchStore, library, logger);
  const deps: AdapterDeps = {
    // Console mode has no talk of the day: `subscribe` there is answered, not searched.
    turn: linkedTurn(
      createTurn({
        library,
        onError,
        handlers: {
          ...createSubscriptionCommands({
            subscriptions: async () => (await daily.built)?.subscriptions() ?? null,
            defaults: config.totd,
            logger,
          }),
          ...createWatchCommands({
            watches: () => watchStore,
            matchesToday: (query) => Boolean(acceptedIds(library.current(), query, 1)?.length),
            logger,
          }),
        },
      }),
    ),
    ...(pages ? { pages } : {}),
    logger,
    observer: createRequestObserver(logger, metrics),
    state,
    ...(replica ? { replica: replica.deps } : {}),
  };
  const local = createCatalogReloader({
    load: () => loadCatalog(config.dataDir, catalogDirs),
    loadInSlices: () => loadCatalogInSlices(config.dataDir, catalogDirs),
    library,
    metrics,
    logger,
  });
  // Replicas: POST /admin/reload on one reloads all (LISTEN/NOTIFY).
  // Loaded only with a database, like `pg` itself (see persist/open-store.ts).
  const broadcast = config.database
    ? (await import("./replica-reload.ts")).broadcastReloads(local, {
        connectionString: config.database.url,
        schema: config.database.schema,
        logger,
      })
    : null;
  const reloader = broadcast?.reloader ?? local;
  let base: BotBase = {
    config,
    library,
    reloader,
    metrics,
    deps,
    options,
    talkOfTheDay: daily.talkOfTheDay,
    watchAlerts: watching.open,
    store: { kind: opened.kind, where: opened.where },
    ...(replica ? { replica } : {}),
  };
  const sources = await startSources(config, {
    state,
    library,
    reloader,
    logger,
    onCatalogChanged: watching.changed,
    ...(opened.postgres ? { postgres: opened.postgres } : {}),
  });
  if (sources) base = { ...base, sources };
  if (waiting) {
    // The port is handed over (with PORT=0 the one already chosen, so it does not move).
    await waiting.close();
    base = { ...base, config: { ...config, port: waiting.address.port } };
  }
  let bot: Bot;
  try {
    bot = chat ? await startChatBot(base) : await startConsoleBot(base);
  } catch (err) {
    await sources?.stop();
    await broadcast?.close();
    await replica?.stop();
    await opened.close();
    throw err;
  }
  const withPages = config.web
    ? await withPublicPages(bot, {
        web: config.web,
        library,
        timeZone: config.totd.timeZone,
        logger,
      })
    : bot;
  return withStoreClosed(withPages, async () => {
    await sources?.stop();
    await broadcast?.close();
    await replica?.stop(); // after the adapters stopped: the syncer's last token is fenced
    await opened.close();
  });
}

/** The bot whose stop() also ends the state store (the pool, or STATE_DIR's lock), last. */
function withStoreClosed(bot: Bot, close: () => Promise<void>): Bot {
  let stopping: Promise<void> | null = null;
  return {
    ...bot,
    health: () => bot.health(),
    stop: () => {
      stopping ??= bot.stop().finally(close);
      return stopping;
    },
  };
}
