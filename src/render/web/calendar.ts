// PURE: iCalendar (RFC 5545) through ical.js: the talk of the day as an all-day event
// (/today.ics) and a conference's talks with their times (/events/<event>.ics). A talk
// with a start time is a timed event (in UTC), one with only a day an all-day event, one
// with neither (a year only) is left out.
import ICAL from "ical.js";
import type { TalkCard } from "../../core/card.ts";
import { sanitizeInput } from "../../core/sanitize.ts";
import { paths } from "./paths.ts";
import type { TalkExtras } from "./talk.ts";
import { summaryOf } from "./talk-list.ts";

interface CalendarTalk {
  readonly card: TalkCard;
  readonly extras: TalkExtras;
  /** An all-day date (YYYY-MM-DD) that overrides the talk's own (the talk of the day). */
  readonly day?: string;
}

/** A catalog date that names days: "2026-09-03" or the range "2026-09-03/2026-09-05". */
const DAYS = /^(\d{4}-\d{2}-\d{2})(?:\/(\d{4}-\d{2}-\d{2}))?$/;

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function instant(iso: string | null): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function event(
  publicUrl: string,
  host: string,
  talk: CalendarTalk,
  stamp: string,
): ICAL.Component | null {
  const { card, extras } = talk;
  const vevent = new ICAL.Component("vevent");
  const start = talk.day ? null : instant(extras.start);
  const days = talk.day ? [talk.day, talk.day] : DAYS.exec(card.date ?? "")?.slice(1, 3);
  const day = days?.[0];
  if (start) {
    vevent.addPropertyWithValue("dtstart", ICAL.Time.fromJSDate(start, true));
    const end = instant(extras.end);
    if (end && end > start) vevent.addPropertyWithValue("dtend", ICAL.Time.fromJSDate(end, true));
  } else if (day) {
    vevent.addPropertyWithValue("dtstart", ICAL.Time.fromDateString(day));
    vevent.addPropertyWithValue("dtend", ICAL.Time.fromDateString(nextDay(days?.[1] ?? day)));
  } else {
    return null;
  }
  const url = publicUrl + paths.talk(card.id);
  vevent.addPropertyWithValue("uid", `${talk.day ? `${talk.day}-` : ""}${card.id}@${host}`);
  vevent.addPropertyWithValue("dtstamp", ICAL.Time.fromDateTimeString(stamp));
  const title = sanitizeInput(card.title);
  vevent.addPropertyWithValue("summary", talk.day ? `Talk of the day: ${title}` : title);
  const who = card.speakers.length ? `${card.speakers.map(sanitizeInput).join(", ")}. ` : "";
  vevent.addPropertyWithValue("description", `${who}${sanitizeInput(summaryOf(card))}\n${url}`);
  vevent.addPropertyWithValue("url", url);
  if (extras.room) vevent.addPropertyWithValue("location", sanitizeInput(extras.room));
  return vevent;
}

/**
 * A calendar named `name`. `stamp` (YYYY-MM-DDTHH:MM:SSZ) is every event's DTSTAMP: fixed per
 * catalog and day, so the same calendar gets the same bytes (and ETag) all day.
 */
export function renderCalendar(
  publicUrl: string,
  name: string,
  talks: readonly CalendarTalk[],
  stamp: string,
): string {
  const host = new URL(publicUrl).host;
  const calendar = new ICAL.Component("vcalendar");
  calendar.addPropertyWithValue("prodid", "-//virt-talks//talk pages//EN");
  calendar.addPropertyWithValue("version", "2.0");
  calendar.addPropertyWithValue("calscale", "GREGORIAN");
  calendar.addPropertyWithValue("x-wr-calname", sanitizeInput(name));
  for (const talk of talks) {
    const vevent = event(publicUrl, host, talk, stamp);
    if (vevent) calendar.addSubcomponent(vevent);
  }
  return `${calendar.toString()}\r\n`;
}
