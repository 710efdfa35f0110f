// Loading the chat subscriptions at start: an invalid entry is skipped on its own (one
// line naming it and what is wrong) and the valid ones around it are served;
// SUBSCRIPTIONS_MAX is applied to what is loaded, with one line saying how many were
// left out; nothing is deleted from the store either way.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import { createTalkOfTheDay } from "../../src/totd/talk-of-the-day.ts";
import {
  captureLogger,
  DAY_MS,
  fakeChat,
  LEVEL,
  memoryStoreFor,
  refused,
  removeTempDirs,
  tempDir,
} from "../support/totd-helpers.ts";
import { powerAsker, subscriptionBot } from "../support/totd-subscriptions.ts";

afterEach(() => {
  vi.useRealTimers();
  removeTempDirs();
});

const stored = (destination: string, time: string, timeZone = "UTC") => [
  `slack:${destination}`,
  {
    platform: "slack",
    destination,
    time,
    timeZone,
    byUser: "U1",
    by: "Ada",
    at: "2026-05-01T08:00:00.000Z",
  },
];

/** A state dir whose subscriptions namespace holds `entries` (as a file would). */
function dirWith(entries: ReadonlyArray<readonly [string, unknown]>): string {
  const dir = tempDir();
  memoryStoreFor(dir).disk.set("subscriptions", new Map(entries.map(([k, v]) => [k, v])));
  return dir;
}

const strip = ({ time: _t, pid: _p, hostname: _h, ...rest }: Record<string, unknown>) => rest;

