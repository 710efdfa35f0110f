// One failing destination (unreachable, 429) never stops the others; it is retried with
// exponential backoff until its day ends, then given up once. One the platform refuses
// (the bot was removed) is paused at once, without retries, until resume().
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_BACKOFF } from "../../src/totd/daily-post.ts";
import {
  brief,
  dailyPostSuite,
  LEVEL,
  notSent,
  refused,
  tempDir,
} from "../support/totd-helpers.ts";

const { start } = dailyPostSuite();

const seconds = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 1000;

describe("a failing destination", () => {
  it("is retried with doubling backoff (30 s … 15 min) and given up at midnight with one error line", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:59:00Z") });
    const h = start(undefined, { slackChannels: ["C-ARCHIVED", "C-OK"] });
    h.slack.behaviour = (destination) =>
      destination === "C-ARCHIVED" ? notSent("connect ECONNREFUSED") : undefined;
    await vi.advanceTimersByTimeAsync(60_000);

    // The others went out at 09:00 sharp, undisturbed.
    expect(h.slack.posts.map((p) => [p.destination, p.at])).toEqual([
      ["C-OK", "2026-05-04T07:00:00.000Z"],
    ]);
    expect(h.matrix.posts.map((p) => p.at)).toEqual(["2026-05-04T07:00:00.000Z"]);

    // Until the end of the day in Berlin (22:00 UTC) and a little beyond.
    await vi.advanceTimersByTimeAsync(16 * 3_600_000);
    const tries = h.slack.attempts.filter((a) => a.destination === "C-ARCHIVED");
    const gaps = tries.slice(1).map((t, i) => seconds(tries[i]!.at, t.at));
    expect(gaps.slice(0, 7)).toEqual([30, 60, 120, 240, 480, 900, 900]);
    expect(new Set(gaps.slice(5))).toEqual(new Set([900]));
    expect(tries.at(-1)!.at < "2026-05-04T22:00:00.000Z").toBe(true);
    expect(new Set(tries.map((t) => t.key))).toEqual(new Set(["totd:2026-05-04:slack:C-ARCHIVED"]));

    const errors = h.lines.filter((l) => l.level >= LEVEL.error);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      destination: "slack:C-ARCHIVED",
      date: "2026-05-04",
      attempts: tries.length,
      error: "connect ECONNREFUSED",
      time: Date.parse("2026-05-04T22:00:00.000Z"),
    });
    // Each failed try is a warning, not an error.
    expect(h.lines.filter((l) => l.msg === "daily post failed")).toHaveLength(tries.length);
    expect(h.counts).toEqual({
      "slack:sent": 1,
      "matrix:sent": 1,
      "slack:failed": tries.length,
    });
    expect(brief(h.daily)["slack:C-ARCHIVED"]).toEqual({
      lastPosted: null,
      lastError: "connect ECONNREFUSED",
    });

    // A new day is a new chance.
    h.slack.behaviour = () => undefined;
    await vi.advanceTimersByTimeAsync(10 * 3_600_000);
    expect(h.slack.posts.filter((p) => p.destination === "C-ARCHIVED").map((p) => p.at)).toEqual([
      "2026-05-05T07:00:00.000Z",
    ]);
  });

  it("a transient failure posts once, on the first try that works, with the same key", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:59:00Z") });
    const h = start();
    h.matrix.behaviour = (_d, attempt) => (attempt <= 2 ? notSent("M_LIMIT_EXCEEDED") : undefined);
    await vi.advanceTimersByTimeAsync(60_000 + 90_000);
    expect(h.matrix.attempts.map((a) => a.at)).toEqual([
      "2026-05-04T07:00:00.000Z",
      "2026-05-04T07:00:30.000Z",
      "2026-05-04T07:01:30.000Z",
    ]);
    expect(new Set(h.matrix.attempts.map((a) => a.key)).size).toBe(1);
    expect(h.matrix.posts).toHaveLength(1);
    expect(brief(h.daily)["matrix:!room:example.org"]).toEqual({ lastPosted: "2026-05-04" });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(h.matrix.attempts).toHaveLength(3);
  });

  it("the last wait of the day is cut short at midnight", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T21:50:00Z") }); // 23:50 in Berlin
    const h = start(undefined, { time: "23:50", matrixRooms: [] });
    h.slack.behaviour = () => notSent("socket hang up before connect");
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    const tries = h.slack.attempts.map((a) => a.at);
    // 23:50:00, :30, 23:51:30, 23:53:30, 23:57:30; the next wait (8 min) ends at midnight.
    expect(tries).toEqual([
      "2026-05-04T21:50:00.000Z",
      "2026-05-04T21:50:30.000Z",
      "2026-05-04T21:51:30.000Z",
      "2026-05-04T21:53:30.000Z",
      "2026-05-04T21:57:30.000Z",
    ]);
    const gaveUp = h.lines.filter((l) => l.level === LEVEL.error);
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]!.time).toBe(Date.parse("2026-05-04T22:00:00.000Z"));
    expect(DEFAULT_BACKOFF).toEqual({ initialMs: 30_000, maxMs: 900_000 });
  });

  it("does not send while the intent cannot be recorded (state dir not writable)", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:59:00Z") });
    const h = start(undefined, { matrixRooms: [] });
    await vi.advanceTimersByTimeAsync(0); // started
    h.memory!.failWrites = true; // the disk is full
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.slack.attempts).toEqual([]);
    expect(h.lines.some((l) => l.msg === "cannot write the daily-post state")).toBe(true);
    expect(h.counts).toEqual({ "slack:failed": 1 });

    h.memory!.failWrites = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.slack.posts.map((p) => p.at)).toEqual(["2026-05-04T07:00:30.000Z"]);
  });

  it("uses the wait the platform asked for (429 Retry-After) instead of the backoff", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:59:00Z") });
    const h = start(undefined, { slackChannels: [] });
    h.matrix.behaviour = (_d, n) => (n === 1 ? notSent("M_LIMIT_EXCEEDED", 4_000) : undefined);
    await vi.advanceTimersByTimeAsync(60_000 + 5_000);
    expect(h.matrix.attempts.map((a) => a.at)).toEqual([
      "2026-05-04T07:00:00.000Z",
      "2026-05-04T07:00:04.000Z",
    ]);
  });
});

