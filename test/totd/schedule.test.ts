// The daily post on a fake clock: DST changes in both directions, restarts in the middle
// of the day, and a start exactly at the post time.
import { describe, expect, it, vi } from "vitest";
import { createPostClock } from "../../src/totd/clock.ts";
import {
  DAY_MS,
  type DailyHarness,
  dailyPostSuite,
  localTime,
  tempDir,
} from "../support/totd-helpers.ts";

const ZONE = "Europe/Berlin";
const { core, start } = dailyPostSuite({ timeZone: ZONE });

const instants = (h: DailyHarness) => [...h.slack.posts, ...h.matrix.posts].map((p) => p.at);

describe("daily post across DST changes (Europe/Berlin, 09:00)", () => {
  it("spring forward (2026-03-29): 09:00 local every day, exactly once", async () => {
    vi.useFakeTimers({ now: new Date("2026-03-28T05:00:00Z") }); // 06:00 CET
    const h = start(tempDir());
    await vi.advanceTimersByTimeAsync(3.5 * DAY_MS);

    const expected = [
      "2026-03-28T08:00:00.000Z", // CET, UTC+1
      "2026-03-29T07:00:00.000Z", // the change is at 02:00 that night: CEST, UTC+2
      "2026-03-30T07:00:00.000Z",
      "2026-03-31T07:00:00.000Z",
    ];
    expect(h.slack.posts.map((p) => p.at)).toEqual(expected);
    expect(h.matrix.posts.map((p) => p.at)).toEqual(expected);
    for (const at of instants(h)) expect(localTime(at, ZONE)).toMatch(/ 09:00:00$/);
    expect(h.slack.posts.map((p) => p.key)).toEqual([
      "totd:2026-03-28:slack:C1",
      "totd:2026-03-29:slack:C1",
      "totd:2026-03-30:slack:C1",
      "totd:2026-03-31:slack:C1",
    ]);
    // The same talk everywhere, the one core.today gives for that date.
    h.slack.posts.forEach((p, i) => {
      const date = p.key.split(":")[1]!;
      expect(p.talk).toBe(core.today(date).card.id);
      expect(h.matrix.posts[i]!.talk).toBe(p.talk);
      expect(p.heading).toBe(`Talk of the day · ${date}`);
    });
  });

  it("fall back (2026-10-25): 09:00 local every day, exactly once", async () => {
    vi.useFakeTimers({ now: new Date("2026-10-24T04:00:00Z") }); // 06:00 CEST
    const h = start(tempDir());
    await vi.advanceTimersByTimeAsync(3 * DAY_MS);

    const expected = [
      "2026-10-24T07:00:00.000Z", // CEST, UTC+2
      "2026-10-25T08:00:00.000Z", // back to CET at 03:00 that night: UTC+1
      "2026-10-26T08:00:00.000Z",
    ];
    expect(h.slack.posts.map((p) => p.at)).toEqual(expected);
    expect(h.matrix.posts.map((p) => p.at)).toEqual(expected);
  });

  it("a post time inside the spring gap (02:30) posts once, just after the gap", async () => {
    vi.useFakeTimers({ now: new Date("2026-03-28T00:00:00Z") }); // 01:00 CET
    const h = start(tempDir(), { time: "02:30" });
    await vi.advanceTimersByTimeAsync(2.5 * DAY_MS);
    expect(h.slack.posts.map((p) => localTime(p.at, ZONE))).toEqual([
      "2026-03-28 02:30:00",
      "2026-03-29 03:00:00", // 02:30 does not exist that day
      "2026-03-30 02:30:00",
    ]);
  });

  it("a post time inside the repeated hour (02:30 on 2026-10-25) posts once", async () => {
    vi.useFakeTimers({ now: new Date("2026-10-23T23:00:00Z") }); // 01:00 CEST on the 24th
    const h = start(tempDir(), { time: "02:30" });
    await vi.advanceTimersByTimeAsync(2.5 * DAY_MS);
    expect(h.slack.posts.map((p) => p.at)).toEqual([
      "2026-10-24T00:30:00.000Z",
      "2026-10-25T00:30:00.000Z", // the first 02:30 (CEST); the second one (CET) is skipped
      "2026-10-26T01:30:00.000Z",
    ]);
  });
});

