// Refresh intervals as operators write them in the sources file and on the command line:
// a whole number and a unit ("15m", "6h", "1d"). Parsed by hand: it is one number and one
// letter, and no library's grammar (ISO 8601 "PT6H") is what people type.

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The shortest interval a source may ask for: a schedule server is someone else's. */
const MIN_INTERVAL_MS = 5 * 60_000;
/** The longest: a source refreshed less than weekly is effectively forgotten. */
const MAX_INTERVAL_MS = 7 * 86_400_000;

/** Milliseconds, or a sentence saying what is wrong. */
export function parseInterval(text: string): number | string {
  const value = text.trim().toLowerCase();
  const unit = value.slice(-1);
  const digits = value.slice(0, -1);
  const scale = UNIT_MS[unit];
  if (!scale || digits === "" || ![...digits].every((c) => c >= "0" && c <= "9"))
    return `"${text}" is not an interval: write a number and m, h or d, e.g. 6h`;
  const ms = Number(digits) * scale;
  if (ms < MIN_INTERVAL_MS) return `"${text}" is too short: at least 5m`;
  if (ms > MAX_INTERVAL_MS) return `"${text}" is too long: at most 7d`;
  return ms;
}

/** The shortest way to write `ms` back ("6h", "90m"). */
export function formatInterval(ms: number): string {
  for (const unit of ["d", "h", "m"] as const) {
    const scale = UNIT_MS[unit]!;
    if (ms % scale === 0) return `${ms / scale}${unit}`;
  }
  return `${Math.round(ms / 60_000)}m`;
}
