// iCalendar (RFC 5545), e.g. sched.com's all.ics or pretalx's schedule.ics: one VEVENT
// per talk (ical.js parses and unescapes). Speakers come from ATTENDEE;CN= (else
// ORGANIZER;CN=), else a "Speakers:" line of DESCRIPTION, else a SUMMARY of the form
// "Title - Ada Lovelace, Example Corp & Grace Hopper" (least trusted). VEVENTs that share
// a UID are kept apart (src/import/map-record.ts gives each its own key).
import ICAL from "ical.js";
import { isOffState } from "./cancelled.ts";
import { ImportError, type RawLink, type Schedule, type ScheduleTalk } from "./types.ts";
import { pageIdentity, slugify } from "./values.ts";
import { isoInZone, knownZone, wallTimeInZone } from "./zoned-time.ts";

const SPEAKER_LINE = /^\s*speakers?\s*:\s*(.+)$/im;
/** A name as schedules write it: 2-4 capitalised words, maybe a particle ("van", "de"). */
const NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|da|di|le|la)){1,3}$/u;

function splitNames(list: string): string[] {
  return list
    .split(/\s*(?:,|;|\band\b|&)\s*/)
    .map((n) => n.replace(/\s*\([^)]*\)\s*$/, "").trim())
    .filter(Boolean);
}

/**
 * Speakers and the text left for the abstract (the "Speakers:" line removed). pretalx
 * writes "Title - Ada Lovelace, Grace Hopper": commas join speakers there, not an
 * affiliation, and names are as people typed them (any case, nicknames).
 */
function speakersOf(summary: string, description: string, pretalx: boolean) {
  const line = SPEAKER_LINE.exec(description);
  if (line) {
    return {
      title: summary,
      persons: splitNames(line[1]!),
      text: description.replace(SPEAKER_LINE, "").trim(),
    };
  }
  // sched.com style: "Title - Ada Lovelace, Example Corp & Grace Hopper": speakers joined
  // by "&", each maybe followed by ", affiliation". Every one must look like a name.
  const dash = summary.lastIndexOf(" - ");
  if (dash > 0 && pretalx) {
    const names = summary
      .slice(dash + 3)
      .split(/\s*,\s*/)
      .filter(Boolean);
    return { title: summary.slice(0, dash).trim(), persons: names, text: description };
  }
  if (dash > 0) {
    const names = summary
      .slice(dash + 3)
      .split(/\s+&\s+|\s+and\s+/)
      .map((chunk) => chunk.split(",")[0]!.trim());
    if (names.length && names.every((n) => NAME.test(n)))
      return { title: summary.slice(0, dash).trim(), persons: names, text: description };
  }
  return { title: summary, persons: [] as string[], text: description };
}

/**
 * The description without a first line that only names the attendees, in any language
 * ("von: Ada Lovelace" at the Kieler Linux-Tage, "Speakers: ..."): the card lists them.
 */
function withoutNamesLine(description: string, names: readonly string[]): string {
  const lineEnd = description.search(/\r?\n/);
  const first = lineEnd < 0 ? description : description.slice(0, lineEnd);
  const listed = first.replace(/^[\p{L}\s]{1,20}:\s*/u, "");
  const said = new Set(splitNames(listed).map((n) => n.toLowerCase()));
  const same = said.size === names.length && names.every((n) => said.has(n.toLowerCase()));
  return same ? description.slice(first.length).trim() : description;
}

const text = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

/** People named by RFC 5545's own properties: attendees, else the organizer. */
function people(vevent: ICAL.Component): string[] {
  const cn = (name: string) =>
    vevent
      .getAllProperties(name)
      .map((p) => text(p.getParameter("cn")))
      .filter(Boolean);
  const attendees = cn("attendee");
  return attendees.length ? attendees : cn("organizer");
}

/**
 * An instant of DTSTART/DTEND: UTC as written, a TZID Intl knows (with or without a
 * VTIMEZONE block), else a floating time in the calendar's zone. Null when unknowable.
 */
function instant(
  vevent: ICAL.Component,
  name: string,
  zone: string | null,
  where: string,
): number | null {
  const prop = vevent.getFirstProperty(name);
  const value = propertyValue(prop, name, where);
  if (!(value instanceof ICAL.Time) || value.isDate) return null;
  const wall = value.toString().replace(/Z$/, "");
  if (value.zone?.tzid === "UTC") return Date.parse(`${wall}Z`);
  const tzid = text(prop?.getParameter("tzid"));
  const tz = knownZone(tzid) ? tzid : zone;
  return knownZone(tz) ? wallTimeInZone(wall, tz) : null;
}

/**
 * A property's value: ical.js reads values when asked, and a malformed one ("DTSTART:
 * 2027-13-45Tgarbage") throws a bare Error then; this says which event and property.
 */