describe("restart in the middle of the day", () => {
  it("before the post time: waits and posts at the time", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:00:00Z") }); // 08:00 in Berlin
    const h = start(tempDir());
    await vi.advanceTimersByTimeAsync(59 * 60_000 + 59_999);
    expect(h.slack.attempts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(instants(h)).toEqual(["2026-05-04T07:00:00.000Z", "2026-05-04T07:00:00.000Z"]);
  });

  it("after the post time without a post: catches up once, then keeps the daily rhythm", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T11:17:00Z") }); // 13:17 in Berlin
    const h = start(tempDir());
    await h.daily.idle();
    expect(instants(h)).toEqual(["2026-05-04T11:17:00.000Z", "2026-05-04T11:17:00.000Z"]);
    await vi.advanceTimersByTimeAsync(DAY_MS);
    expect(h.slack.posts.map((p) => p.at)).toEqual([
      "2026-05-04T11:17:00.000Z",
      "2026-05-05T07:00:00.000Z",
    ]);
    expect(h.slack.posts[0]!.key).toBe("totd:2026-05-04:slack:C1");
  });

  it("after the post time with the post out: a restart posts nothing more that day", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:59:00Z") });
    const dir = tempDir();
    const first = start(dir);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(instants(first)).toHaveLength(2);
    await first.daily.stop();

    vi.setSystemTime(new Date("2026-05-04T15:00:00Z"));
    const second = start(dir);
    await vi.advanceTimersByTimeAsync(60_000);
    await second.daily.idle();
    expect(instants(second)).toEqual([]);
    // ... and the next day it posts as usual.
    vi.setSystemTime(new Date("2026-05-05T06:59:00Z"));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(instants(second)).toEqual(["2026-05-05T07:00:00.000Z", "2026-05-05T07:00:00.000Z"]);
  });

  it("never posts yesterday's talk late: after midnight it waits for today's time", async () => {
    // The bot was down all of 2026-05-04 and comes back at 00:30 on the 5th.
    vi.useFakeTimers({ now: new Date("2026-05-04T22:30:00Z") });
    const h = start(tempDir());
    await vi.advanceTimersByTimeAsync(8 * 3_600_000);
    expect(instants(h)).toEqual([]);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(h.slack.posts.map((p) => p.key)).toEqual(["totd:2026-05-05:slack:C1"]);
    expect(h.slack.posts[0]!.talk).toBe(core.today("2026-05-05").card.id);
  });

  it("a start at the post time to the millisecond posts exactly once", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T07:00:00.000Z") });
    const h = start(tempDir());
    await vi.advanceTimersByTimeAsync(DAY_MS - 1);
    expect(instants(h)).toEqual(["2026-05-04T07:00:00.000Z", "2026-05-04T07:00:00.000Z"]);
  });
});

describe("post clock", () => {
  it("knows whether today's time has passed, when it was, and where the day ends, DST included", () => {
    const clock = createPostClock("09:00", ZONE);
    expect(clock.pattern).toBe("0 0 9 * * *");
    expect(clock.passedToday(new Date("2026-03-29T06:59:59Z"))).toBe(false);
    expect(clock.passedToday(new Date("2026-03-29T07:00:00Z"))).toBe(true);
    expect(clock.passedToday(new Date("2026-03-29T21:59:59Z"))).toBe(true);
    expect(clock.passedToday(new Date("2026-03-29T22:00:00Z"))).toBe(false); // 00:00 on the 30th
    expect(clock.endOfDay(new Date("2026-03-29T12:00:00Z")).toISOString()).toBe(
      "2026-03-29T22:00:00.000Z",
    );
    expect(clock.endOfDay(new Date("2026-10-25T12:00:00Z")).toISOString()).toBe(
      "2026-10-25T23:00:00.000Z",
    );
    // The post time of the day, once it has come: where a look for a lost post starts.
    expect(clock.postTimeToday(new Date("2026-03-29T06:59:59Z"))).toBeUndefined();
    expect(clock.postTimeToday(new Date("2026-03-29T07:00:00Z"))?.toISOString()).toBe(
      "2026-03-29T07:00:00.000Z",
    );
    expect(clock.postTimeToday(new Date("2026-03-28T21:00:00Z"))?.toISOString()).toBe(
      "2026-03-28T08:00:00.000Z", // the day before the change: 09:00 CET
    );
    expect(createPostClock("23:59:30", "UTC").pattern).toBe("30 59 23 * * *");
    expect(() => createPostClock("9am", "UTC")).toThrow(/HH:MM/);
  });
});
