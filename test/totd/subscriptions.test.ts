// Chat subscriptions delivered: exactly once per destination per local day, each on its
// own time and zone, the same talk everywhere for a calendar date; a subscription made
// after today's time posts at once and counts as today's; refused destinations pause.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import { createTurn } from "../../src/core/turn.ts";
import { createTalkOfTheDay } from "../../src/totd/talk-of-the-day.ts";
import {
  captureLogger,
  DAY_MS,
  fakeChat,
  localTime,
  memoryStoreFor,
  refused,
  removeTempDirs,
  tempDir,
} from "../support/totd-helpers.ts";
import {
  powerAsker,
  subscriptionBot,
  subscriptionCommands,
} from "../support/totd-subscriptions.ts";

const ROOM = "!room:example.org";
const mod = powerAsker("Mod", 100);
const core = createCore({ catalog: loadCatalog(), timeZone: "UTC" });

afterEach(() => {
  vi.useRealTimers();
  removeTempDirs();
});

describe("a subscription made after today's post time", () => {
  it("posts today's talk at once, a restart posts nothing more, and a new time that day gives no second post", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") }); // 12:00 in Berlin
    const dir = tempDir();
    const first = await subscriptionBot({ dir });
    expect(await first.say("matrix", ROOM, "subscribe 09:00 Europe/Berlin", mod)).toMatchObject({
      kind: "subscribed",
      today: "posting-now",
    });
    await first.totd.idle();
    expect(first.matrix.posts.map((p) => [p.key, p.at, p.talk])).toEqual([
      [
        `totd:2026-05-04:matrix:${ROOM}`,
        "2026-05-04T10:00:00.000Z",
        core.today("2026-05-04").card.id,
      ],
    ]);
    // Later the same day: another time (already passed, or still to come) is not a second post.
    expect(await first.say("matrix", ROOM, "subscribe 08:00", mod)).toMatchObject({
      today: "done-today",
    });
    expect(await first.say("matrix", ROOM, "subscribe 18:00", mod)).toMatchObject({
      today: "done-today",
    });
    await vi.advanceTimersByTimeAsync(8 * 3_600_000); // past 18:00 in Berlin
    expect(first.matrix.attempts).toHaveLength(1);
    await first.totd.stop();

    // A restart that day: the subscription is back, the post is not repeated.
    const second = await subscriptionBot({ dir });
    await second.totd.idle();
    expect(second.totd.statusAll()).toEqual({
      [`matrix:${ROOM}`]: {
        source: "chat",
        time: "18:00",
        timeZone: "Europe/Berlin",
        lastPosted: "2026-05-04",
        state: "active",
      },
    });
    expect(second.matrix.attempts).toEqual([]);
    // The next day at the new time, once.
    await vi.advanceTimersByTimeAsync(DAY_MS);
    expect(second.matrix.posts.map((p) => localTime(p.at, "Europe/Berlin"))).toEqual([
      "2026-05-05 18:00:00",
    ]);
    await second.totd.stop();
  });

  it("unsubscribe stops the posts; the records stay, so subscribing again that day posts nothing more", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") });
    const bot = await subscriptionBot({ dir: tempDir() });
    await bot.say("slack", "C-A", "subscribe 09:00 Europe/Berlin", mod);
    await bot.totd.idle();
    vi.setSystemTime(new Date("2026-05-04T10:02:00Z"));
    expect(await bot.say("slack", "C-A", "unsubscribe", mod)).toMatchObject({
      kind: "unsubscribed",
    });
    expect(bot.totd.statusAll()).toEqual({});
    vi.setSystemTime(new Date("2026-05-04T10:04:00Z"));
    expect(await bot.say("slack", "C-A", "subscribe 11:00", mod)).toMatchObject({
      today: "done-today",
    });
    vi.setSystemTime(new Date("2026-05-04T10:06:00Z"));
    await bot.say("slack", "C-A", "unsubscribe", mod);
    await vi.advanceTimersByTimeAsync(3 * DAY_MS);
    expect(bot.slack.posts.map((p) => p.key)).toEqual(["totd:2026-05-04:slack:C-A"]);
    await bot.totd.stop();
  });
});

describe("a subscribe that arrives before the daily post has started", () => {
  it("(adapters up, another still starting) says what today holds, and the start posts it once", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") }); // 12:00 in Berlin
    const slack = fakeChat("slack");
    const totd = createTalkOfTheDay({
      totd: { time: "09:00", timeZone: "Europe/Berlin", slackChannels: [], matrixRooms: [] },
      ports: { slack },
      state: memoryStoreFor(tempDir()),
      core,
      logger: captureLogger().logger,
    });
    const turn = createTurn({
      library: createLibrary({ catalog: core.catalog, timeZone: "UTC" }),
      handlers: subscriptionCommands(() => totd, { time: "09:00", timeZone: "Europe/Berlin" }),
    });
    const input = { platform: "slack", conversation: "C-A", user: "U1", asker: mod } as const;
    const say = async (text: string) => (await turn.handle({ ...input, text })).reply;
    expect(await say("subscribe 09:00")).toMatchObject({
      kind: "subscribed",
      today: "posting-now",
    });
    expect(slack.attempts).toEqual([]);
    await totd.start();
    await totd.idle();
    expect(slack.posts.map((p) => p.key)).toEqual(["totd:2026-05-04:slack:C-A"]);
    expect(await say("subscribe 10:00")).toMatchObject({
      today: "done-today",
    });
    await totd.stop();
  });
});

