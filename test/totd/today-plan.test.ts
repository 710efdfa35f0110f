// todayPlan: what `subscribe` tells a destination about today, from its record and clock.
import { describe, expect, it } from "vitest";
import { createPostClock } from "../../src/totd/clock.ts";
import { EMPTY_RECORD } from "../../src/totd/records.ts";
import { todayPlan } from "../../src/totd/today-plan.ts";

const clock = createPostClock("09:00", "Europe/Berlin");
/** 08:30 and 09:30 in Berlin (CET, UTC+1) on 2026-12-05. */
const before = new Date("2026-12-05T07:30:00Z");
const after = new Date("2026-12-05T08:30:00Z");

describe("todayPlan", () => {
  it("is later-today before the local post time and posting-now after it", () => {
    expect([todayPlan(EMPTY_RECORD, clock, before), todayPlan(EMPTY_RECORD, clock, after)]).toEqual(
      ["later-today", "posting-now"],
    );
  });

  it("is done-today once today (or a later day) was posted or settled", () => {
    const posted = { ...EMPTY_RECORD, lastPosted: "2026-12-05" };
    const settled = { ...EMPTY_RECORD, settled: "2026-12-06" };
    const yesterday = { ...EMPTY_RECORD, lastPosted: "2026-12-04", settled: "2026-12-04" };
    expect([posted, settled, yesterday].map((r) => todayPlan(r, clock, after))).toEqual([
      "done-today",
      "done-today",
      "posting-now",
    ]);
  });

  it("is paused for a paused destination, whatever the day holds", () => {
    const paused = {
      ...EMPTY_RECORD,
      lastPosted: "2026-12-05",
      paused: { since: "2026-12-05T08:00:00.000Z", reason: "not_in_channel" },
    };
    expect([todayPlan(paused, clock, before), todayPlan(paused, clock, after)]).toEqual([
      "paused",
      "paused",
    ]);
  });

  it("counts the day in the destination's zone: 23:30 UTC is already tomorrow in Berlin", () => {
    const done = { ...EMPTY_RECORD, lastPosted: "2026-12-05" };
    expect(todayPlan(done, clock, new Date("2026-12-05T23:30:00Z"))).toBe("later-today");
  });
});