function propertyValue(
  prop: ICAL.Property | null | undefined,
  name: string,
  where: string,
): unknown {
  try {
    return prop?.getFirstValue();
  } catch (err) {
    throw new ImportError(`malformed ${name.toUpperCase()}: ${(err as Error).message}`, where);
  }
}

/** The start date as written (an all-day event, or a zone nobody knows). */
function writtenDate(vevent: ICAL.Component): string | null {
  const value = vevent.getFirstPropertyValue("dtstart");
  return value instanceof ICAL.Time ? value.toString().slice(0, 10) : null;
}

/** X-WR-TIMEZONE, else the first TZID of a DTSTART that names a zone Intl knows. */
function calendarZone(root: ICAL.Component): string | null {
  const named = text(root.getFirstPropertyValue("x-wr-timezone"));
  if (knownZone(named)) return named;
  for (const vevent of root.getAllSubcomponents("vevent")) {
    const tzid = text(vevent.getFirstProperty("dtstart")?.getParameter("tzid"));
    if (knownZone(tzid)) return tzid;
  }
  return null;
}

/**
 * pretalx's schedule.ics names no calendar (no X-WR-CALNAME), but every talk links its
 * page, /<event>/talk/<CODE>/: the event's slug names it ("democon"), and the JSON and
 * XML of the same schedule give the same event id, so the three formats share one file.
 */
function pretalxEvent(talks: readonly ScheduleTalk[]): string {
  const events = new Set(
    talks.map((t) => /^pretalx:([^/]+)\//.exec(pageIdentity(t.url ?? "") ?? "")?.[1]),
  );
  const [only] = events;
  return events.size === 1 && only ? only : "";
}

/**
 * X-WR-CALNAME, else an X-WR-CALDESC that is one short line: linux.conf.au's calendar
 * says its name only there ("linux.conf.au 2020").
 */
function calendarName(root: ICAL.Component): string {
  const name = text(root.getFirstPropertyValue("x-wr-calname"));
  if (name) return name;
  const desc = text(root.getFirstPropertyValue("x-wr-caldesc"));
  return desc.length <= 80 && !/[\r\n]/.test(desc) ? desc : "";
}

export function parseIcal(source: string): Schedule {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(source) as unknown[]);
  } catch (err) {
    throw new ImportError(`malformed iCalendar: ${(err as Error).message}`);
  }
  if (root.name !== "vcalendar") throw new ImportError("no VCALENDAR: not an iCalendar file");
  if (!/END:VCALENDAR\s*$/i.test(source))
    throw new ImportError("truncated iCalendar: no END:VCALENDAR at the end");
  const zone = calendarZone(root);
  const pretalx = /\/\/pretalx\/\//i.test(text(root.getFirstPropertyValue("prodid")));
  const inZone = (ms: number | null) =>
    ms === null ? null : zone ? isoInZone(ms, zone) : isoInZone(ms, "UTC");
  const talks: ScheduleTalk[] = [];
  root.getAllSubcomponents("vevent").forEach((vevent, i) => {
    const uid = text(vevent.getFirstPropertyValue("uid"));
    const where = `VEVENT ${i + 1}${uid ? ` (UID ${uid})` : ""}`;
    if (!uid) throw new ImportError("no UID", where);
    const summary = text(vevent.getFirstPropertyValue("summary"));
    const description = text(vevent.getFirstPropertyValue("description"));
    const url = text(vevent.getFirstPropertyValue("url"));
    const found = speakersOf(summary, description, pretalx || pageIdentity(url) !== null);
    const { title, text: abstract } = found;
    const named = people(vevent);
    const start = inZone(instant(vevent, "dtstart", zone, where));
    const categories = vevent
      .getAllProperties("categories")
      .flatMap((p) => p.getValues().map((v) => text(v)))
      .filter(Boolean);
    const attachments: RawLink[] = vevent
      .getAllProperties("attach")
      .map((p) => ({ url: text(p.getFirstValue()), title: "", kind: "attachment" as const }));
    talks.push({
      key: uid,
      slug: slugify(title) || slugify(uid),
      where,
      title,
      persons: named.length ? named : found.persons,
      track: categories[0] ?? null,
      date: start?.slice(0, 10) ?? writtenDate(vevent),
      start,
      end: inZone(instant(vevent, "dtend", zone, where)),
      room: text(vevent.getFirstPropertyValue("location")) || null,
      html: named.length ? withoutNamesLine(abstract, named) : abstract,
      url: url || null,
      links: attachments,
      cancelled: isOffState(text(vevent.getFirstPropertyValue("status"))),
    });
  });
  const dates = talks.map((t) => t.date).filter((d): d is string => d !== null);
  return {
    format: "ical",
    title: calendarName(root),
    impliedTitle: pretalxEvent(talks),
    start: dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : null,
    end: dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null,
    timeZone: zone,
    url: text(root.getFirstPropertyValue("url")) || null,
    baseUrl: null,
    location: null,
    talks,
  };
}
