// The daily post with many destinations on a fake clock: one timer however many there
// are, no listener per destination on a shared signal, a short start-up line, and
// exactly one post per destination per local day (checked against croner's post times).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { dailyPostSuite, LEVEL, tempDir } from "../support/totd-helpers.ts";
import { runMany } from "../support/totd-scale.ts";

const { start } = dailyPostSuite({ timeZone: "UTC" });

let warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
beforeEach(() => {
  warnings = [];
  process.on("warning", onWarning);
});
afterEach(() => {
  process.off("warning", onWarning);
});

describe("the daily post with 400 destinations", () => {
  it("posts each exactly once per local day at its time, on one timer, with no listener warning", async () => {
    // Across the European DST change.
    await runMany(start, 400, new Date("2026-03-27T10:00:00Z"), 3);
    expect(warnings).toEqual([]);
  });
});

describe('the "daily post scheduled" line', () => {
  it("gives the count and the earliest post to come; the full list only at debug", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T05:00:00Z") });
    const h = start(tempDir(), {
      time: "09:00",
      timeZone: "Europe/Berlin",
      slackChannels: ["C1", "C2"],
      matrixRooms: ["!room:example.org"],
      extra: [
        { platform: "slack", destination: "C3", time: "08:30", timeZone: "UTC", source: "chat" },
      ],
    });
    await h.daily.idle();
    const line = h.lines.find((l) => l.msg === "daily post scheduled")!;
    expect({ ...line, time: 0, pid: 0, hostname: "" }).toEqual({
      level: LEVEL.info,
      time: 0,
      pid: 0,
      hostname: "",
      component: "totd",
      msg: "daily post scheduled",
      destinations: 4,
      nextRun: "2026-05-04T07:00:00.000Z", // 09:00 in Berlin, before 08:30 UTC
      nextRunDestinations: 3,
    });
    const list = h.lines.find((l) => l.msg === "daily post schedule, every destination")!;
    expect(list.level).toBe(LEVEL.debug);
    expect(list.destinations).toEqual([
      {
        destination: "slack:C1",
        postTime: "09:00",
        timeZone: "Europe/Berlin",
        nextRun: "2026-05-04T07:00:00.000Z",
      },
      {
        destination: "slack:C2",
        postTime: "09:00",
        timeZone: "Europe/Berlin",
        nextRun: "2026-05-04T07:00:00.000Z",
      },
      {
        destination: "matrix:!room:example.org",
        postTime: "09:00",
        timeZone: "Europe/Berlin",
        nextRun: "2026-05-04T07:00:00.000Z",
      },
      {
        destination: "slack:C3",
        postTime: "08:30",
        timeZone: "UTC",
        nextRun: "2026-05-04T08:30:00.000Z",
      },
    ]);
  });
});
