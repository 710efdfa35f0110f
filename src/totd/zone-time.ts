// Wall-clock time in an IANA zone, both ways: the local date and time of an instant, and
// the instant of a local date and time, with the rule croner applies to a daily job (the
// rule this bot has always posted by): a time that a spring-forward gap skips means the
// first instant after the gap; a time that a fall-back hour repeats means its first
// occurrence.
//
// Hand-rolled on Intl because croner, which gave these answers before, keeps a
// 10,000-entry year table in every job (about 80 KB): one job per post time made 1,000
// subscriptions with their own times cost over 100 MB of heap, past what the bot runs
// with. test/totd/clock.test.ts checks these answers against croner's on random zones,
// dates and times.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Offsets run from UTC-12 to UTC+14: a day on either side holds every candidate. */
const SPAN_MS = 26 * HOUR_MS;

/** Zone and day → offsetsAround; a few days per zone in use, at most this many in all. */
const aroundDays = new Map<string, readonly [number, number]>();
const AROUND_DAYS_KEPT = 4096;

/** What the zone formatters write: a date (YYYY-MM-DD, en-CA), or every field (for parts). */
const FORMATS = {
  date: ["en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }],
  parts: [
    "en-US",
    {
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    },
  ],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;

/** One formatter of each kind per zone, shared by every clock in it (each holds ICU data). */
const formats = new Map<string, Intl.DateTimeFormat>();

export function zoneFormat(kind: keyof typeof FORMATS, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}\u0000${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    const [locale, options] = FORMATS[kind];
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
}

/** The local wall time of `t` (epoch ms, whole seconds) read as if it were UTC. */
function wallOf(t: number, timeZone: string): number {
  const f: Record<string, number> = {};
  for (const part of zoneFormat("parts", timeZone).formatToParts(t)) {
    if (part.type !== "literal") f[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = f;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The zone's offset from UTC at instant `t` (ms; positive east of Greenwich). */
const offsetAt = (t: number, timeZone: string) =>
  wallOf(t - (t % 1000), timeZone) - (t - (t % 1000));

/**
 * The instant (epoch ms) the local wall time `wall` (a local date and time read as if it
 * were UTC) happens in `timeZone`: its first occurrence, or, when the zone skips it, the
 * first instant after the gap; NaN when that instant is already on the next local date.
 */
export function instantOf(wall: number, timeZone: string): number {
  // The offsets in force a day either side: a wall time can only mean wall - one of them.
  const [early, late] = offsetsAround(wall, timeZone);
  // No change of offset anywhere near: the one reading is right (most days, every zone).
  if (early === late) return wall - early;
  const matches = [wall - early, wall - late].filter((t) => wallOf(t, timeZone) === wall);
  if (matches.length > 0) return Math.min(...matches);
  // Skipped (spring forward: the offset grows from `early` to `late`): the gap lies
  // between the two readings; find where the offset changes, to the second.
  let before = wall - late; // still on the early offset
  let after = wall - early; // already on the late offset
  while (after - before > 1000) {
    const mid = before + Math.floor((after - before) / 2000) * 1000;
    if (offsetAt(mid, timeZone) === early) before = mid;
    else after = mid;
  }
  const sameDay = Math.floor(wallOf(after, timeZone) / DAY_MS) === Math.floor(wall / DAY_MS);
  return sameDay ? after : Number.NaN;
}

/**
 * The zone's offsets a day before and a day after the local date of `wall`: the same for
 * every time of that date, so they are worked out once per zone and date (every clock in
 * the zone asks about the same few dates).
 */
function offsetsAround(wall: number, timeZone: string): readonly [number, number] {
  const day = Math.floor(wall / DAY_MS) * DAY_MS;
  const key = `${timeZone}\u0000${day}`;
  let offsets = aroundDays.get(key);
  if (!offsets) {
    offsets = [offsetAt(day - SPAN_MS, timeZone), offsetAt(day + DAY_MS + SPAN_MS, timeZone)];
    // Days go by: an old day is never asked about again, so the oldest entry goes.
    if (aroundDays.size >= AROUND_DAYS_KEPT) aroundDays.delete(aroundDays.keys().next().value!);
    aroundDays.set(key, offsets);
  }
  return offsets;
}

/** The wall time (read as UTC) of `date` (YYYY-MM-DD) at `seconds` after local midnight. */
export function wallTime(date: string, seconds: number): number {
  return Date.parse(`${date}T00:00:00Z`) + seconds * 1000;
}

/** The date after `date` (YYYY-MM-DD). */
export const nextDate = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
