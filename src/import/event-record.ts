// The catalog's event record of a parsed schedule: its name (or --event), year (or
// --year), id, dates, place and page. A schedule without a name or a year is refused.
import type { TalkEvent } from "../core/talk.ts";
import { httpUrl } from "./links.ts";
import { cutAtWord, plainLine } from "./plain-text.ts";
import { ImportError, type Schedule } from "./types.ts";
import { slugOrHash } from "./values.ts";

export interface EventOptions {
  readonly eventName?: string;
  /** The event id to use instead of the one derived from its name and year. */
  readonly eventId?: string;
  readonly year?: number;
}

function yearOf(schedule: Schedule, override: number | undefined): number | null {
  if (override) return override;
  const date = schedule.start ?? schedule.talks.find((t) => t.date)?.date ?? null;
  return date ? Number(date.slice(0, 4)) : null;
}

export function eventRecord(schedule: Schedule, options: EventOptions): TalkEvent {
  const name = plainLine(options.eventName ?? (schedule.title || schedule.impliedTitle || ""), 120);
  if (!name)
    throw new ImportError("the schedule names no event (no conference title): pass --event NAME");
  const year = yearOf(schedule, options.year);
  if (!year || year < 1990 || year > 2100)
    throw new ImportError("the schedule has no usable year (no dates): pass --year N");
  const base = slugOrHash(name).slice(0, 50).replace(/-+$/, "");
  const id = base.includes(String(year)) ? base : `${base}-${year}`;
  const conference = schedule.url ? httpUrl(schedule.url) : null;
  const sameYear = (d: string | null) => (d?.startsWith(String(year)) ? d : null);
  const start = sameYear(schedule.start);
  const end = sameYear(schedule.end);
  const date = start && end && end > start ? `${start}/${end}` : (start ?? undefined);
  const location = schedule.location ? plainLine(schedule.location, 80) : "";
  return {
    id: options.eventId ?? id,
    name,
    shortName: cutAtWord(name, 40),
    year,
    ...(date ? { date } : {}),
    ...(location ? { location } : {}),
    links: conference ? [{ kind: "event", url: conference }] : [],
  };
}
