// iCalendar (RFC 5545), e.g. sched.com's all.ics: one VEVENT per talk. Speakers are not a
// field of iCalendar: they come from a "Speakers:" line of DESCRIPTION, else from a
// SUMMARY of the form "Title - Ada Lovelace, Example Corp & Grace Hopper" (least trusted).
import ICAL from "ical.js";
import { dateInZone } from "../totd/today.ts";
import { ImportError, type RawLink, type Schedule, type ScheduleTalk } from "./types.ts";
import { slugify } from "./values.ts";

const SPEAKER_LINE = /^\s*speakers?\s*:\s*(.+)$/im;
/** A name as schedules write it: 2-4 capitalised words, maybe a particle ("van", "de"). */
const NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|da|di|le|la)){1,3}$/u;

function splitNames(list: string): string[] {
  return list
    .split(/\s*(?:,|;|\band\b|&)\s*/)
    .map((n) => n.replace(/\s*\([^)]*\)\s*$/, "").trim())
    .filter(Boolean);
}

/** Speakers and the text left for the abstract (the "Speakers:" line removed). */
function speakersOf(summary: string, description: string) {
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

const text = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

/** The start date in the conference's zone: as written, unless it is UTC and a zone is known. */
function localDate(time: ICAL.Time | null, zone: string | null): string | null {
  if (!time) return null;
  const utc = time.zone?.tzid === "UTC";
  if (utc && zone && !time.isDate) {
    try {
      return dateInZone(time.toJSDate(), zone);
    } catch {
      // an unknown zone name: fall back to the date as written
    }
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${time.year}-${pad(time.month)}-${pad(time.day)}`;
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
  const zone = text(root.getFirstPropertyValue("x-wr-timezone")) || null;
  const talks: ScheduleTalk[] = [];
  root.getAllSubcomponents("vevent").forEach((vevent, i) => {
    const uid = text(vevent.getFirstPropertyValue("uid"));
    const where = `VEVENT ${i + 1}${uid ? ` (UID ${uid})` : ""}`;
    if (!uid) throw new ImportError("no UID", where);
    const summary = text(vevent.getFirstPropertyValue("summary"));
    const description = text(vevent.getFirstPropertyValue("description"));
    const { title, persons, text: abstract } = speakersOf(summary, description);
    const start = vevent.getFirstPropertyValue("dtstart");
    const categories = vevent
      .getAllProperties("categories")
      .flatMap((p) => p.getValues().map((v) => text(v)))
      .filter(Boolean);
    const url = text(vevent.getFirstPropertyValue("url"));
    const attachments: RawLink[] = vevent
      .getAllProperties("attach")
      .map((p) => ({ url: text(p.getFirstValue()), title: "", kind: "attachment" as const }));
    talks.push({
      key: uid,
      slug: slugify(title) || slugify(uid),
      where,
      title,
      persons,
      track: categories[0] ?? null,
      date: localDate(start instanceof ICAL.Time ? start : null, zone),
      html: abstract,
      url: url || null,
      links: attachments,
    });
  });
  const dates = talks.map((t) => t.date).filter((d): d is string => d !== null);
  return {
    format: "ical",
    title: text(root.getFirstPropertyValue("x-wr-calname")),
    start: dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : null,
    end: dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null,
    timeZone: zone,
    url: text(root.getFirstPropertyValue("url")) || null,
    baseUrl: null,
    location: null,
    talks,
  };
}
