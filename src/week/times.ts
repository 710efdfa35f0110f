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

interface TimeFields {
  readonly start?: string;
  readonly end?: string;
  readonly timeZone?: string;
  readonly room?: string;
}

export function timed(talk: Talk): TimedTalk | null {
  const fields = talk as Talk & TimeFields;
  const start = fields.start ? Date.parse(fields.start) : Number.NaN;
  if (!Number.isFinite(start)) return null;
  const end = fields.end ? Date.parse(fields.end) : Number.NaN;
  return {
    talk,
    start,
    end: Number.isFinite(end) && end > start ? end : start + DEFAULT_LENGTH_MS,
    timeZone: fields.timeZone ?? "UTC",
    room: fields.room ?? null,
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

const clockFormat = new Map<string, Intl.DateTimeFormat>();

/** "14:30" in the talk's own zone. */
export function localTime(instant: number, timeZone: string): string {
  let format = clockFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    clockFormat.set(timeZone, format);
  }
  return format.format(instant);
}

/** "Thu 14:30–15:00 · Room K.1.105" — what a card shows of a timed talk. */
export function slotLine(t: TimedTalk): string {
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: t.timeZone, weekday: "short" }).format(
    t.start,
  );
  const when = `${day} ${localTime(t.start, t.timeZone)}–${localTime(t.end, t.timeZone)}`;
  return t.room ? `${when} · ${t.room}` : when;
}
