// A talk's time in its conference's zone. Schedules write instants with any offset (wafer
// writes UTC, so a morning talk's date can read a day early), and some write wall times
// with a zone name instead (iCalendar TZID without a VTIMEZONE block). Intl knows every
// IANA zone; this file turns both kinds into "2026-01-31T10:30:00+01:00" in one zone.
import { ImportError } from "./types.ts";

/** One formatter per zone: building one costs more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether Intl knows `zone` as a time zone. */
export function knownZone(zone: string | null | undefined): zone is string {
  if (!zone) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `ms`, in minutes ("GMT+05:30" → 330). */
function offsetMinutes(ms: number, zone: string): number {
  const name = formatter(zone)
    .formatToParts(ms)
    .find((p) => p.type === "timeZoneName")?.value;
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? "");
  if (!m) return 0; // "GMT" itself
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The instant `ms` as an ISO 8601 date-time with the zone's offset at that instant. */
export function isoInZone(ms: number, zone: string): string {
  const offset = offsetMinutes(ms, zone);
  const local = new Date(ms + offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The instant of a wall time in `zone` (in a DST gap, the later reading). */
export function wallTimeInZone(wall: string, zone: string): number | null {
  const guess = Date.parse(`${wall}Z`);
  if (Number.isNaN(guess)) return null;
  const first = guess - offsetMinutes(guess, zone) * 60_000;
  const second = guess - offsetMinutes(first, zone) * 60_000;
  return second;
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const WALL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * A schedule's date-time in the conference's zone: one with an offset is converted, a
 * wall time is read in `zone`; with no known zone the text is kept as written (with
 * seconds). Null for anything else (a bare date, garbage).
 */
export function zonedDateTime(text: string, zone: string | null): string | null {
  const value = text.trim();
  const wall = WALL.test(value);
  if (!wall && !WITH_OFFSET.test(value)) return null;
  const withSeconds = value.replace(/^(.{10}T\d{2}:\d{2})(?=$|[Z+-])/, "$1:00");
  if (!knownZone(zone)) return wall ? null : withSeconds.replace(/Z$/, "+00:00");
  const ms = wall ? wallTimeInZone(withSeconds, zone) : Date.parse(value);
  return ms === null || Number.isNaN(ms) ? null : isoInZone(ms, zone);
}

/** "00:25", "1:30", "01:30:00" → minutes; null for anything else. */
export function durationMinutes(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** `start` (from zonedDateTime) plus `minutes`, in the same zone (or offset). */
export function addMinutes(start: string, minutes: number, zone: string | null): string {
  const ms = Date.parse(start) + minutes * 60_000;
  if (knownZone(zone)) return isoInZone(ms, zone);
  const offset = start.slice(19); // "+01:00"
  const sign = offset.startsWith("-") ? -1 : 1;
  const off = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(ms + off * 60_000).toISOString().slice(0, 19)}${offset}`;
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Whether a schedule's date or date-time field says a time that exists: "2026-02-31",
 * "next tuesday" or "25:00" do not.
 */
export function readableDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return false;
  const day = new Date(`${m[1]}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== m[1]) return false;
  return m[2] === undefined || (Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4] ?? 0) < 60);
}

/**
 * A schedule's date or date-time field that says no time that exists is refused, naming
 * the record and the field, rather than dropped (the talk would lose its date unseen).
 * Every parser checks its fields with this one rule; an empty field is no date, not a bad one.
 */
export function checkDateTime(value: string, field: string, where: string): void {
  if (value && !readableDateTime(value))
    throw new ImportError(`${field} "${value}" is no ISO 8601 date or date-time`, where);
}
