// Watch alerts end to end, as the running bot wires them (src/app/sources.ts and
// src/app/watching.ts): a local schedule server whose schedule gains a talk, the real
// syncer and reload, and the real Slack and Matrix adapters posting to the Slack fake and
// the homeserver fake. One alert per watching room, with the exact words; none again after
// a restart.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
import type { Talk } from "../../src/core/talk.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import { openWatches } from "../../src/watch/watches.ts";
import { fixture, tempDir } from "../support/import-helpers.ts";
import { alice, Harness as MatrixHarness } from "../support/matrix-harness.ts";
import { type Harness as SlackHarness, startHarness } from "../support/slack-harness.ts";
import { captureLogger } from "../support/totd-helpers.ts";

const V1 = readFileSync(fixture("kvm-forum-2026.json"), "utf8");
/** V1 plus "virtio-gpu native contexts for Linux guests", and one title changed. */
const V2 = readFileSync(fixture("kvm-forum-2026-v2.json"), "utf8");
const CHANNEL = "C0CHAN001";
const ABSTRACT =
  "Native contexts let a guest talk to the host GPU driver with little translation. " +
  "We compare them with Venus and virgl for desktop workloads.";

let server: ScheduleServer;
let slack: SlackHarness;
let matrix: MatrixHarness;
let dir: string;

beforeEach(async () => {
  server = await startScheduleServer();
  slack = await startHarness();
  matrix = await MatrixHarness.create();
  await matrix.start();
  dir = tempDir("virt-watch-e2e-");
  mkdirSync(join(dir, "catalog"));
  mkdirSync(join(dir, "state"));
  writeFileSync(join(dir, "sources.json"), JSON.stringify({ sources: [{ url: server.url }] }));
});
afterEach(async () => {
  await server.close();
  await slack.close();
  await matrix.close();
});

/** One life of the bot's catalog, sources and watch alerts over the state in `dir`. */
async function life(ports: Record<"slack" | "matrix", PostPort>) {
  const config = loadConfig(
    { SOURCES_FILE: join(dir, "sources.json"), CATALOG_DIRS: join(dir, "catalog") },
    false,
  );
  const { logger, lines } = captureLogger();
  const state = createFileStore({ dir: join(dir, "state"), logger });
  const load = () => loadCatalog(config.dataDir, catalogDirsOf(config));
  const library = createLibrary({ catalog: load(), timeZone: "UTC" });
  const reloader = createCatalogReloader({
    load,
    library,
    metrics: { setCatalogTalks: () => {} },
    logger,
  });
  const watches = openWatches(state);
  const hook = createWatchAlertsHook(state, watches, library, logger);
  const sources = await startSources(config, {
    state,
    library,
    reloader,
    logger,
    onCatalogChanged: hook.changed,
  });
  // Rounds run when the test says (syncNow), not on the timer.
  await sources?.stop();
  const alerts = await hook.open(ports);
  return { sources: sources!, watches: await watches, library, hook, alerts, lines };
}

const slackAlerts = () =>
  slack.fake.callsTo("chat.postMessage", { all: true }).filter((c) => c.body.channel === CHANNEL);

describe("watch alerts through the sources sync", () => {
  it("a sync adding a talk a room watches alerts it once on each platform, and never again after a restart", async () => {
    const room = matrix.hs.createRoom({ members: [alice] });
    const ports = { slack: slack.adapter.post, matrix: matrix.adapter.post };
    server.serve({ body: V1, etag: '"v1"' });
    const first = await life(ports);
    await first.sources.syncNow();
    const by = { byUser: "U0USER001", by: "<@U0USER001>", at: "2026-11-29T12:00:00.000Z" };
    await first.watches.add("slack", CHANNEL, { query: "virtio-gpu", ...by });
    await first.watches.add("matrix", room, { query: "virtio-gpu", ...by });

    server.serve({ body: V2, etag: '"v2"' });
    const before: readonly Talk[] = first.library.current().catalog.talks;
    const [round] = await first.sources.syncNow();
    expect(round?.result.kind).toBe("changed");
    await matrix.hs.until(() => matrix.hs.sent.length > 0, "the Matrix alert");

    const posted = slackAlerts();
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body.text).toBe(
      "1 talk for your watch “virtio-gpu”: virtio-gpu native contexts for Linux guests — Sven Aalto · KVM Forum 2026 · I/O and devices",
    );
    expect(posted[0]!.body.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "1 talk for your watch “virtio-gpu”" } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text:
            "*<https://pretalx.example.org/kvm-forum-2026/talk/HB2NXS/|virtio-gpu native contexts for Linux guests>*\n" +
            `Sven Aalto · KVM Forum 2026 · I/O and devices\n${ABSTRACT}`,
        },
      },
      { type: "context", elements: [{ type: "mrkdwn", text: "New talk" }] },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: "Ask again any time: `/virt virtio-gpu`" }],
      },
    ]);

    expect(matrix.hs.sent).toHaveLength(1);
    const notice = matrix.hs.sent[0]!;
    expect(notice.roomId).toBe(room);
    expect(notice.content.msgtype).toBe("m.notice");
    expect(notice.content.body).toBe(
      [
        "1 talk for your watch “virtio-gpu”",
        "",
        "1. virtio-gpu native contexts for Linux guests — https://pretalx.example.org/kvm-forum-2026/talk/HB2NXS/",
        "Sven Aalto · KVM Forum 2026 · I/O and devices",
        ABSTRACT,
        "Topics: virtio · graphics",
        "Also: Event page https://kvm-forum.example.org/2026/",
        "New talk",
        "",
        "Ask again any time: !virt virtio-gpu",
      ].join("\n"),
    );
    expect(notice.content["m.mentions"]).toEqual({});
    first.alerts.stop();

    // A restart: the same change seen again (another replica, a re-run sync) tells nobody.
    const second = await life(ports);
    expect(second.watches.list("slack", CHANNEL)).toHaveLength(1);
    await second.hook.changed(before);
    const [again] = await second.sources.syncNow();
    expect(again?.result.kind).toBe("unchanged");
    expect(slackAlerts()).toHaveLength(1);
    expect(matrix.hs.sent).toHaveLength(1);
    second.alerts.stop();
  });
});