describe("destinations at different times and zones", () => {
  it("each posts once a day at its own local time across both DST changes; same talk for the same date", async () => {
    // New York springs forward on 2026-03-08, Berlin on 2026-03-29.
    vi.useFakeTimers({ now: new Date("2026-03-06T12:00:00Z") });
    const bot = await subscriptionBot({ dir: tempDir(), matrixRooms: [ROOM] }); // operator: 09:00 Berlin
    await bot.totd.idle(); // 13:00 in Berlin: the operator room's catch-up post for the 6th
    await bot.say("slack", "C-NY", "subscribe 07:30 America/New_York", mod);
    await vi.advanceTimersByTimeAsync(25 * DAY_MS); // to the 31st
    await bot.totd.stop();

    const ny = bot.slack.posts;
    const berlin = bot.matrix.posts;
    expect(ny.map((p) => localTime(p.at, "America/New_York").slice(11))).toEqual(
      Array(ny.length).fill("07:30:00"),
    );
    expect(berlin.slice(1).map((p) => localTime(p.at, "Europe/Berlin").slice(11))).toEqual(
      Array(berlin.length - 1).fill("09:00:00"),
    );
    const dates = (posts: typeof ny) => posts.map((p) => p.key.split(":")[1]);
    const days = (from: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        new Date(Date.parse(from) + i * DAY_MS).toISOString().slice(0, 10),
      );
    expect(dates(ny)).toEqual(days("2026-03-06", 26)); // 07:30 in NY = 12:30 UTC: after the subscribe
    expect(dates(berlin)).toEqual(days("2026-03-06", 26));
    // UTC instants move by an hour at each zone's own change, not the other's.
    const utc = (posts: typeof ny, date: string) =>
      posts.find((p) => p.key.includes(`:${date}:`))!.at;
    expect(utc(ny, "2026-03-07")).toBe("2026-03-07T12:30:00.000Z");
    expect(utc(ny, "2026-03-09")).toBe("2026-03-09T11:30:00.000Z");
    expect(utc(berlin, "2026-03-28")).toBe("2026-03-28T08:00:00.000Z");
    expect(utc(berlin, "2026-03-30")).toBe("2026-03-30T07:00:00.000Z");
    // The same talk for the same calendar date, whatever the zone.
    for (const p of ny) {
      const date = p.key.split(":")[1]!;
      expect(p.talk).toBe(core.today(date).card.id);
      expect(berlin.find((b) => b.key.includes(`:${date}:`))!.talk).toBe(p.talk);
    }
  });
});

describe("a subscribed room the bot was removed from", () => {
  it("is paused with one log line, shows paused, and resumes when the bot is invited back", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:00:00Z") });
    const matrix = fakeChat("matrix");
    const bot = await subscriptionBot({ dir: tempDir(), matrix });
    await bot.say("matrix", ROOM, "subscribe 09:00 Europe/Berlin", mod);
    matrix.behaviour = () => refused("M_FORBIDDEN: You are not in this room");
    await vi.advanceTimersByTimeAsync(2 * DAY_MS);
    expect(matrix.attempts).toHaveLength(1); // no retries, not even the next day
    const paused = bot.lines.filter((l) => /paused/.test(l.msg));
    expect(paused).toHaveLength(1);
    expect(await bot.say("matrix", ROOM, "subscription")).toMatchObject({
      subscription: { state: "paused", pausedReason: "M_FORBIDDEN: You are not in this room" },
    });
    expect(bot.totd.counts()).toEqual([
      { platform: "matrix", source: "chat", state: "paused", count: 1 },
    ]);

    matrix.behaviour = () => undefined;
    await bot.totd.resume("matrix", ROOM); // 08:00 in Berlin on the 6th: before the time
    expect(matrix.attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(matrix.posts.map((p) => p.key)).toEqual([`totd:2026-05-06:matrix:${ROOM}`]);
    expect(bot.totd.counts()).toEqual([
      { platform: "matrix", source: "chat", state: "active", count: 1 },
    ]);
    await bot.totd.stop();
  });

  it("a leave event pauses it before any refused send; the join event resumes it", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:00:00Z") }); // 08:00 in Berlin
    const bot = await subscriptionBot({ dir: tempDir() });
    await bot.say("slack", "C-A", "subscribe 09:00 Europe/Berlin", mod);
    await bot.totd.pause("slack", "C-A", "the bot left the channel");
    await bot.totd.pause("slack", "C-A", "the bot left the channel"); // one log line only
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    expect(bot.slack.attempts).toEqual([]);
    expect(bot.lines.filter((l) => /paused/.test(l.msg))).toHaveLength(1);
    expect(bot.totd.statusAll()["slack:C-A"]).toMatchObject({
      state: "paused",
      paused: { since: "2026-05-04T06:00:00.000Z", reason: "the bot left the channel" },
    });
    await bot.totd.resume("slack", "C-A"); // 10:00: past the time, so today's talk goes now
    await bot.totd.idle();
    expect(bot.slack.posts.map((p) => [p.key, p.at])).toEqual([
      ["totd:2026-05-04:slack:C-A", "2026-05-04T08:00:00.000Z"],
    ]);
    await bot.totd.stop();
  });
});