describe("loading the chat subscriptions", () => {
  it("skips an invalid entry with one line naming it, and serves the valid ones", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:00:00Z") });
    const dir = dirWith([
      stored("C1", "07:00"),
      stored("C2", "25:99"),
      stored("C3", "08:00", "Mars/Olympus_Mons"),
      ["slack:C4", "not a record"],
      stored("C5", "09:00"),
    ] as Array<[string, unknown]>);
    const bot = await subscriptionBot({ dir });
    expect(Object.keys(bot.totd.statusAll())).toEqual(["slack:C1", "slack:C5"]);
    expect(bot.lines.filter((l) => l.level >= LEVEL.warn).map(strip)).toEqual([
      {
        level: LEVEL.error,
        component: "subscriptions",
        namespace: "subscriptions",
        key: "slack:C2",
        problems: ["time: Invalid string: must match pattern /^([01]\\d|2[0-3]):[0-5]\\d$/"],
        msg: "skipped an invalid subscription; the others are kept",
      },
      {
        level: LEVEL.error,
        component: "subscriptions",
        namespace: "subscriptions",
        key: "slack:C3",
        problems: ["timeZone: not an IANA time zone"],
        msg: "skipped an invalid subscription; the others are kept",
      },
      {
        level: LEVEL.error,
        component: "subscriptions",
        namespace: "subscriptions",
        key: "slack:C4",
        problems: ["(record): Invalid input: expected object, received string"],
        msg: "skipped an invalid subscription; the others are kept",
      },
    ]);
    // Nothing was moved aside or deleted: fixing the entry by hand brings it back.
    expect([...bot.state.disk.get("subscriptions")!.keys()]).toEqual([
      "slack:C1",
      "slack:C2",
      "slack:C3",
      "slack:C4",
      "slack:C5",
    ]);
    // Today's posts go out for the valid ones.
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    expect(bot.slack.posts.map((p) => p.key)).toEqual([
      "totd:2026-05-04:slack:C1",
      "totd:2026-05-04:slack:C5",
    ]);
    await bot.totd.stop();
  });

  it("applies SUBSCRIPTIONS_MAX on load: the earliest are served, one line says how many were left out", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:00:00Z") });
    const dir = dirWith(
      ["C1", "C2", "C3", "C4", "C5"].map((c) => stored(c, "07:00")) as Array<[string, unknown]>,
    );
    // One operator channel of the four allowed: three chat subscriptions fit.
    const bot = await subscriptionBot({ dir, max: 4, slackChannels: ["C-OP"], matrixRooms: [] });
    expect(Object.keys(bot.totd.statusAll())).toEqual([
      "slack:C-OP",
      "slack:C1",
      "slack:C2",
      "slack:C3",
    ]);
    expect(bot.lines.filter((l) => l.level >= LEVEL.warn).map(strip)).toEqual([
      {
        level: LEVEL.warn,
        component: "subscriptions",
        leftOut: 2,
        served: 3,
        operator: 1,
        max: 4,
        msg: "more chat subscriptions than SUBSCRIPTIONS_MAX allows: the latest ones are left out (kept in the state file; raise SUBSCRIPTIONS_MAX to serve them)",
      },
    ]);
    // A left-out room asking again is told about the limit; unsubscribing forgets it.
    const mod = powerAsker("Mod", 100);
    expect(await bot.say("slack", "C5", "subscribe 07:00 UTC", mod)).toMatchObject({
      kind: "subscription-refused",
      reason: "limit",
    });
    expect(await bot.say("slack", "C5", "unsubscribe", mod)).toMatchObject({
      kind: "unsubscribed",
    });
    expect([...bot.state.disk.get("subscriptions")!.keys()]).toEqual([
      "slack:C1",
      "slack:C2",
      "slack:C3",
      "slack:C4",
    ]);
    await bot.totd.stop();
  });

  it("on the file store, a file with an invalid entry stays where it is, and the valid ones are served", async () => {
    const dir = tempDir();
    const file = join(dir, "subscriptions.json");
    const entries = Object.fromEntries(
      [stored("C1", "07:00"), stored("C2", "25:99"), stored("C3", "09:00")].map(([k, v]) => [
        k,
        { value: v },
      ]),
    );
    writeFileSync(file, `${JSON.stringify({ version: 1, entries }, null, 1)}\n`);
    const before = readFileSync(file, "utf8");
    const { logger, lines } = captureLogger();
    const totd = createTalkOfTheDay({
      totd: { time: "09:00", timeZone: "UTC", slackChannels: [], matrixRooms: [] },
      state: createFileStore({ dir, logger }),
      core: createCore({ catalog: loadCatalog(), timeZone: "UTC" }),
      logger,
      ports: { slack: fakeChat("slack").post },
    });
    await totd.start();
    expect(Object.keys(totd.statusAll())).toEqual(["slack:C1", "slack:C3"]);
    await totd.stop();
    expect(lines.filter((l) => l.level >= LEVEL.warn).map((l) => [l.msg, l.key])).toEqual([
      ["skipped an invalid subscription; the others are kept", "slack:C2"],
    ]);
    expect(readdirSync(dir).filter((f) => f.startsWith("subscriptions"))).toEqual([
      "subscriptions.json",
    ]);
    expect(existsSync(file) && readFileSync(file, "utf8")).toBe(before);
  });

  it("a paused chat subscription stays paused across a restart (no refused post each start)", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:00:00Z") });
    const dir = tempDir();
    const matrix = fakeChat("matrix");
    const room = "!room:example.org";
    const first = await subscriptionBot({ dir, matrix });
    await first.say("matrix", room, "subscribe 07:00 UTC", powerAsker("Mod", 100));
    matrix.behaviour = () => refused("M_FORBIDDEN: You are not in this room");
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(matrix.attempts).toHaveLength(1);
    await first.totd.stop();

    vi.setSystemTime(new Date("2026-05-05T08:00:00Z")); // after the next day's time
    const again = fakeChat("matrix");
    const second = await subscriptionBot({ dir, matrix: again });
    await vi.advanceTimersByTimeAsync(DAY_MS);
    expect(again.attempts).toEqual([]);
    expect(second.totd.statusAll()[`matrix:${room}`]).toMatchObject({ state: "paused" });
    await second.totd.stop();
  });
});
