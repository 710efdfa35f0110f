// "When" on a talk page: the schedule's start and end in the talk's own time zone
// ("2026-09-03 10:30–11:00 Europe/Prague"), else the catalog date. Built from numeric
// parts, not a locale's sentence, so the output is the same on every Node and ICU version.

const parts = (instant: Date, timeZone: string) => {
  const got = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const part = (type: string) => got.find((p) => p.type === type)?.value ?? "";
  return {
    day: `${part("year")}-${part("month")}-${part("day")}`,
    time: `${part("hour")}:${part("minute")}`,
  };
};

function validZone(zone: string | null): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/** The talk's time, or null when the schedule gave none (or gave nonsense). */
export function scheduleTime(
  start: string | null,
  end: string | null,
  zone: string | null,
): string | null {
  const from = start ? new Date(start) : null;
  if (!from || Number.isNaN(from.getTime())) return null;
  const timeZone = validZone(zone) ?? "UTC";
  const a = parts(from, timeZone);
  const to = end ? new Date(end) : null;
  const b = to && !Number.isNaN(to.getTime()) && to > from ? parts(to, timeZone) : null;
  const until = b === null ? "" : b.day === a.day ? `–${b.time}` : ` – ${b.day} ${b.time}`;
  return `${a.day} ${a.time}${until} ${timeZone}`;
}
