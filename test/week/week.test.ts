// The conference week in far zones and across a DST change: exact talks for now, next and
// a day's schedule, at 23:59 and 00:01 local.
import { describe, expect, it } from "vitest";
import type { Talk } from "../../src/core/talk.ts";
import { weekListing } from "../../src/week/listing.ts";
import { slotLine, timetable } from "../../src/week/times.ts";
import { dayOf, nextConference, resolveDay, runningAt, startingSoon } from "../../src/week/week.ts";
import { talkWith } from "../support/talks.ts";

const at = (iso: string) => Date.parse(iso);
function slot(id: string, start: string, end: string, timeZone: string, room?: string): Talk {
  return {
    ...talkWith({ id, title: id, eventId: id.split("-")[0]! }),
    start,
    end,
    timeZone,
    ...(room ? { room } : {}),
  } as Talk;
}

const table = timetable([
  // Bengaluru (UTC+5:30): a late talk and the first of the next day.
  slot(
    "blr-late",
    "2026-11-20T23:30:00+05:30",
    "2026-11-21T00:15:00+05:30",
    "Asia/Kolkata",
    "Hall A",
  ),
  slot(
    "blr-morning",
    "2026-11-21T09:00:00+05:30",
    "2026-11-21T09:45:00+05:30",
    "Asia/Kolkata",
    "Hall A",
  ),
  // Brisbane (UTC+10, no DST).
  slot(
    "bne-keynote",
    "2026-11-21T09:00:00+10:00",
    "2026-11-21T10:00:00+10:00",
    "Australia/Brisbane",
  ),
  // Los Angeles across the DST change of 2026-11-01 (PDT → PST).
  slot(
    "lax-before",
    "2026-10-31T17:00:00-07:00",
    "2026-10-31T17:30:00-07:00",
    "America/Los_Angeles",
    "Room 1",
  ),
  slot(
    "lax-after",
    "2026-11-01T17:00:00-08:00",
    "2026-11-01T17:30:00-08:00",
    "America/Los_Angeles",
    "Room 1",
  ),
  talkWith({ id: "untimed" }),
]);
const ids = (list: readonly { talk: Talk }[]) => list.map((t) => t.talk.id);

describe("now and next", () => {
  it("a talk running over local midnight is on now at 23:59 and 00:01", () => {
    expect(ids(runningAt(table, at("2026-11-20T23:59:00+05:30")))).toEqual(["blr-late"]);
    expect(ids(runningAt(table, at("2026-11-21T00:01:00+05:30")))).toEqual(["blr-late"]);
    expect(ids(runningAt(table, at("2026-11-21T00:15:00+05:30")))).toEqual([]);
  });

  it("next lists what starts within the hour, not what runs", () => {
    expect(ids(startingSoon(table, at("2026-11-21T08:10:00+05:30")))).toEqual(["blr-morning"]);
    expect(ids(startingSoon(table, at("2026-11-21T07:59:00+05:30")))).toEqual([]);
    expect(ids(startingSoon(table, at("2026-11-21T08:05:00+10:00")))).toEqual(["bne-keynote"]);
  });

  it("outside every conference names the next one", () => {
    expect(nextConference(table, at("2026-10-01T00:00:00Z"))?.talk.id).toBe("lax-before");
    expect(nextConference(table, at("2026-12-01T00:00:00Z"))).toBeNull();
  });
});

describe("a day's schedule", () => {
  it("reads today and tomorrow in each conference's own zone", () => {
    const lateInIndia = at("2026-11-20T23:59:00+05:30");
    // 23:59 in Bengaluru is already the next morning in Brisbane.
    expect(ids(dayOf(table, "today", lateInIndia))).toEqual(["blr-late", "bne-keynote"]);
    expect(ids(dayOf(table, "tomorrow", lateInIndia))).toEqual(["blr-morning"]);
    const justAfter = at("2026-11-21T00:01:00+05:30");
    expect(ids(dayOf(table, "today", justAfter))).toEqual(["bne-keynote", "blr-morning"]);
  });

  it("a weekday is the next one on or after today, across the DST change", () => {
    const saturday = at("2026-10-31T12:00:00-07:00");
    expect(resolveDay("saturday", saturday, "America/Los_Angeles")).toBe("2026-10-31");
    expect(resolveDay("sunday", saturday, "America/Los_Angeles")).toBe("2026-11-01");
    expect(resolveDay("friday", saturday, "America/Los_Angeles")).toBe("2026-11-06");
    expect(ids(dayOf(table, "sunday", saturday))).toEqual(["lax-after"]);
  });

  it("shows local times and rooms on both sides of the change", () => {
    const [before, after] = table.filter((t) => t.talk.id.startsWith("lax"));
    expect(slotLine(before!)).toBe("Sat 17:00–17:30 · Room 1");
    expect(slotLine(after!)).toBe("Sun 17:00–17:30 · Room 1");
    expect(slotLine(table.find((t) => t.talk.id === "bne-keynote")!)).toBe("Sat 09:00–10:00");
  });
});

describe("new: a whole conference added in one day", () => {
  it("lists the day's talks best match first, then the older days", () => {
    const added = (id: string, day: string) =>
      ({ ...talkWith({ id, title: id }), added: day }) as Talk;
    const talks = [
      added("a-mentions-it", "2026-12-04"),
      added("b-about-it", "2026-12-04"),
      added("c-about-it-too", "2026-12-04"),
      added("d-older", "2026-12-01"),
    ];
    const rank = new Map([
      ["b-about-it", 0],
      ["d-older", 1],
      ["c-about-it-too", 2],
      ["a-mentions-it", 3],
    ]);
    const listing = weekListing(
      { kind: "new" },
      {
        talks,
        now: at("2026-12-05T10:00:00Z"),
        timeZone: "UTC",
        accepts: (t) => rank.has(t.id),
        rank: (t) => rank.get(t.id) ?? rank.size,
      },
    );
    expect(listing.kind === "list" && listing.entries.map((e) => e.talk.id)).toEqual([
      "b-about-it",
      "c-about-it-too",
      "a-mentions-it",
      "d-older",
    ]);
  });
});
