// "When" on a talk page: the schedule's start and end in the talk's own time zone
// ("2026-09-03 10:30–11:00 Europe/Prague"), else the catalog date. Built from numeric
// parts, not a locale's sentence, so the output is the same on every Node and ICU version.

/** A formatter of numeric parts in `zone`, or in UTC when the zone is missing or unknown. */
function formatter(zone: string | null): {
  readonly format: Intl.DateTimeFormat;
  readonly zone: string;
} {
  const options: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  };
  try {
    if (zone)
      return { format: new Intl.DateTimeFormat("en-CA", { ...options, timeZone: zone }), zone };
  } catch {
    // An imported zone name the runtime does not know: the times are shown in UTC.
  }
  return { format: new Intl.DateTimeFormat("en-CA", { ...options, timeZone: "UTC" }), zone: "UTC" };
}

function parts(format: Intl.DateTimeFormat, instant: Date) {
  const got = format.formatToParts(instant);
  const part = (type: string) => got.find((p) => p.type === type)?.value ?? "";
  return {
    day: `${part("year")}-${part("month")}-${part("day")}`,
    time: `${part("hour")}:${part("minute")}`,
  };
}

/** The talk's time, or null when the schedule gave none (or gave nonsense). */
export function scheduleTime(
  start: string | null,
  end: string | null,
  zone: string | null,
): string | null {
  const from = start ? new Date(start) : null;
  if (!from || Number.isNaN(from.getTime())) return null;
  const { format, zone: timeZone } = formatter(zone);
  const a = parts(format, from);
  const to = end ? new Date(end) : null;
  const b = to && !Number.isNaN(to.getTime()) && to > from ? parts(format, to) : null;
  const until = b === null ? "" : b.day === a.day ? `–${b.time}` : ` – ${b.day} ${b.time}`;
  return `${a.day} ${a.time}${until} ${timeZone}`;
}
