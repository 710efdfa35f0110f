// Slack has no idempotency key, so a Slack send whose outcome is unknown (a crash mid-send,
// a timeout) is settled by looking in the channel before sending again: found → recorded,
// not re-sent; absent → sent once; the look fails → retried like a send; the look cannot
// be made (missing scope) → at most once, with one warning.
import { describe, expect, it, vi } from "vitest";
import {
  brief,
  dailyPostSuite,
  fakeChat,
  LEVEL,
  notSent,
  tempDir,
  unknownOutcome,
} from "../support/totd-helpers.ts";

const ROOM = "!room:example.org";
const KEY = "totd:2026-05-04:slack:C1";
const { start } = dailyPostSuite({ abandon: true });

const timeout = unknownOutcome("request timed out");

/** A process that died with today's Slack send out; returns its state dir and channel. */
async function crashMidSend(delivered: boolean) {
  vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") }); // 12:00 in Berlin
  const dir = tempDir();
  const crashed = start(dir, { matrixRooms: [] });
  crashed.slack.behaviour = () => (delivered ? "deliver-and-hang" : "hang");
  await vi.advanceTimersByTimeAsync(0);
  void crashed.daily.stop(); // its send never settles
  vi.setSystemTime(new Date("2026-05-04T10:05:00Z"));
  return { dir, channel: crashed.slack.channel };
}

describe("after a crash mid-send", () => {
  it("cannot look (missing_scope): not re-sent, one warning saying why, settled for the day", async () => {
    const { dir, channel } = await crashMidSend(false);
    const slack = fakeChat("slack", { channel });
    slack.lookupBehaviour = () => ({ unavailable: "missing_scope" });
    const h = start(dir, { matrixRooms: [], slack });
    await h.daily.idle();

    expect(slack.lookups).toHaveLength(1);
    expect(slack.attempts).toEqual([]);
    const warnings = h.lines.filter((l) => l.level >= LEVEL.warn);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      level: LEVEL.warn,
      destination: "slack:C1",
      date: "2026-05-04",
      reason: "missing_scope",
    });
    expect(warnings[0]!.msg).toMatch(/not re-sending \(at most once\)/);
    expect(brief(h.daily)).toEqual({
      "slack:C1": {
        lastPosted: null,
        lastError: "interrupted send not repeated: cannot check the channel (missing_scope)",
      },
    });

    // Settled: the next start that day neither looks nor sends; the next day posts as usual.
    await h.daily.stop();
    const next = start(dir, { matrixRooms: [] });
    await next.daily.idle();
    expect(next.slack.lookups.length + next.slack.attempts.length).toBe(0);
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(next.slack.posts.map((p) => p.key)).toEqual(["totd:2026-05-05:slack:C1"]);
    expect(next.slack.lookups).toEqual([]);
  });

  it("a platform that can neither drop repeats nor look is treated the same: at most once", async () => {
    const { dir, channel } = await crashMidSend(false);
    const capabilities = { resendsSafely: false, canFindPost: false };
    const blind = fakeChat("slack", { channel, capabilities });
    const h = start(dir, { matrixRooms: [], slack: blind });
    await h.daily.idle();
    expect(blind.attempts).toEqual([]);
    expect(blind.lookups).toEqual([]);
    const warnings = h.lines.filter((l) => l.level >= LEVEL.warn);
    expect(warnings.map((w) => w.reason)).toEqual(["this platform cannot look for earlier posts"]);
  });

  it("a failed look is retried with backoff, and a post it then finds is not repeated", async () => {
    const { dir, channel } = await crashMidSend(true);
    const slack = fakeChat("slack", { channel });
    slack.lookupBehaviour = (_d, n) => (n === 1 ? notSent("ratelimited") : undefined);
    const h = start(dir, { matrixRooms: [], slack });
    await vi.advanceTimersByTimeAsync(0);
    expect(slack.lookups).toHaveLength(1);
    const failed = h.lines.find((l) => l.msg === "daily post failed");
    expect(failed).toMatchObject({
      level: LEVEL.warn,
      error: "cannot check whether an earlier send arrived: ratelimited",
      retryInMs: 30_000,
      mayHaveArrived: true,
    });

    await vi.advanceTimersByTimeAsync(30_000);
    // Both looks start from the interrupted send, not from the retry.
    expect(slack.lookups.map((l) => l.since)).toEqual([
      "2026-05-04T10:00:00.000Z",
      "2026-05-04T10:00:00.000Z",
    ]);
    expect(slack.attempts).toEqual([]);
    expect(channel).toHaveLength(1);
    expect(h.counts).toEqual({ "slack:failed": 1, "slack:sent": 1 });
    expect(brief(h.daily)).toEqual({ "slack:C1": { lastPosted: "2026-05-04" } });
  });
});