describe("a destination the platform refuses (the bot was removed)", () => {
  it("is paused with one log line, not retried, shown paused, and resumes once invited back", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:59:00Z") });
    const h = start(undefined, { slackChannels: ["C-GONE", "C-OK"], matrixRooms: [] });
    h.slack.behaviour = (d) => (d === "C-GONE" ? refused("not_in_channel") : undefined);
    await vi.advanceTimersByTimeAsync(60_000);
    // Hours later and a day later: still the one try, no retries at a destination that refuses.
    await vi.advanceTimersByTimeAsync(26 * 3_600_000);
    const gone = h.slack.attempts.filter((a) => a.destination === "C-GONE");
    expect(gone.map((a) => a.at)).toEqual(["2026-05-04T07:00:00.000Z"]);
    expect(h.slack.posts.filter((p) => p.destination === "C-OK")).toHaveLength(2);
    const noisy = h.lines.filter((l) => l.level >= LEVEL.warn);
    expect(noisy).toHaveLength(1);
    expect(noisy[0]).toMatchObject({
      level: LEVEL.warn,
      destination: "slack:C-GONE",
      reason: "not_in_channel",
    });
    expect(noisy[0]!.msg).toMatch(/paused/);
    expect(h.daily.statusAll()["slack:C-GONE"]).toEqual({
      source: "operator",
      time: "09:00",
      timeZone: "Europe/Berlin",
      lastPosted: null,
      state: "paused",
      lastError: "not_in_channel",
      paused: { since: "2026-05-04T07:00:00.000Z", reason: "not_in_channel" },
    });

    // Invited back at 10:00 on the 5th (after that day's time): today's talk goes at once.
    h.slack.behaviour = () => undefined;
    await h.daily.resume("slack", "C-GONE");
    await h.daily.idle();
    const back = h.slack.posts.filter((p) => p.destination === "C-GONE");
    expect(back.map((p) => [p.key, p.at])).toEqual([
      ["totd:2026-05-05:slack:C-GONE", "2026-05-05T09:00:00.000Z"],
    ]);
    expect(h.daily.statusAll()["slack:C-GONE"]).toMatchObject({
      state: "active",
      lastPosted: "2026-05-05",
    });
    // A second resume (another join event) does nothing.
    await h.daily.resume("slack", "C-GONE");
    await h.daily.idle();
    expect(h.slack.posts.filter((p) => p.destination === "C-GONE")).toHaveLength(1);
  });

  it("stays paused across a restart", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T07:30:00Z") });
    const dir = tempDir();
    const first = start(dir, { slackChannels: [] });
    first.matrix.behaviour = () => refused("M_FORBIDDEN");
    await first.daily.idle();
    await first.daily.stop();
    vi.setSystemTime(new Date("2026-05-05T08:00:00Z"));
    const second = start(dir, { slackChannels: [] });
    await second.daily.idle();
    expect(second.matrix.attempts).toEqual([]);
    expect(brief(second.daily)).toEqual({
      "matrix:!room:example.org": { lastPosted: null, lastError: "M_FORBIDDEN" },
    });
  });
});
