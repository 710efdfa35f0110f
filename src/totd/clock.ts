// When the daily post is due, in the TOTD time zone. croner does the DST arithmetic: a
// fixed-time pattern runs once a day, at the first valid instant after a spring-forward
// gap and at the first occurrence of a repeated fall-back hour.
import { Cron } from "croner";
import { dateInZone } from "./today.ts";

/** "HH:MM" or "HH:MM:SS" (seconds are only useful to tests). */
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

export interface PostClock {
  readonly timeZone: string;
  /** The croner pattern (six fields, seconds first) of the daily post. */
  readonly pattern: string;
  /** The calendar date (YYYY-MM-DD) of an instant in the TOTD zone. */
  dateOf(at: Date): string;
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
  // Paused jobs without a function never set a timer: they only answer questions.
  const post = new Cron(pattern, { timezone: timeZone, paused: true });
  const midnight = new Cron("0 0 0 * * *", { timezone: timeZone, paused: true });
  const dateOf = (at: Date) => dateInZone(at, timeZone);
  const postTimeToday = (at: Date): Date | undefined => {
    // +1 ms: a run exactly at `at` counts as passed, so a start-up at 09:00:00.000 sharp
    // (which croner's next run would skip) still posts.
    const previous = post.previousRuns(1, new Date(at.getTime() + 1))[0];
    return previous !== undefined && dateOf(previous) === dateOf(at) ? previous : undefined;
  };
  return {
    timeZone,
    pattern,
    dateOf,
    passedToday: (at) => postTimeToday(at) !== undefined,
    nextRun: (at) => post.nextRun(at) ?? undefined,
    postTimeToday,
    endOfDay(at) {
      const next = midnight.nextRun(at);
      // croner finds a midnight (or the first instant after a DST gap at midnight) every day.
      if (!next) throw new Error(`no next day in ${timeZone} after ${at.toISOString()}`);
      return next;
    },
  };
}