describe("a send whose outcome is unknown (a timeout)", () => {
  it("Slack looks after the backoff: the post had arrived, so it is recorded, not repeated", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:59:00Z") });
    const h = start(tempDir(), { matrixRooms: [] });
    h.slack.behaviour = () => ({ delivered: timeout });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.slack.lookups).toEqual([]);
    expect(h.lines.find((l) => l.msg === "daily post failed")).toMatchObject({
      error: "request timed out",
      mayHaveArrived: true,
    });

    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.slack.lookups).toEqual([
      { destination: "C1", key: KEY, since: "2026-05-04T07:00:00.000Z" },
    ]);
    expect(h.slack.attempts).toHaveLength(1);
    expect(h.slack.channel).toHaveLength(1);
    expect(brief(h.daily)).toEqual({ "slack:C1": { lastPosted: "2026-05-04" } });
    expect(h.lines.filter((l) => l.level >= LEVEL.error)).toEqual([]);
  });

  it("Slack sends once more when the look finds nothing; Matrix repeats with the same key", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:59:00Z") });
    const h = start(tempDir(), {});
    h.slack.behaviour = (_d, n) => (n === 1 ? timeout : undefined);
    h.matrix.behaviour = (_d, n) => (n === 1 ? timeout : undefined);
    await vi.advanceTimersByTimeAsync(60_000 + 3_600_000);

    expect(h.slack.lookups).toHaveLength(1);
    expect(h.slack.attempts.map((a) => a.at)).toEqual([
      "2026-05-04T07:00:00.000Z",
      "2026-05-04T07:00:30.000Z",
    ]);
    expect(h.slack.channel).toHaveLength(1);
    expect(h.matrix.lookups).toEqual([]);
    expect(h.matrix.attempts.map((a) => a.key)).toEqual([
      `totd:2026-05-04:matrix:${ROOM}`,
      `totd:2026-05-04:matrix:${ROOM}`,
    ]);
    expect(h.matrix.posts).toHaveLength(1);
    expect(h.counts).toEqual({
      "slack:failed": 1,
      "slack:sent": 1,
      "matrix:failed": 1,
      "matrix:sent": 1,
    });
  });

  it("a stop during the wait after a timeout leaves the send in flight: the next start looks", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:59:00Z") });
    const dir = tempDir();
    const first = start(dir, { matrixRooms: [] });
    first.slack.behaviour = () => ({ delivered: timeout });
    await vi.advanceTimersByTimeAsync(60_000);
    await first.daily.stop();

    vi.setSystemTime(new Date("2026-05-04T08:00:00Z"));
    const second = start(dir, {
      matrixRooms: [],
      slack: fakeChat("slack", { channel: first.slack.channel }),
    });
    await second.daily.idle();
    expect(second.slack.lookups.map((l) => l.since)).toEqual(["2026-05-04T07:00:00.000Z"]);
    expect(second.slack.attempts).toEqual([]);
    expect(first.slack.channel).toHaveLength(1);
    expect(brief(second.daily)).toEqual({ "slack:C1": { lastPosted: "2026-05-04" } });
  });
});
