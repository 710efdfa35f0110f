// When the daily post is due, in a destination's time zone: once a day at its local time,
// at the first instant after a spring-forward gap that skips it and at the first
// occurrence of a fall-back hour that repeats it (zone-time.ts does the DST arithmetic).
//
// Destinations sharing a time and zone share one clock (post-times.ts), and a clock
// remembers the days it was asked about: a wake over ten thousand destinations is a
// handful of Intl calls, not ten thousand.
import { instantOf, nextDate, wallTime, zoneFormat } from "./zone-time.ts";

/** "HH:MM" or "HH:MM:SS" (seconds are only useful to tests). */
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

export interface PostClock {
  readonly timeZone: string;
  /** The post time as a cron pattern (six fields, seconds first): what names a clock. */
  readonly pattern: string;
  /** The calendar date (YYYY-MM-DD) of an instant in the TOTD zone. */
  dateOf(at: Date | number): string;
  /** Has the post time of the calendar day `at` falls on already come (at or before `at`)? */
  passedToday(at: Date): boolean;
  /**
   * The post time of the calendar day `at` falls on, if it is at or before `at`: the
   * earliest instant a post for that day can have gone out.
   */
  postTimeToday(at: Date): Date | undefined;
  /** The first instant of the day after the one `at` falls on: where a day's retries stop. */
  endOfDay(at: Date): Date;
  /** The next post time after `at`. */
  nextRun(at: Date): Date | undefined;
}

export function cronPattern(time: string): string {
  const m = TIME.exec(time);
  if (!m) throw new Error(`daily post time must be HH:MM or HH:MM:SS, got "${time}"`);
  return `${Number(m[3] ?? 0)} ${Number(m[2])} ${Number(m[1])} * * *`;
}

export function createPostClock(time: string, timeZone: string): PostClock {
  const pattern = cronPattern(time);
  const [second = 0, minute = 0, hour = 0] = pattern.split(" ").map(Number);
  const seconds = hour * 3600 + minute * 60 + second;
  const format = zoneFormat("date", timeZone);
  const dateOf = (at: Date | number) => format.format(at);
  // The two days asked about around any instant (today and tomorrow), remembered.
  const postTimes = lastTwo((date) => instantOf(wallTime(date, seconds), timeZone));
  const midnights = midnightsIn(timeZone);
  /** The post time of `date`, unless the zone skips it into the next day (never posted). */
  const postOn = (date: string): number | undefined => {
    const t = postTimes(date);
    return Number.isNaN(t) ? undefined : t;
  };
  const postTimeToday = (at: Date): Date | undefined => {
    // A post time exactly at `at` counts as passed: a start-up at 09:00:00.000 sharp posts.
    const t = postOn(dateOf(at));
    return t !== undefined && t <= at.getTime() ? new Date(t) : undefined;
  };
  return {
    timeZone,
    pattern,
    dateOf,
    passedToday: (at) => postTimeToday(at) !== undefined,
    postTimeToday,
    nextRun(at) {
      const today = dateOf(at);
      const t = postOn(today);
      if (t !== undefined && t > at.getTime()) return new Date(t);
      const tomorrow = postOn(nextDate(today));
      return tomorrow === undefined ? undefined : new Date(tomorrow);
    },
    endOfDay: (at) => new Date(midnights(nextDate(dateOf(at)))),
  };
}

/** Where each day starts in a zone: the same for every clock in it. */
const midnightsByZone = new Map<string, (date: string) => number>();

function midnightsIn(timeZone: string): (date: string) => number {
  let midnights = midnightsByZone.get(timeZone);
  if (!midnights) {
    midnights = lastTwo((date) => instantOf(wallTime(date, 0), timeZone));
    midnightsByZone.set(timeZone, midnights);
  }
  return midnights;
}

/** `compute` by date, remembering the last two dates asked about. */
function lastTwo(compute: (date: string) => number): (date: string) => number {
  const known: Array<readonly [string, number]> = [];
  return (date) => {
    const hit = known.find(([d]) => d === date);
    if (hit) return hit[1];
    const value = compute(date);
    known.unshift([date, value]);
    known.length = Math.min(known.length, 2);
    return value;
  };
}
