// When a source is fetched next, and the interval grammar: exact values.
import { describe, expect, it } from "vitest";
import { conferenceDays, runningNow } from "../../src/sources/conference-window.ts";
import { nextDue } from "../../src/sources/due.ts";
import { formatInterval, parseInterval } from "../../src/sources/duration.ts";
import { NEW_SOURCE_STATE } from "../../src/sources/source-state.ts";
import { talkWith as talk } from "../support/talks.ts";

const HOUR = 3_600_000;
const entry = { url: "https://example.org/s.json" };

describe("intervals", () => {
  it.each([
    ["15m", 900_000],
    ["6h", 6 * HOUR],
    ["1d", 24 * HOUR],
    [" 2H ", 2 * HOUR],
  ])("%s is %d ms", (text, ms) => expect(parseInterval(text)).toBe(ms));
  it.each(["", "h", "6", "6x", "-1h", "1.5h", "4m", "8d"])("%j is refused", (text) =>
    expect(typeof parseInterval(text)).toBe("string"),
  );
  it("writes intervals back in their shortest form", () =>
    expect([90 * 60_000, 6 * HOUR, 48 * HOUR].map(formatInterval)).toEqual(["90m", "6h", "2d"]));
});

describe("nextDue", () => {
  it("is now for a source never fetched", () =>
    expect(nextDue(entry, NEW_SOURCE_STATE, false)).toBe(0));

  it("shortens the interval by at most 10 %, the same after a restart", () => {
    const state = { ...NEW_SOURCE_STATE, lastAttempt: 1_000_000 };
    const due = nextDue(entry, state, false);
    expect(due - 1_000_000).toBeGreaterThanOrEqual(5.4 * HOUR);
    expect(due - 1_000_000).toBeLessThanOrEqual(6 * HOUR);
    expect(nextDue(entry, state, false)).toBe(due);
  });

  it("is never later than the interval, whatever the jitter draws", () => {
    // 2,000 sources and attempts: the jitter spreads them over [0.9, 1] of the interval and
    // never past it (the alert latency bound: one interval plus the sync).
    const waits: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const state = { ...NEW_SOURCE_STATE, lastAttempt: 1_000_000 + i * 7_919 };
      const source = { url: `https://example.org/${i}.json`, every: "15m" };
      waits.push(nextDue(source, state, false) - state.lastAttempt);
    }
    expect(Math.max(...waits)).toBeLessThanOrEqual(900_000);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(810_000);
    // Spread, not one fixed value: fetches of many sources and replicas stay out of step.
    expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(80_000);
  });

  it("is every 15 minutes (up to 10 % sooner) while the conference runs", () => {
    const due = nextDue(entry, { ...NEW_SOURCE_STATE, lastAttempt: 0 }, true);
    expect(due).toBeGreaterThanOrEqual(810_000);
    expect(due).toBeLessThanOrEqual(900_000);
  });

  it("backs off after failures, capped at the interval, and honours Retry-After", () => {
    const failing = (failures: number) => ({ ...NEW_SOURCE_STATE, lastAttempt: 0, failures });
    const first = nextDue(entry, failing(1), false);
    expect(first).toBeGreaterThanOrEqual(30_000);
    expect(first).toBeLessThanOrEqual(60_000);
    expect(nextDue(entry, failing(20), false)).toBeLessThanOrEqual(6 * HOUR);
    expect(nextDue(entry, failing(1), false, 600_000)).toBe(600_000);
  });
});

describe("the conference week", () => {
  const days = conferenceDays([
    talk({ id: "a", eventId: "kvm-2026", date: "2026-09-03" }),
    talk({ id: "b", eventId: "kvm-2026", date: "2026-09-04" }),
    talk({ id: "c", eventId: "old", date: "2011" }),
  ]);
  it.each([
    ["2026-09-02T23:59:00Z", false],
    ["2026-09-03T00:00:00Z", true],
    ["2026-09-04T23:59:59Z", true],
    ["2026-09-05T00:00:00Z", false],
  ])("at %s running is %s", (at, running) =>
    expect(runningNow(days, ["kvm-2026", "old"], new Date(at))).toBe(running),
  );
});
