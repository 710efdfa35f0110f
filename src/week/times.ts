// The conference week works on talks that carry their own time: imported talks keep start,
// end, zone and room from their schedule. Talks without a start (the curated catalog,
// schedules that give only a day) are not on any timetable.
import type { Talk } from "../core/talk.ts";

/** A talk on a timetable. Instants are milliseconds since the epoch. */
export interface TimedTalk {
  readonly talk: Talk;
  readonly start: number;
  readonly end: number;
  /** The conference's IANA zone: local times and "today" are read in it. */
  readonly timeZone: string;
  readonly room: string | null;
}

/** A talk whose schedule gives no end is taken to last this long. */
const DEFAULT_LENGTH_MS = 30 * 60_000;

export function timed(talk: Talk): TimedTalk | null {
  const start = talk.start ? Date.parse(talk.start) : Number.NaN;
  if (!Number.isFinite(start)) return null;
  const end = talk.end ? Date.parse(talk.end) : Number.NaN;
  return {
    talk,
    start,
    end: Number.isFinite(end) && end > start ? end : start + DEFAULT_LENGTH_MS,
    timeZone: talk.timeZone ?? "UTC",
    room: talk.room ?? null,
  };
}

/** Every timed talk of a catalog, by start time (then room, then title: a stable order). */
export function timetable(talks: readonly Talk[]): readonly TimedTalk[] {
  const out: TimedTalk[] = [];
  for (const talk of talks) {
    const t = timed(talk);
    if (t) out.push(t);
  }
  return out.sort(
    (a, b) =>
      a.start - b.start ||
      (a.room ?? "").localeCompare(b.room ?? "") ||
      a.talk.title.localeCompare(b.talk.title),
  );
}

// Building an Intl.DateTimeFormat costs far more than formatting with one: a day's
// schedule of a 10,000-talk catalog formats every talk, so each (form, zone) is built once.
// Zones come from validated catalog records, so the map stays as small as the catalog's zones.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(form: "clock" | "weekday" | "date", timeZone: string): Intl.DateTimeFormat {
  const key = `${form}\u0000${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format =
      form === "clock"
        ? new Intl.DateTimeFormat("en-GB", {
            timeZone,
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
          })
        : form === "weekday"
          ? new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short" })
          : // en-CA formats as YYYY-MM-DD.
            new Intl.DateTimeFormat("en-CA", {
              timeZone,
              year: "numeric",
              month: "2-digit",
              day: "2-digit",
            });
    formats.set(key, format);
  }
  return format;
}

/** "14:30" in the talk's own zone. */
export const localTime = (instant: number, timeZone: string): string =>
  formatIn("clock", timeZone).format(instant);

/** "2026-11-21": the calendar date of `instant` in `timeZone`. */
export const localDate = (instant: number, timeZone: string): string =>
  formatIn("date", timeZone).format(instant);

/** "Thu 14:30–15:00 · Room K.1.105" — what a card shows of a timed talk. */
export function slotLine(t: TimedTalk): string {
  const day = formatIn("weekday", t.timeZone).format(t.start);
  const when = `${day} ${localTime(t.start, t.timeZone)}–${localTime(t.end, t.timeZone)}`;
  return t.room ? `${when} · ${t.room}` : when;
}
