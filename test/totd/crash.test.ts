// Crash reconciliation: a process that dies between sending and recording, a state file
// that is lost or corrupt, and a past day that never finished. (How Slack's look in the
// channel behaves when it fails or cannot be made: reconcile.test.ts.) The corrupt-file
// cases run on the real file store; the rest on the in-memory one (fake timers).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { namespaceFile } from "../../src/persist/file-store.ts";
import type { DestinationRecord } from "../../src/totd/records.ts";
import {
  brief,
  dailyPostSuite,
  fakeChat,
  LEVEL,
  memoryStoreFor,
  notSent,
  tempDir,
} from "../support/totd-helpers.ts";

const ROOM = "!room:example.org";
const STATE_FILE_NAME = "totd.json";
const { start } = dailyPostSuite({ abandon: true });

/** The records as the last "process" made them durable. */
function readState(dir: string): { destinations: Record<string, DestinationRecord> } {
  const ns = memoryStoreFor(dir).disk.get("totd") ?? new Map();
  return { destinations: Object.fromEntries(ns) as Record<string, DestinationRecord> };
}

describe("crash between send and record", () => {
  it("records the intent before sending; after the crash Matrix re-sends with the same key and Slack finds its post in the channel", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") }); // 12:00 in Berlin
    const dir = tempDir();
    const crashed = start(dir);
    // The process dies while these sends are out; Slack already has the post.
    crashed.slack.behaviour = () => "deliver-and-hang";
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
    const restarted = start(dir, { slack: fakeChat("slack", { channel: crashed.slack.channel }) });
    await restarted.daily.idle();

    expect(restarted.matrix.posts.map((p) => p.key)).toEqual([firstMatrixKey]);
    // Slack: looked in the channel from the interrupted send on, found it, sent nothing.
    expect(restarted.slack.lookups).toEqual([
      { destination: "C1", key: "totd:2026-05-04:slack:C1", since: "2026-05-04T10:00:00.000Z" },
    ]);
    expect(restarted.slack.attempts).toEqual([]);
    expect(crashed.slack.channel).toHaveLength(1);
    expect(restarted.lines.find((l) => l.destination === "slack:C1")?.msg).toMatch(/had arrived/);
    expect(restarted.lines.filter((l) => l.level >= LEVEL.warn)).toEqual([]);
    expect(restarted.counts).toEqual({ "slack:sent": 1, "matrix:sent": 1 });
    expect(brief(restarted.daily)).toEqual({
      "slack:C1": { lastPosted: "2026-05-04" },
      [`matrix:${ROOM}`]: { lastPosted: "2026-05-04" },
    });

    // Settled: a third start that day sends nothing, and the next day is normal again.
    await restarted.daily.stop();
    const third = start(dir);
    await third.daily.idle();
    expect(third.slack.attempts.length + third.matrix.attempts.length).toBe(0);
    expect(third.slack.lookups).toEqual([]);
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(third.slack.posts.map((p) => p.key)).toEqual(["totd:2026-05-05:slack:C1"]);
  });

  it("a Slack send that never arrived is sent once by the next start, after a look", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") });
    const dir = tempDir();
    const crashed = start(dir, { matrixRooms: [] });
    crashed.slack.behaviour = () => "hang"; // dies before Slack has it
    await vi.advanceTimersByTimeAsync(0);
    void crashed.daily.stop();

    const restarted = start(dir, {
      matrixRooms: [],
      slack: fakeChat("slack", { channel: crashed.slack.channel }),
    });
    await restarted.daily.idle();
    expect(restarted.slack.lookups).toHaveLength(1);
    expect(restarted.slack.posts.map((p) => p.key)).toEqual(["totd:2026-05-04:slack:C1"]);
    expect(crashed.slack.channel).toHaveLength(1);
    expect(brief(restarted.daily)).toEqual({ "slack:C1": { lastPosted: "2026-05-04" } });
  });

  it("a stop during the backoff wait is not a crash mid-send: the next start retries Slack too", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") });
    const dir = tempDir();
    const first = start(dir);
    first.slack.behaviour = () => notSent("ratelimited");
    await vi.advanceTimersByTimeAsync(0);
    await first.daily.stop();
    expect(readState(dir).destinations["slack:C1"]!.intent).toMatchObject({ inFlight: false });

    const second = start(dir);
    await second.daily.idle();
    expect(second.slack.lookups).toEqual([]); // it failed for sure: nothing to look for
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
      paused: null,
    };
    memoryStoreFor(dir).disk.set("totd", new Map([["slack:C1", yesterday]]));
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

