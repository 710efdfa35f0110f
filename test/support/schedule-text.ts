// Small schedules of our own in the real formats (frab XML as FOSDEM and pretalx write
// it, the c3voc schedule 2 JSON as the CCC hub writes it, iCalendar as sched.com and
// symposion write it), built per test so each says exactly what it tests.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./import-helpers.ts";

export interface FrabEv {
  readonly id: number;
  readonly title: string;
  /** ISO date-time with the conference's offset: "2027-05-12T10:00:00+02:00". */
  readonly date: string;
  readonly persons?: readonly string[];
  readonly track?: string;
  readonly abstract?: string;
  readonly guid?: string;
  /** The talk's page; pretalx links every slot of a talk held twice to its one page. */
  readonly url?: string;
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A frab schedule.xml of "Example Virt Days 2027" (Europe/Berlin), one room a day. */
export function frabXml(events: readonly FrabEv[]): string {
  const days = [...new Set(events.map((e) => e.date.slice(0, 10)))].sort();
  const event = (
    e: FrabEv,
  ) => `      <event guid="${e.guid ?? `00000000-0000-4000-8000-${String(e.id).padStart(12, "0")}`}" id="${e.id}">
        <date>${e.date}</date>
        <start>${e.date.slice(11, 16)}</start>
        <duration>00:30</duration>
        <room>Hall A</room>
        <slug>evd27-${e.id}</slug>
        <url>${e.url ?? `https://virtdays.example.org/2027/talk/${e.id}/`}</url>
        <title>${esc(e.title)}</title>
        <subtitle/>
        <track>${esc(e.track ?? "Virtualization")}</track>
        <type>Talk</type>
        <language>en</language>
        <abstract>${esc(e.abstract ?? "")}</abstract>
        <description/>
        <persons>
${(e.persons ?? []).map((p, i) => `          <person id="${e.id * 10 + i}">${esc(p)}</person>`).join("\n")}
        </persons>
        <links/>
      </event>`;
  const day = (
    date: string,
    i: number,
  ) => `  <day index="${i + 1}" date="${date}" start="${date}T09:00:00+02:00" end="${date}T18:00:00+02:00">
    <room name="Hall A">
${events
  .filter((e) => e.date.startsWith(date))
  .map(event)
  .join("\n")}
    </room>
  </day>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <version>1</version>
  <conference>
    <acronym>evd27</acronym>
    <title>Example Virt Days 2027</title>
    <start>${days[0]}</start>
    <end>${days.at(-1)}</end>
    <days>${days.length}</days>
    <time_zone_name>Europe/Berlin</time_zone_name>
    <url>https://virtdays.example.org/2027/</url>
  </conference>
${days.map(day).join("\n")}
</schedule>
`;
}

export interface HubEv {
  readonly guid: string;
  readonly title: string;
  readonly start: string;
  readonly state: string;
  readonly speakers: readonly string[];
}

/** A c3voc schedule 2 JSON (the CCC hub's export) of "Example Congress 2027". */
export function hubV2(events: readonly HubEv[]): string {
  return JSON.stringify({
    $schema: "https://c3voc.de/schedule/schema2.json",
    schedule: {
      version: "1",
      conference: {
        acronym: "exc27",
        title: "Example Congress 2027",
        start: "2027-12-27T10:00:00+01:00",
        end: "2027-12-30T18:00:00+01:00",
        time_zone_name: "Europe/Berlin",
      },
      events: events.map((e, i) => ({
        guid: e.guid,
        id: 700 + i,
        title: e.title,
        slug: `exc27-${700 + i}`,
        start: e.start,
        end: e.start.replace(
          /T(\d\d)/,
          (_m, h: string) => `T${String(Number(h) + 1).padStart(2, "0")}`,
        ),
        room: { name: "Saal 1" },
        state: e.state,
        abstract: `About ${e.title}.`,
        participants: e.speakers.map((name) => ({ name, role: "SPEAKER" })),
      })),
    },
  });
}

export interface IcsEv {
  readonly uid: string;
  readonly summary: string;
  /** Wall time in Australia/Sydney: "20270118T103000". */
  readonly start: string;
  readonly status?: string;
  readonly description?: string;
  readonly speakers?: readonly string[];
}

/** An iCalendar file named "Example Linux Conf 2027" (Australia/Sydney). */
export function ics(events: readonly IcsEv[]): string {
  const escText = (s: string) =>
    s.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/\n/g, "\\n");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//Schedule//EN"];
  lines.push("X-WR-CALNAME:Example Linux Conf 2027", "X-WR-TIMEZONE:Australia/Sydney");
  for (const e of events) {
    lines.push("BEGIN:VEVENT", `UID:${e.uid}`, `SUMMARY:${escText(e.summary)}`);
    lines.push(`DTSTART;TZID=Australia/Sydney:${e.start}`);
    if (e.status) lines.push(`STATUS:${e.status}`);
    if (e.description) lines.push(`DESCRIPTION:${escText(e.description)}`);
    for (const s of e.speakers ?? []) lines.push(`ATTENDEE;CN="${s}":invalid:nomail`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.join("\r\n")}\r\n`;
}

/** The text as a file of its own (a source for `import`). */
export function sourceFile(name: string, text: string): string {
  const path = join(tempDir("virt-src-"), name);
  writeFileSync(path, text);
  return path;
}

export interface IndicoContribution {
  readonly id: number;
  readonly title: string;
  /** Local date and time in Europe/Lisbon: "2027-11-09", "10:00:00". */
  readonly date: string;
  readonly time: string;
  readonly speakers: readonly [first: string, last: string][];
  readonly description?: string;
}

/** An Indico event export (detail=contributions) of "Example Plumbers 2027". */
export function indicoEvent(contributions: readonly IndicoContribution[]): string {
  const when = (date: string, time: string) => ({ date, time, tz: "Europe/Lisbon" });
  return JSON.stringify({
    count: 1,
    _type: "HTTPAPIResult",
    url: "https://indico.example.org/export/event/77.json?detail=contributions",
    results: [
      {
        _type: "Conference",
        id: "77",
        title: "Example Plumbers 2027",
        url: "https://indico.example.org/event/77/",
        timezone: "Europe/Lisbon",
        startDate: when("2027-11-09", "09:00:00"),
        endDate: when("2027-11-11", "18:00:00"),
        contributions: contributions.map((c) => ({
          _type: "Contribution",
          id: String(c.id),
          db_id: c.id,
          friendly_id: c.id - 1000,
          title: c.title,
          description: c.description ?? `<p>${c.title}, in depth.</p>`,
          session: "Virtualization MC",
          startDate: when(c.date, c.time),
          endDate: when(
            c.date,
            c.time.replace(/^(\d\d)/, (h) => String(Number(h) + 1).padStart(2, "0")),
          ),
          url: `https://indico.example.org/event/77/contributions/${c.id}/`,
          speakers: c.speakers.map(([first, last]) => ({
            _type: "ContributionParticipation",
            fullName: `${last}, ${first}`,
            first_name: first,
            last_name: last,
          })),
        })),
      },
    ],
  });
}
