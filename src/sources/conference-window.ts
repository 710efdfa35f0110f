// Whether a conference a source fills is running now, from the catalog's own talks: their
// dates in the conference's zone (an imported talk carries it; UTC otherwise). While it
// runs, schedules change by the hour, so its source is fetched far more often.
import type { Talk } from "../core/talk.ts";
import { dateInZone } from "../totd/today.ts";

/** Every event's first and last day and zone, computed once per catalog. */
export interface ConferenceDays {
  readonly first: string;
  readonly last: string;
  readonly timeZone: string;
}

export function conferenceDays(talks: readonly Talk[]): ReadonlyMap<string, ConferenceDays> {
  const days = new Map<string, { first: string; last: string; timeZone: string }>();
  for (const talk of talks) {
    const day = talk.date?.length === 10 ? talk.date : null;
    if (!day) continue;
    const zone = talk.timeZone ?? "UTC";
    const known = days.get(talk.eventId);
    if (!known) days.set(talk.eventId, { first: day, last: day, timeZone: zone });
    else {
      if (day < known.first) known.first = day;
      if (day > known.last) known.last = day;
    }
  }
  return days;
}

/** True when `now` falls on one of the conference days of any of `eventIds`. */
export function runningNow(
  days: ReadonlyMap<string, ConferenceDays>,
  eventIds: readonly string[],
  now: Date,
): boolean {
  return eventIds.some((id) => {
    const window = days.get(id);
    if (!window) return false;
    const today = dateInZone(now, window.timeZone);
    return today >= window.first && today <= window.last;
  });
}
