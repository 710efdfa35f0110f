// Crash reconciliation: a process that dies between sending and recording, a state file
// that is lost or corrupt, and a past day that never finished.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { STATE_FILE_NAME } from "../src/totd/state.ts";
import { dailyPostSuite, LEVEL, tempDir } from "./support/totd-helpers.ts";

const ROOM = "!room:example.org";
const { start } = dailyPostSuite({ abandon: true });

function readState(dir: string): {
  destinations: Record<string, { intent: { inFlight: boolean; key: string } | null }>;
} {
  return JSON.parse(readFileSync(join(dir, STATE_FILE_NAME), "utf8"));
}

describe("crash between send and record", () => {
  it("records the intent before sending; after the crash Matrix re-sends with the same key and Slack does not", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") }); // 12:00 in Berlin
    const dir = tempDir();
    const crashed = start(dir);
    crashed.slack.behaviour = () => "hang"; // the process dies while these sends are out
    crashed.matrix.behaviour = () => "hang";
    await vi.advanceTimersByTimeAsync(0);

    // The intent hit the disk before postCard was called.
    const onDisk = readState(dir).destinations;
    expect(onDisk["slack:C1"]!.intent).toMatchObject({
      inFlight: true,
      key: "totd:2026-05-04:slack:C1",
    });
    expect(onDisk[`matrix:${ROOM}`]!.intent).toMatchObject({
      inFlight: true,
      key: `totd:2026-05-04:matrix:${ROOM}`,
    });
    const firstMatrixKey = crashed.matrix.attempts[0]!.key;
    void crashed.daily.stop(); // the dead process: its timers are gone, its sends never settle

    vi.setSystemTime(new Date("2026-05-04T10:05:00Z"));
    const restarted = start(dir);
    await restarted.daily.idle();

    expect(restarted.matrix.posts.map((p) => p.key)).toEqual([firstMatrixKey]);
    expect(restarted.slack.attempts).toEqual([]);
    const warning = restarted.lines.find((l) => l.destination === "slack:C1");
    expect(warning).toMatchObject({ level: LEVEL.warn, date: "2026-05-04" });
    expect(warning!.msg).toMatch(/not re-sending/);
    expect(restarted.daily.status()).toEqual({
      "slack:C1": {
        lastPosted: null,
        lastError: "interrupted send not repeated (Slack posts are at most once)",
      },
      [`matrix:${ROOM}`]: { lastPosted: "2026-05-04" },
    });

    // Settled: a third start that day sends nothing, and the next day is normal again.
    await restarted.daily.stop();
    const third = start(dir);
    await third.daily.idle();
    expect(third.slack.attempts.length + third.matrix.attempts.length).toBe(0);
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(third.slack.posts.map((p) => p.key)).toEqual(["totd:2026-05-05:slack:C1"]);
  });

  it("a stop during the backoff wait is not a crash mid-send: the next start retries Slack too", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") });
    const dir = tempDir();
    const first = start(dir);
    first.slack.behaviour = () => new Error("ratelimited");
    await vi.advanceTimersByTimeAsync(0);
    await first.daily.stop();
    expect(readState(dir).destinations["slack:C1"]!.intent).toMatchObject({ inFlight: false });

    const second = start(dir);
    await second.daily.idle();
    expect(second.slack.posts.map((p) => p.key)).toEqual(["totd:2026-05-04:slack:C1"]);
    expect(second.matrix.attempts).toEqual([]); // posted by the first run already
  });

  it("a past day that never finished is given up with one error line and never posted late", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-05T05:00:00Z") }); // 07:00 on the 5th
    const dir = tempDir();
    const yesterday = {
      lastPosted: "2026-05-03",
      settled: "2026-05-03",
      intent: {
        date: "2026-05-04",
        key: "totd:2026-05-04:slack:C1",
        attempts: 1,
        inFlight: true,
        at: "2026-05-04T07:00:00.000Z",
      },
      lastError: null,
    };
    writeFileSync(
      join(dir, STATE_FILE_NAME),
      JSON.stringify({ version: 1, destinations: { "slack:C1": yesterday } }),
    );
    const h = start(dir, { matrixRooms: [] });
    await h.daily.idle();
    expect(h.slack.attempts).toEqual([]);
    const errors = h.lines.filter((l) => l.level >= LEVEL.error);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ destination: "slack:C1", date: "2026-05-04" });

    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    expect(h.slack.posts.map((p) => p.key)).toEqual(["totd:2026-05-05:slack:C1"]);
  });
});

