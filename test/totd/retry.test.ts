// One failing destination (archived channel, room the bot left, 429) never stops the
// others; it is retried with exponential backoff until its day ends, then given up once.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_BACKOFF } from "../../src/totd/daily-post.ts";
import { dailyPostSuite, LEVEL } from "../support/totd-helpers.ts";

const { start } = dailyPostSuite();

const seconds = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 1000;

describe("a failing destination", () => {
  it("is retried with doubling backoff (30 s … 15 min) and given up at midnight with one error line", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:59:00Z") });
    const h = start(undefined, { slackChannels: ["C-ARCHIVED", "C-OK"] });
    h.slack.behaviour = (destination) =>
      destination === "C-ARCHIVED" ? new Error("An API error occurred: is_archived") : undefined;
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
      error: "An API error occurred: is_archived",
      time: Date.parse("2026-05-04T22:00:00.000Z"),
    });
    // Each failed try is a warning, not an error.
    expect(h.lines.filter((l) => l.msg === "daily post failed")).toHaveLength(tries.length);
    expect(h.counts).toEqual({
      "slack:sent": 1,
      "matrix:sent": 1,
      "slack:failed": tries.length,
    });
    expect(h.daily.status()["slack:C-ARCHIVED"]).toEqual({
      lastPosted: null,
      lastError: "An API error occurred: is_archived",
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
    h.matrix.behaviour = (_d, attempt) =>
      attempt <= 2 ? new Error("M_LIMIT_EXCEEDED") : undefined;
    await vi.advanceTimersByTimeAsync(60_000 + 90_000);
    expect(h.matrix.attempts.map((a) => a.at)).toEqual([
      "2026-05-04T07:00:00.000Z",
      "2026-05-04T07:00:30.000Z",
      "2026-05-04T07:01:30.000Z",
    ]);
    expect(new Set(h.matrix.attempts.map((a) => a.key)).size).toBe(1);
    expect(h.matrix.posts).toHaveLength(1);
    expect(h.daily.status()["matrix:!room:example.org"]).toEqual({ lastPosted: "2026-05-04" });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(h.matrix.attempts).toHaveLength(3);
  });

  it("the last wait of the day is cut short at midnight", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T21:50:00Z") }); // 23:50 in Berlin
    const h = start(undefined, { time: "23:50", matrixRooms: [] });
    h.slack.behaviour = () => new Error("channel_not_found");
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
    // The next write of totd.json fails: its path is now a non-empty directory.
    rmSync(h.store.file, { force: true });
    mkdirSync(join(h.store.file, "x"), { recursive: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.slack.attempts).toEqual([]);
    expect(h.lines.some((l) => l.msg === "cannot write the daily-post state")).toBe(true);
    expect(h.counts).toEqual({ "slack:failed": 1 });

    rmSync(h.store.file, { recursive: true });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.slack.posts.map((p) => p.at)).toEqual(["2026-05-04T07:00:30.000Z"]);
  });
});
