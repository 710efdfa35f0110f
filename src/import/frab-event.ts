// One frab event to a ScheduleTalk: the XML (schedule.xml.xsd) and the c3voc JSON
// (schema.json) carry the same fields; only how ids, persons and links are read differs.
import { addDays } from "../totd/today.ts";
import { ImportError, type RawLink, type ScheduleTalk } from "./types.ts";
import { arr, isoDate, type Node, personName, str } from "./values.ts";
import {
  addMinutes,
  checkDateTime,
  durationMinutes,
  readableDateTime,
  zonedDateTime,
} from "./zoned-time.ts";

interface FrabEvent {
  /** The event's fields (title, slug, track, date, abstract, url, ...). */
  readonly fields: Node;
  readonly id: string;
  readonly guid: string;
  readonly persons: unknown;
  readonly links: RawLink[];
  /** The room the event is listed under (or its own <room>). */
  readonly room: string;
}

/** What a frab day says about its talks' dates. */
interface FrabDay {
  /** <day date>: the local date, or (wafer) the UTC date of the day's start. */
  readonly date: string | null;
  /** <day start>: the day's first instant, with an offset. */
  readonly start: string | null;
}

/** The conference's settings every talk's date depends on. */
export interface FrabConference {
  readonly zone: string | null;
  /** <day_change>: talks before this time of day belong to the next date. */
  readonly dayChange: string | null;
  readonly baseUrl: string;
}

/** The recording a frab export may name (video_download_url). */
export function videoLinks(fields: Node): RawLink[] {
  const video = str(fields.video_download_url);
  return video ? [{ url: video, title: "Video", kind: "video" }] : [];
}

/** "2026-07-20" of a conference <start>/<end> that may be a date-time in any offset. */
export function conferenceDate(value: unknown, zone: string | null): string | null {
  return zonedDateTime(str(value), zone)?.slice(0, 10) ?? isoDate(value);
}

const hhmm = (text: string) => {
  const m = /^(\d{1,2}):(\d{2})/.exec(text.trim());
  return m ? `${m[1]!.padStart(2, "0")}:${m[2]}` : null;
};

/**
 * The talk's date and start in the conference's zone: its own <date> date-time where
 * it has one, else (old Pentabarf) its day's date and its <start> time, on the next
 * date when it starts before the day does (a talk after midnight).
 */
function when(fields: Node, day: FrabDay, conf: FrabConference) {
  const own = zonedDateTime(str(fields.date), conf.zone);
  if (own) return { date: own.slice(0, 10), start: own };
  const dayStart = zonedDateTime(day.start ?? "", conf.zone);
  const dayDate = dayStart?.slice(0, 10) ?? day.date;
  const time = hhmm(str(fields.start));
  if (!dayDate || !time) return { date: isoDate(fields.date) ?? dayDate, start: null };
  const turn = dayStart ? dayStart.slice(11, 16) : conf.dayChange ? hhmm(conf.dayChange) : null;
  const date = turn && time < turn ? addDays(dayDate, 1) : dayDate;
  return { date, start: zonedDateTime(`${date}T${time}`, conf.zone) };
}

/** A date, start or duration the schedule gives but that says no time: refused, naming it. */
function checkTimes(fields: Node, where: string): void {
  checkDateTime(str(fields.date), "date", where);
  const start = str(fields.start);
  if (start && (!hhmm(start) || !readableDateTime(`2000-01-01T${hhmm(start)}`)))
    throw new ImportError(`start "${start}" is no time of day (HH:MM)`, where);
  const duration = str(fields.duration);
  if (duration && durationMinutes(duration) === null)
    throw new ImportError(`duration "${duration}" is no duration (HH:MM)`, where);
}

export function frabTalk(
  ev: FrabEvent,
  day: FrabDay,
  where: string,
  conf: FrabConference,
): ScheduleTalk {
  const { fields, id } = ev;
  checkTimes(fields, where);
  const slug = str(fields.slug);
  const title = str(fields.title);
  const { date, start } = when(fields, day, conf);
  const minutes = durationMinutes(str(fields.duration));
  const { baseUrl } = conf;
  return {
    key: ev.guid || id || slug,
    slug: slug || (id ? `${id}-${title}` : title),
    where,
    title,
    subtitle: str(fields.subtitle),
    persons: arr(ev.persons).map(personName).filter(Boolean),
    track: str(fields.track) || null,
    date,
    start,
    end: start && minutes ? addMinutes(start, minutes, conf.zone) : null,
    room: ev.room || str(fields.room) || null,
    html: str(fields.abstract),
    description: str(fields.description),
    // No page of its own: the conference base URL plus the slug (c3voc convention).
    url: str(fields.url) || (baseUrl && slug ? `${baseUrl.replace(/\/*$/, "/")}${slug}` : null),
    links: ev.links,
  };
}