describe("a send whose outcome is unknown", () => {
  const timeout = Object.assign(new Error("request timed out"), { ambiguous: true });
  const outcomeUnknown = (err: unknown) => (err as { ambiguous?: boolean }).ambiguous === true;

  it("Slack is not retried (at most once); Matrix is retried with the same key", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T06:59:00Z") });
    const h = start(tempDir(), { outcomeUnknown });
    h.slack.behaviour = () => timeout;
    h.matrix.behaviour = (_d, n) => (n === 1 ? timeout : undefined);
    await vi.advanceTimersByTimeAsync(60_000 + 3_600_000);
    expect(h.slack.attempts).toHaveLength(1);
    expect(
      h.lines.find((l) => l.destination === "slack:C1" && l.level === LEVEL.warn)?.msg,
    ).toMatch(/may have gone out/);
    expect(h.daily.status()["slack:C1"]).toEqual({
      lastPosted: null,
      lastError: "request timed out",
    });
    expect(h.matrix.attempts.map((a) => a.key)).toEqual([
      `totd:2026-05-04:matrix:${ROOM}`,
      `totd:2026-05-04:matrix:${ROOM}`,
    ]);
    expect(h.matrix.posts).toHaveLength(1);
    expect(h.lines.filter((l) => l.level >= LEVEL.error)).toEqual([]);
  });

  it("a send cut off by the shutdown stays in flight, and the next start settles it", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") });
    const dir = tempDir();
    const first = start(dir);
    const cut: Array<() => void> = [];
    const cutOff = () =>
      new Promise<void>((_resolve, reject) => {
        cut.push(() => reject(new Error("aborted: the adapter is stopping")));
      });
    first.slack.behaviour = cutOff;
    first.matrix.behaviour = cutOff;
    await vi.advanceTimersByTimeAsync(0);
    const stopping = first.daily.stop();
    for (const abort of cut) abort(); // what the adapters' stop() does to sends in flight
    await stopping;
    const onDisk = readState(dir).destinations;
    expect(onDisk["slack:C1"]!.intent).toMatchObject({ inFlight: true });
    expect(onDisk[`matrix:${ROOM}`]!.intent).toMatchObject({ inFlight: true });

    const second = start(dir);
    await second.daily.idle();
    expect(second.slack.attempts).toEqual([]);
    expect(second.matrix.posts.map((p) => p.key)).toEqual([`totd:2026-05-04:matrix:${ROOM}`]);
  });
});

describe("lost or corrupt state file", () => {
  const TRUNCATED = '{"version":1,"destinations":{"slack:C1":{"lastPosted":"2026-05-0';

  it("after the post time: moved aside, logged, and handled like a crash mid-send", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T12:00:00Z") });
    const dir = tempDir();
    writeFileSync(join(dir, STATE_FILE_NAME), TRUNCATED);
    const h = start(dir);
    await h.daily.idle();

    expect(h.store.recovered).toBe(true);
    const aside = readdirSync(dir).filter((f) => f.startsWith(`${STATE_FILE_NAME}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), "utf8")).toBe(TRUNCATED); // kept for a person
    const error = h.lines.find((l) => l.level === LEVEL.error);
    expect(error?.msg).toMatch(/state file is unreadable/);
    expect(error?.problem).toMatch(/invalid JSON/);

    expect(h.slack.attempts).toEqual([]); // it may have gone out before the file broke
    expect(h.matrix.posts.map((p) => p.key)).toEqual([`totd:2026-05-04:matrix:${ROOM}`]);
    expect(JSON.parse(readFileSync(join(dir, STATE_FILE_NAME), "utf8")).version).toBe(1);
  });

  it("before the post time: nothing can have been posted today, so the day runs normally", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T05:00:00Z") });
    const dir = tempDir();
    writeFileSync(join(dir, STATE_FILE_NAME), '{"version":2}');
    const h = start(dir);
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    expect(h.store.recovered).toBe(true);
    expect(h.slack.posts.map((p) => p.at)).toEqual(["2026-05-04T07:00:00.000Z"]);
    expect(h.matrix.posts.map((p) => p.at)).toEqual(["2026-05-04T07:00:00.000Z"]);
  });

  it("a missing state file is a first start, not a problem", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T12:00:00Z") });
    const h = start(tempDir());
    await h.daily.idle();
    expect(h.store.recovered).toBe(false);
    expect(h.lines.filter((l) => l.level >= LEVEL.warn)).toEqual([]);
    expect(h.slack.posts).toHaveLength(1);
    expect(h.matrix.posts).toHaveLength(1);
  });
});
