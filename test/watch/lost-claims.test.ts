// No talk announced twice to a room across the state store's recovery: the claims of what
// each room was told ("watch-announced") are lost — a truncated namespace file the file
// store moves aside, a deleted file, a row PostgreSQL's store refuses and moves aside, or
// deleted rows — and the bot restarts. The next sync changes the talk the rooms were told
// about and adds another: each room gets one message with the new talk only, on Slack and
// on Matrix, through the fakes. (Without the adoption in src/watch/lost-claims.ts the
// changed talk was announced a second time.)
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StateStore } from "../../src/core/state-store.ts";
import { namespaceFile } from "../../src/persist/file-store.ts";
import { createPgStore, type PgStateStore } from "../../src/persist/pg-store.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { captureLogger } from "../support/totd-helpers.ts";
import {
  CHANNEL,
  life,
  matrixAlertBody,
  slackAlertText,
  startWorld,
  V1,
  V2,
  WATCHER,
  type World,
} from "./sources-world.ts";

const CLAIMS = "watch-announced";
const HOUR = 3_600_000;
const NEW_ABSTRACT = "Decoding video in the host for a guest through a virtio-gpu context.";

/** V2 with the virtio-gpu talk retitled (a material change) and a second one added. */
function v3(): string {
  const doc = JSON.parse(V2) as {
    schedule: { conference: { days: { rooms: Record<string, Record<string, unknown>[]> }[] } };
  };
  const hall = doc.schedule.conference.days[1]!.rooms["Main Hall"]!;
  const told = hall.find((e) => e.code === "HB2NXS")!;
  told.title = "virtio-gpu native contexts for Linux and Android guests";
  hall.push({
    ...told,
    guid: "a1f0c6d2-7c1e-5d7a-9a7e-2e2b3f0a0005",
    code: "VG7NEW",
    id: 4105,
    date: "2026-09-04T11:00:00+02:00",
    start: "11:00",
    slug: "kvm-forum-2026-4105-virtio-gpu-video-decode",
    url: "https://pretalx.example.org/kvm-forum-2026/talk/VG7NEW/",
    title: "virtio-gpu video decode in guests",
    abstract: NEW_ABSTRACT,
  });
  return JSON.stringify(doc);
}

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(() => world.close());

/**
 * Alerts once (V1 → V2), loses the claims with `lose`, restarts two hours later (the
 * watch's hour is up) and syncs V3: one more message a room, with the new talk only.
 */
async function loseClaimsAndSync(
  store: () => StateStore | undefined,
  lose: () => Promise<void>,
  expectedLoss: "recovered" | "absent",
) {
  const { server, matrix } = world;
  const room = world.room();
  server.serve({ body: V1, etag: '"v1"' });
  const first = await life(world, { state: store() });
  await first.sources.syncNow();
  await first.watches.add("slack", CHANNEL, { query: "virtio-gpu", ...WATCHER });
  await first.watches.add("matrix", room, { query: "virtio-gpu", ...WATCHER });
  server.serve({ body: V2, etag: '"v2"' });
  await first.sources.syncNow();
  await matrix.hs.until(() => matrix.hs.sent.length === 1, "the first Matrix alert");
  expect(world.slackAlerts()).toHaveLength(1);
  first.alerts.stop();

  await lose();
  const second = await life(world, { state: store(), clock: () => Date.now() + 2 * HOUR });
  const warned = second.lines.filter((l) => l.msg.includes("record of what rooms were told"));
  expect(warned.map((l) => [l.lost, l.rooms, l.claims])).toEqual([[expectedLoss, 2, 2]]);

  server.serve({ body: v3(), etag: '"v3"' });
  const [round] = await second.sources.syncNow();
  expect(round?.result.kind).toBe("changed");
  await matrix.hs.until(() => matrix.hs.sent.length === 2, "the second Matrix alert");
  const slack = world.slackAlerts();
  expect(slack).toHaveLength(2);
  const added = {
    title: "virtio-gpu video decode in guests",
    url: "https://pretalx.example.org/kvm-forum-2026/talk/VG7NEW/",
    abstract: NEW_ABSTRACT,
  };
  expect(slack[1]!.body.text).toBe(slackAlertText(added));
  const notice = matrix.hs.sent[1]!;
  expect(notice.roomId).toBe(room);
  expect(notice.content.body).toBe(matrixAlertBody(added));
  second.alerts.stop();

  // And a third life, the claims kept this time: nothing is adopted or announced again.
  const third = await life(world, { state: store(), clock: () => Date.now() + 4 * HOUR });
  expect(third.lines.filter((l) => l.msg.includes("record of what rooms were told"))).toEqual([]);
  const [again] = await third.sources.syncNow();
  expect(again?.result.kind).toBe("unchanged");
  expect(world.slackAlerts()).toHaveLength(2);
  expect(matrix.hs.sent).toHaveLength(2);
  third.alerts.stop();
}

describe("watch claims lost by the file store", () => {
  const claimsFile = () => namespaceFile(join(world.dir, "state"), CLAIMS);

  it("a truncated claims file (moved aside, started empty) announces no talk twice", async () => {
    await loseClaimsAndSync(
      () => undefined,
      async () => {
        const text = readFileSync(claimsFile(), "utf8");
        writeFileSync(claimsFile(), text.slice(0, text.length >> 1));
      },
      "recovered",
    );
  });

  it("a deleted claims file announces no talk twice", async () => {
    await loseClaimsAndSync(
      () => undefined,
      async () => rmSync(claimsFile()),
      "absent",
    );
  });
});

describePg("watch claims lost by the PostgreSQL store", () => {
  let schema: TestSchema;
  const stores: PgStateStore[] = [];
  beforeEach(() => {
    schema = freshSchema("lost_claims");
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await schema.drop();
  });
  /** A new store each life: a restart opens the namespaces again. */
  const store = () => {
    const opened = createPgStore({
      connectionString: schema.url,
      schema: schema.name,
      logger: captureLogger().logger,
    });
    stores.push(opened);
    return opened;
  };
  const table = () => `"${schema.name}".state_entries`;

  it("a claim row this build refuses (moved aside, started empty) announces no talk twice", async () => {
    await loseClaimsAndSync(
      store,
      async () => {
        const bad = await schema.query(
          `UPDATE ${table()} SET value = '"bad"' WHERE namespace = $1 AND key LIKE 'slack:%'`,
          [CLAIMS],
        );
        expect(bad.rowCount).toBe(1);
      },
      "recovered",
    );
  });

  it("deleted claim rows announce no talk twice", async () => {
    await loseClaimsAndSync(
      store,
      async () => {
        await schema.query(`DELETE FROM ${table()} WHERE namespace = $1`, [CLAIMS]);
      },
      "absent",
    );
  });
});