describe("a send cut off by the shutdown", () => {
  it("stays in flight, and the next start settles it", async () => {
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

    // Nothing reached either platform: Matrix re-sends, Slack looks and then sends.
    const second = start(dir);
    await second.daily.idle();
    expect(second.slack.lookups).toHaveLength(1);
    expect(second.slack.posts.map((p) => p.key)).toEqual(["totd:2026-05-04:slack:C1"]);
    expect(second.matrix.posts.map((p) => p.key)).toEqual([`totd:2026-05-04:matrix:${ROOM}`]);
  });
});

describe("lost or corrupt state file", () => {
  const TRUNCATED = '{"version":1,"entries":{"slack:C1":{"value":{"lastPosted":"2026-05-0';
  const onFile = { fileStore: true } as const;

  it("after the post time: moved aside, logged, and handled like a crash mid-send", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T12:00:00Z") });
    const dir = tempDir();
    writeFileSync(namespaceFile(dir, "totd"), TRUNCATED);
    const h = start(dir, onFile);
    await h.daily.idle();

    expect(await h.recovered()).toBe(true);
    const aside = readdirSync(dir).filter((f) => f.startsWith(`${STATE_FILE_NAME}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), "utf8")).toBe(TRUNCATED); // kept for a person
    const error = h.lines.find((l) => l.level === LEVEL.error);
    expect(error?.msg).toMatch(/state file is unreadable/);
    expect(error?.problem).toMatch(/invalid JSON/);

    // It may have gone out before the file broke: Slack looks from today's post time on.
    expect(h.slack.lookups).toEqual([
      { destination: "C1", key: "totd:2026-05-04:slack:C1", since: "2026-05-04T07:00:00.000Z" },
    ]);
    expect(h.slack.posts.map((p) => p.key)).toEqual(["totd:2026-05-04:slack:C1"]);
    expect(h.matrix.posts.map((p) => p.key)).toEqual([`totd:2026-05-04:matrix:${ROOM}`]);
    expect(JSON.parse(readFileSync(join(dir, STATE_FILE_NAME), "utf8")).version).toBe(1);
  });

  it("after the post time, a Slack post made before the file broke is found, not repeated", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T07:00:00Z") }); // 09:00 in Berlin
    const dir = tempDir();
    const before = start(dir, { ...onFile, matrixRooms: [] });
    await before.daily.idle();
    await before.daily.stop();
    expect(before.slack.posts).toHaveLength(1);

    vi.setSystemTime(new Date("2026-05-04T12:00:00Z"));
    writeFileSync(join(dir, STATE_FILE_NAME), TRUNCATED);
    const h = start(dir, {
      ...onFile,
      matrixRooms: [],
      slack: fakeChat("slack", { channel: before.slack.channel }),
    });
    await h.daily.idle();
    expect(await h.recovered()).toBe(true);
    expect(h.slack.attempts).toEqual([]);
    expect(before.slack.channel).toHaveLength(1);
    expect(brief(h.daily)).toEqual({ "slack:C1": { lastPosted: "2026-05-04" } });
  });

  it("before the post time: nothing can have been posted today, so the day runs normally", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T05:00:00Z") });
    const dir = tempDir();
    writeFileSync(join(dir, STATE_FILE_NAME), '{"version":2}');
    const h = start(dir, onFile);
    await h.daily.idle();
    // To 09:00 only: the file store's writes finish on the real event loop, then the sends.
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    await h.daily.idle();
    expect(await h.recovered()).toBe(true);
    expect(h.slack.posts.map((p) => p.at)).toEqual(["2026-05-04T07:00:00.000Z"]);
    expect(h.matrix.posts.map((p) => p.at)).toEqual(["2026-05-04T07:00:00.000Z"]);
  });

  it("a missing state file is a first start, not a problem", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T12:00:00Z") });
    const h = start(tempDir(), onFile);
    await h.daily.idle();
    expect(await h.recovered()).toBe(false);
    expect(h.lines.filter((l) => l.level >= LEVEL.warn)).toEqual([]);
    expect(h.slack.posts).toHaveLength(1);
    expect(h.matrix.posts).toHaveLength(1);
  });
});
