// "now", "next" and "schedule DAY": what is on at the conferences of the catalog, read in
// each conference's own zone. Pure functions of the timetable and an instant.
import { addDays, dateInZone } from "../totd/today.ts";
import { localDate, type TimedTalk } from "./times.ts";

/** "next" looks this far ahead. */
const NEXT_WINDOW_MS = 60 * 60_000;

export type DayWord = "today" | "tomorrow" | "yesterday" | Weekday;
export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Talks running at `now`. */
export function runningAt(table: readonly TimedTalk[], now: number): TimedTalk[] {
  return table.filter((t) => t.start <= now && now < t.end);
}

/** Talks starting after `now` and within the next hour. */
export function startingSoon(table: readonly TimedTalk[], now: number): TimedTalk[] {
  return table.filter((t) => t.start > now && t.start <= now + NEXT_WINDOW_MS);
}

/** The first talk of the catalog still to come: it names the next conference. */
export function nextConference(table: readonly TimedTalk[], now: number): TimedTalk | null {
  return table.find((t) => t.start > now) ?? null;
}

const weekdayOf = (date: string) => WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!;

/** The calendar date a day word names, seen from `now` in `timeZone`. */
export function resolveDay(word: DayWord, now: number, timeZone: string): string {
  const today = dateInZone(new Date(now), timeZone);
  if (word === "today") return today;
  if (word === "tomorrow") return addDays(today, 1);
  if (word === "yesterday") return addDays(today, -1);
  // A weekday is the next one on or after today (today's own weekday is today).
  for (let i = 0; i < 7; i++) {
    const date = addDays(today, i);
    if (weekdayOf(date) === word) return date;
  }
  return today;
}

/**
 * That day's talks in time order. Each conference's "today" is its own: a talk belongs to
 * the date its start has in its conference's zone.
 */
export function dayOf(table: readonly TimedTalk[], word: DayWord, now: number): TimedTalk[] {
  const days = new Map<string, string>();
  return table.filter((t) => {
    let day = days.get(t.timeZone);
    if (day === undefined) {
      day = resolveDay(word, now, t.timeZone);
      days.set(t.timeZone, day);
    }
    return localDate(t.start, t.timeZone) === day;
  });
}
