// The bot's catalog, schedule sources and watch alerts as the running bot wires them
// (src/app/sources.ts, src/app/watching.ts), for the end-to-end watch tests: a local
// schedule server, the Slack fake behind the real Slack adapter and the homeserver fake
// behind the real Matrix adapter. Each `life` is one process over the same folder and
// state store: a restart is a second life.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type ScheduleServer,
  startScheduleServer,
} from "../../bench/shared/fakes/schedule-server.ts";
import { createCatalogReloader } from "../../src/app/reload.ts";
import { catalogDirsOf, startSources } from "../../src/app/sources.ts";
import { createWatchAlertsHook } from "../../src/app/watching.ts";
import { loadConfig } from "../../src/config.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import type { PostPort } from "../../src/core/post-port.ts";
import type { StateStore } from "../../src/core/state-store.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import { openWatches } from "../../src/watch/watches.ts";
import { fixture, tempDir } from "../support/import-helpers.ts";
import { alice, Harness as MatrixHarness } from "../support/matrix-harness.ts";
import { type Harness as SlackHarness, startHarness } from "../support/slack-harness.ts";
import { captureLogger } from "../support/totd-helpers.ts";

export const V1 = readFileSync(fixture("kvm-forum-2026.json"), "utf8");
/** V1 plus "virtio-gpu native contexts for Linux guests", and one title changed. */
export const V2 = readFileSync(fixture("kvm-forum-2026-v2.json"), "utf8");
export const CHANNEL = "C0CHAN001";
export const WATCHER = {
  byUser: "U0USER001",
  by: "<@U0USER001>",
  at: "2026-11-29T12:00:00.000Z",
} as const;

/** A talk in KVM Forum 2026's "I/O and devices" track by Sven Aalto, as an alert lists it. */
interface AlertedTalk {
  readonly title: string;
  readonly url: string;
  readonly abstract: string;
}

/** The Slack text of a one-talk alert for the watch "virtio-gpu". */
export const slackAlertText = (talk: Pick<AlertedTalk, "title">) =>
  `1 talk for your watch “virtio-gpu”: ${talk.title} — Sven Aalto · KVM Forum 2026 · I/O and devices`;

/** The Matrix notice body of a one-talk alert for the watch "virtio-gpu". */
export const matrixAlertBody = (talk: AlertedTalk) =>
  [
    "1 talk for your watch “virtio-gpu”",
    "",
    `1. ${talk.title} — ${talk.url}`,
    "Sven Aalto · KVM Forum 2026 · I/O and devices",
    talk.abstract,
    "Topics: virtio · graphics",
    "Also: Event page https://kvm-forum.example.org/2026/",
    "New talk",
    "",
    "Ask again any time: !virt virtio-gpu",
  ].join("\n");

export interface World {
  readonly server: ScheduleServer;
  readonly slack: SlackHarness;
  readonly matrix: MatrixHarness;
  readonly dir: string;
  readonly ports: Record<"slack" | "matrix", PostPort>;
  /** A Matrix room the bot and alice are in. */
  room(): string;
  /** The alert messages posted to CHANNEL. */
  slackAlerts(): ReturnType<SlackHarness["fake"]["callsTo"]>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const server = await startScheduleServer();
  const slack = await startHarness();
  const matrix = await MatrixHarness.create();
  await matrix.start();
  const dir = tempDir("virt-watch-e2e-");
  mkdirSync(join(dir, "catalog"));
  mkdirSync(join(dir, "state"));
  writeFileSync(join(dir, "sources.json"), JSON.stringify({ sources: [{ url: server.url }] }));
  return {
    server,
    slack,
    matrix,
    dir,
    ports: { slack: slack.adapter.post, matrix: matrix.adapter.post },
    room: () => matrix.hs.createRoom({ members: [alice] }),
    slackAlerts: () =>
      slack.fake
        .callsTo("chat.postMessage", { all: true })
        .filter((c) => c.body.channel === CHANNEL),
    async close() {
      await server.close();
      await slack.close();
      await matrix.close();
    },
  };
}

interface LifeOptions {
  /** The state store (default: files in `<dir>/state`). */
  readonly state?: StateStore;
  /** The watch alerts' clock. */
  readonly clock?: () => number;
  /** The answers' clock (now, next, schedule, new); the real one by default. */
  readonly answerClock?: () => Date;
  /** The fetch's limits (small ones for the slow and oversized bodies). */
  readonly fetchLimits?: { readonly timeoutMs: number; readonly maxBytes: number };
}

/** One life of the bot's catalog, sources and watch alerts over the world's folder. */
export async function life(world: World, options: LifeOptions = {}) {
  const { dir } = world;
  const config = loadConfig(
    { SOURCES_FILE: join(dir, "sources.json"), CATALOG_DIRS: join(dir, "catalog") },
    false,
  );
  const { logger, lines } = captureLogger();
  const state = options.state ?? createFileStore({ dir: join(dir, "state"), logger });
  const load = () => loadCatalog(config.dataDir, catalogDirsOf(config));
  const library = createLibrary({
    catalog: load(),
    timeZone: "UTC",
    ...(options.answerClock ? { clock: options.answerClock } : {}),
  });
  const reloader = createCatalogReloader({
    load,
    library,
    metrics: { setCatalogTalks: () => {} },
    logger,
  });
  const watches = openWatches(state);
  const hook = createWatchAlertsHook(state, watches, library, logger, options.clock);
  const sources = await startSources(config, {
    state,
    library,
    reloader,
    logger,
    onCatalogChanged: hook.changed,
    ...(options.fetchLimits ? { fetchLimits: options.fetchLimits } : {}),
  });
  // Rounds run when the test says (syncNow), not on the timer.
  await sources?.stop();
  const alerts = await hook.open(world.ports);
  return { sources: sources!, watches: await watches, library, hook, alerts, lines, state };
}
