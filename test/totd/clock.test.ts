// The post clock's DST arithmetic (src/totd/zone-time.ts) against croner, which gave these
// answers before it was replaced (a croner job costs ~80 KB; the bot keeps one clock per
// post time): the same post times, day ends and "has today's time passed" for random
// zones, dates and times, DST days included.
import { Cron } from "croner";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPostClock } from "../../src/totd/clock.ts";

/** Zones with DST in both hemispheres, half-hour and 45-minute offsets, and none at all. */
const ZONES = [
  "Europe/Berlin",
  "America/New_York",
  "America/Santiago",
  "Australia/Sydney",
  "Australia/Lord_Howe", // a 30-minute DST shift
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "America/St_Johns",
  "Africa/Casablanca",
  "UTC",
  "Etc/GMT+11",
];

const pad = (n: number) => String(n).padStart(2, "0");

/** croner's answers, as the clock gave them before. */
function cronerClock(time: string, timeZone: string) {
  const [h, m, s = "0"] = time.split(":");
  const pattern = `${Number(s)} ${Number(m)} ${Number(h)} * * *`;
  const post = new Cron(pattern, { timezone: timeZone, paused: true });
  const midnight = new Cron("0 0 0 * * *", { timezone: timeZone, paused: true });
  return {
    nextRun: (at: Date) => post.nextRun(at)?.toISOString(),
    last: (at: Date) => post.previousRuns(1, new Date(at.getTime() + 1))[0]?.toISOString(),
    endOfDay: (at: Date) => midnight.nextRun(at)?.toISOString(),
  };
}

const instants = fc
  .integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2028-12-31T00:00:00Z") })
  .map((t) => new Date(t - (t % 1000)));
const times = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${pad(h)}:${pad(m)}`);

describe("post clock against croner", () => {
  it("next post time, today's post time and the end of the day agree on random instants", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), times, instants, (zone, time, at) => {
        const ours = createPostClock(time, zone);
        const theirs = cronerClock(time, zone);
        expect(ours.nextRun(at)?.toISOString()).toBe(theirs.nextRun(at));
        expect(ours.endOfDay(at).toISOString()).toBe(theirs.endOfDay(at));
        const last = theirs.last(at);
        const today = last && ours.dateOf(new Date(last)) === ours.dateOf(at) ? last : undefined;
        expect(ours.postTimeToday(at)?.toISOString()).toBe(today);
      }),
      { numRuns: 400, seed: 17 },
    );
  });

  it("agrees on every day of 2026's DST seasons in every zone, for times in and around a change", () => {
    const changes = ["02:00", "02:30", "00:00"];
    // February to mid-April and September to mid-November: every zone above changes its
    // clocks in one of them (Morocco around Ramadan, the south in April and September/October).
    const days = [
      ...Array.from({ length: 65 }, (_, i) => Date.parse("2026-02-05T12:00:00Z") + i * 86_400_000),
      ...Array.from({ length: 75 }, (_, i) => Date.parse("2026-09-01T12:00:00Z") + i * 86_400_000),
    ];
    for (const zone of ZONES) {
      for (const time of changes) {
        const ours = createPostClock(time, zone);
        const theirs = cronerClock(time, zone);
        for (const day of days) {
          const at = new Date(day);
          expect([zone, time, ours.nextRun(at)?.toISOString()]).toEqual([
            zone,
            time,
            theirs.nextRun(at),
          ]);
        }
      }
    }
  });
});

describe("post clock", () => {
  it("a time the spring gap skips is the first instant after the gap, a repeated one its first occurrence", () => {
    const gap = createPostClock("02:30", "Europe/Berlin");
    expect(gap.nextRun(new Date("2026-03-28T12:00:00Z"))?.toISOString()).toBe(
      "2026-03-29T01:00:00.000Z", // 03:00 CEST
    );
    expect(gap.nextRun(new Date("2026-10-24T12:00:00Z"))?.toISOString()).toBe(
      "2026-10-25T00:30:00.000Z", // 02:30 CEST, not 02:30 CET an hour later
    );
    const sydney = createPostClock("02:30", "Australia/Sydney");
    expect(sydney.nextRun(new Date("2026-10-03T12:00:00Z"))?.toISOString()).toBe(
      "2026-10-03T16:00:00.000Z", // 03:00 AEDT on the 4th: 02:00–03:00 does not exist
    );
  });

  it("clocks in one zone share its formatter; the same day asked twice is one computation", () => {
    const a = createPostClock("09:00", "Asia/Kathmandu");
    const b = createPostClock("17:45", "Asia/Kathmandu");
    const at = new Date("2026-06-01T00:00:00Z");
    expect([a.dateOf(at), b.dateOf(at)]).toEqual(["2026-06-01", "2026-06-01"]);
    expect(a.nextRun(at)?.toISOString()).toBe("2026-06-01T03:15:00.000Z");
    expect(b.nextRun(at)?.toISOString()).toBe("2026-06-01T12:00:00.000Z");
    expect(a.endOfDay(at).toISOString()).toBe("2026-06-01T18:15:00.000Z");
  });
});
