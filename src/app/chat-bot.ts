// Chat mode: Slack and/or Matrix, the operator HTTP server, the daily post, and their
// orderly shutdown.
import type {
  AdapterHealth,
  ChatAdapter,
  HttpReceivingAdapter,
  PostingChatAdapter,
} from "../core/adapter.ts";
import { catalogVersion } from "../core/catalog-version.ts";
import type { Platform } from "../core/platform.ts";
import { within } from "../core/retry.ts";
import { healthReport } from "../http/health.ts";
import { type OperatorServer, startOperatorServer } from "../http/server.ts";
import type { SharedRecords } from "../totd/types.ts";
import type { WatchAlerts } from "../watch/watch-alerts.ts";
import type { Bot, BotBase } from "./bot.ts";

import { configSecrets, createScrubber } from "./logger.ts";

export async function startChatBot(base: BotBase): Promise<Bot> {
  const { config, library, metrics, deps, options } = base;
  const { logger } = options;
  const slack: HttpReceivingAdapter | null = config.slack
    ? options.adapters.slack(config.slack, deps)
    : null;
  const matrix: PostingChatAdapter | null = config.matrix
    ? options.adapters.matrix(config.matrix, deps)
    : null;
  const adapters = [slack, matrix].filter((a): a is PostingChatAdapter => a !== null);
  const startErrors = new Map<Platform, string>();
  const scrub = createScrubber(configSecrets(config));

  // The talk of the day and the watch alerts post through the adapters' post ports.
  const ports = {
    ...(slack ? { slack: slack.post } : {}),
    ...(matrix ? { matrix: matrix.post } : {}),
  };
  const totd = base.talkOfTheDay(ports);
  // Replicas: every replica runs the schedule; per destination they take turns (claims),
  // so each day's talk goes out once whichever replicas live.
  if (base.replica) {
    const { replica } = base;
    const matrixSync = replica.deps.matrixSync;
    // A subscription changed through one replica reaches the others' schedules at once
    // (LISTEN/NOTIFY; loaded only with a database, like `pg` itself).
    const broadcast = config.database
      ? (await import("./subscription-broadcast.ts")).subscriptionBroadcast({
          connectionString: config.database.url,
          schema: config.database.schema,
          logger,
        })
      : undefined;
    const shared: SharedRecords = {
      claims: replica.claims,
      // Only the Matrix syncer sends to Matrix: the standbys leave its rooms to it.
      mayPost: (platform) => platform !== "matrix" || matrixSync?.role() !== "standby",
      options: {
        onClaim: (won) => replica.dailyPostClaim(won),
        ...(options.dailyClaimTtlMs ? { ttlMs: options.dailyClaimTtlMs } : {}),
      },
    };
    totd.share(shared, broadcast ? { broadcast } : {});
  }
  let alerts: WatchAlerts | null = null;
  // Removed from a channel or room: pause its talk of the day at once (no failed post at
  // the next post time); invited back: resume, catching up on today if it is due.
  const unsubscribe = adapters.flatMap((a) => {
    const platform = a.platform;
    if (platform === "console" || !a.onMembership) return [];
    return [
      a.onMembership((change) => {
        for (const id of new Set([change.destination, ...(change.aliases ?? [])])) {
          const done =
            change.membership === "join"
              ? totd.resume(platform, id)
              : totd.pause(platform, id, `the bot left ${id}`);
          done.catch((err: unknown) =>
            logger.error(
              { platform, destination: id, err },
              "talk of the day: membership change failed",
            ),
          );
        }
      }),
    ];
  });

  const health = () =>
    healthReport({
      adapters: () => {
        const out: Partial<Record<Platform, AdapterHealth>> = {};
        for (const a of adapters) {
          const failed = startErrors.get(a.platform);
          const h = failed ? { state: "down" as const, detail: failed } : safeHealth(a);
          out[a.platform] = h.detail === undefined ? h : { ...h, detail: scrub(h.detail) };
        }
        return out;
      },
      catalogTalks: () => library.current().catalog.talks.length,
      catalogVersion: () => catalogVersion(library.current().catalog),
      totd: () => totd.statusAll(),
      store: base.store,
      catalogProblems: () => library.current().catalog.problems,
      sources: () => base.sources?.status() ?? null,
      replica: () => base.replica?.status() ?? null,
    });

  let http: OperatorServer;
  try {
    http = await startOperatorServer({
      host: config.host,
      port: config.port,
      logger,
      health,
      metrics: () => metrics.render(),
      ...(config.adminToken
        ? {
            admin: {
              token: config.adminToken,
              reload: () => base.reloader.reloadInSlices("admin"),
            },
          }
        : {}),
      // Socket Mode (an app token) receives events over its own websocket.
      ...(slack && !config.slack?.appToken
        ? { slackEvents: (req, res) => slack.requestListener(req, res) }
        : {}),
    });
  } catch (err) {
    throw new Error(
      `cannot listen on ${config.host}:${config.port} (check HOST and PORT): ${(err as Error).message}`,
    );
  }

  let stopping: Promise<void> | null = null;

  // Adapters connect in the background, so a signal during a slow start-up (homeserver
  // away, start-up retries) can stop them at once. One that cannot start (bad token)
  // leaves the others running; /healthz reports it down (503) so the operator sees it.
  const ready = Promise.all(
    adapters.map(async (a) => {
      try {
        await a.start();
        logger.info({ platform: a.platform }, "adapter started");
      } catch (err) {
        if (stopping) return; // stopped while connecting: not a failure
        const message = scrub(err instanceof Error ? err.message : String(err));
        startErrors.set(a.platform, `start failed: ${message}`);
        // The message only: log.ts scrubs secrets from strings, not from nested errors.
        logger.error({ platform: a.platform, error: message }, "adapter failed to start");
      }
    }),
  ).then(async () => {
    if (stopping) return;
    // The daily post starts after the adapters, so a catch-up post has someone to send it.
    await totd.start();
    alerts = await base.watchAlerts(ports);
    logger.info(
      {
        adapters: adapters.map((a) => a.platform),
        talks: library.current().catalog.talks.length,
        dailyPost: Object.keys(totd.statusAll()).length,
        port: http.address.port,
      },
      "virt-talks started",
    );
  });

  async function shutdown(): Promise<void> {
    for (const stop of unsubscribe) stop();
    alerts?.stop();
    const step = async (what: string, run: () => Promise<void>) => {
      try {
        await run();
      } catch (err) {
        logger.error({ err }, `shutdown: ${what} failed`);
      }
    };
    // 1. No new connections (requests in flight may finish during the steps below).
    const httpClosed = http.close();
    // 2. No new daily-post attempts. A send in flight is not waited for here: the adapters'
    //    stop() bounds it, and one cut off stays "in flight" in the state file for the next
    //    start to settle (each state write is awaited before the step after it).
    const dailyStopped = step("daily post", () => totd.stop());
    // 3. Adapters finish what they are answering and disconnect (or stop connecting).
    await Promise.all(adapters.map((a) => step(`${a.platform} adapter`, () => a.stop())));
    // A send still running after its adapter stopped is left behind: its intent is on disk
    // as in flight, and the next start settles it (Matrix re-sends with the same key, Slack
    // looks in the channel first).
    if (!(await settlesWithin(dailyStopped, STOP_GRACE_MS))) {
      logger.warn("a daily post was still being sent at shutdown; the next start settles it");
    }
    if (!(await settlesWithin(ready, STOP_GRACE_MS))) {
      logger.warn("an adapter was still starting at shutdown");
    }
    await step("operator server", () => httpClosed);
    logger.info("virt-talks stopped");
  }

  return {
    mode: "chat",
    http,
    metrics,
    ready,
    ended: new Promise<void>(() => {}),
    health,
    stop: () => {
      stopping ??= shutdown();
      return stopping;
    },
    reload: (reason) => base.reloader.reloadInSlices(reason),
  };
}

/** How long shutdown waits for a daily-post send (or a start-up) once the adapters have stopped. */
const STOP_GRACE_MS = 2_000;

/** true if `promise` settles (either way: a failed start-up must not cut shutdown short) within `ms`. */
const settlesWithin = (promise: Promise<unknown>, ms: number): Promise<boolean> =>
  within(
    promise.then(
      () => true,
      () => true,
    ),
    ms,
    false,
  );

function safeHealth(adapter: ChatAdapter): AdapterHealth {
  try {
    return adapter.health();
  } catch (err) {
    return { state: "down", detail: `health check failed: ${(err as Error).message}` };
  }
}
