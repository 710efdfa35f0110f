// What a second QA pass over real exports showed (38C3, 36C3, FOSDEM 2021, DebConf 23,
// linux.conf.au 2020, JRES 2022, Kieler Linux-Tage 2020, Camp 2019, rC3, an Indico
// event export), each reproduced by a fixture of our own in the real format.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { joinTexts } from "../../src/import/plain-text.ts";
import { ImportError } from "../../src/import/types.ts";
import {
  fixture,
  importInto,
  readCatalogFile,
  snapshot,
  tempDir,
} from "../support/import-helpers.ts";

async function imported(source: string) {
  const [report] = await importInto(tempDir(), [source]);
  return { report: report!, file: readCatalogFile(report!.path) };
}

/** A source file of these exact bytes. */
function sourceOf(name: string, bytes: Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

async function refusal(source: string): Promise<string> {
  const dir = tempDir();
  try {
    await importInto(dir, [source]);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    expect(snapshot(dir)).toEqual({});
    return (err as Error).message;
  }
  throw new Error("expected the import to fail");
}

describe("frab: a description that repeats the abstract is said once", async () => {
  const { report, file } = await imported(fixture("repeated-abstract.xml"));

  it("keeps the longer text when it holds the other or opens with the same 100 characters", () => {
    expect(file.talks.map((t) => [t.title, t.speakers, t.room, t.summary])).toEqual([
      [
        "Nested guests in the field",
        ["Zoë Exemple"],
        "Tent Ω",
        "We ran nested virtual machines on solar power for a week.",
      ],
      [
        "VFIO on a budget",
        ["Kai Example"],
        "Tent Ω",
        "Passing a second-hand graphics card to a guest turned out to need three kernel " +
          "parameters, two firmware updates and a lot of patience! This talk lists each of them.",
      ],
      [
        "Ballooning, explained with balloons",
        ["Mia Example"],
        "Tent Ω",
        "A short tour of memory ballooning. Bring your own balloon.",
      ],
      [
        "Cancellation in async device models",
        ["Ola Example"],
        "Tent Ω",
        "How an emulated device drops a request the guest gave up on.",
      ],
    ]);
  });

  it("skips a talk its title marks cancelled, not one whose title only has the word", () => {
    expect(report.skipped).toEqual([
      {
        where: '<event id="304"> (day 2027-08-11, room Tent Ω)',
        title: "CANCELLED: Nested paging deep dive",
        reason: "cancelled: its title says so",
      },
    ]);
  });

  it("joinTexts: either text alone, one held by the other, or both in order", () => {
    expect(joinTexts("", "Only this.")).toBe("Only this.");
    expect(joinTexts("Short.", "")).toBe("Short.");
    expect(joinTexts("The core idea.", "Intro. The core  idea. More.")).toBe(
      "Intro. The core  idea. More.",
    );
    expect(joinTexts("First. Second.", "Third.")).toBe("First. Second. Third.");
  });
});

const BREAK = "not a talk: a break (its title says so; no speaker)";

describe("iCalendar as conference software writes it", async () => {
  const { report, file } = await imported(fixture("linuxdays-2027.ics"));

  it("names the event by a one-line X-WR-CALDESC when there is no X-WR-CALNAME", () => {
    expect([file.event.name, report.eventId]).toEqual([
      "Example Linux Days 2027",
      "example-linux-days-2027",
    ]);
  });

  it("skips a break titled after its slot's kind ('Main Conference: lunch') and a STATUS:CANCELLED", () => {
    expect(report.skipped.map((s) => [s.title, s.reason])).toEqual([
      ["Main Conference: lunch", BREAK],
      ["Main Conference: coffee break", BREAK],
      ["Virtio on bare metal", "cancelled: the schedule says so (its status)"],
    ]);
    expect(file.talks.map((t) => t.title)).toEqual([
      "Memory tiering for guests",
      "A keynote: lunch with the kernel",
    ]);
  });

  it("drops a first description line that only names the attendees, in any language", () => {
    expect(file.talks.map((t) => [t.speakers, t.summary, t.start, t.room])).toEqual([
      [
        ["Jörg Example", "Ana Exemplo"],
        "Wie Gäste langsamen und schnellen Speicher teilen.",
        "2027-01-18T13:30:00+10:00",
        "Room 7",
      ],
      [
        ["Ana Exemplo"],
        "What the kernel does while you eat.",
        "2027-01-19T09:00:00+10:00",
        "Arena",
      ],
    ]);
  });
});

const CALENDAR = (description: Buffer) =>
  Buffer.concat([
    Buffer.from(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nX-WR-CALNAME:Rencontres Exemple 2027\r\n" +
        "BEGIN:VEVENT\r\nUID:presentation_1@conf.example.org\r\n" +
        "DTSTART;TZID=Europe/Paris:20270518T145000\r\nDTEND;TZID=Europe/Paris:20270518T151000\r\n" +
        "SUMMARY;CHARSET=UTF-8;ENCODING=8BIT:Le confinement sous Linux\r\nDESCRIPTION:",
    ),
    description,
    Buffer.from("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
  ]);

describe("bytes that are not plain UTF-8", () => {
  it("iCalendar folded inside a character's bytes (75-byte folding) is read unfolded", async () => {
    // "systèmes d’exploitation": the fold falls between the first and second byte of "’".
    const folded = Buffer.concat([
      Buffer.from("Des systèmes d"),
      Buffer.from([0xe2, 0x0d, 0x0a, 0x20, 0x80, 0x99]),
      Buffer.from("exploitation."),
    ]);
    const { file } = await imported(sourceOf("folded.ics", CALENDAR(folded)));
    expect(file.talks.map((t) => [t.title, t.summary, t.start])).toEqual([
      ["Le confinement sous Linux", "Des systèmes d’exploitation.", "2027-05-18T14:50:00+02:00"],
    ]);
  });

  it("XML declaring ISO-8859-1 is read as ISO-8859-1", async () => {
    const xml =
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<schedule><conference><title>Journées Exemple</title>' +
      "<start>2027-06-02</start><end>2027-06-02</end><time_zone_name>Europe/Paris</time_zone_name></conference>" +
      '<day index="1" date="2027-06-02"><room name="Salle Émile"><event id="7" guid="a7">' +
      "<date>2027-06-02T10:00:00+02:00</date><start>10:00</start><duration>00:45</duration>" +
      "<title>Virtualisation légère</title><abstract>Des conteneurs aux machines virtuelles.</abstract>" +
      '<persons><person id="1">Hélène Exemple</person></persons></event></room></day></schedule>\n';
    const { file } = await imported(sourceOf("latin1.xml", Buffer.from(xml, "latin1")));
    expect([file.event.name, file.talks.map((t) => [t.title, t.speakers, t.room])]).toEqual([
      "Journées Exemple",
      [["Virtualisation légère", ["Hélène Exemple"], "Salle Émile"]],
    ]);
  });

  it("other invalid UTF-8 is refused naming the file, line and column; nothing is written", async () => {
    const bad = Buffer.concat([Buffer.from("Caf"), Buffer.from([0xe9]), Buffer.from(" noir")]);
    const src = sourceOf("bad.ics", CALENDAR(bad));
    expect(await refusal(src)).toBe(`${src}: not valid UTF-8 text at line 10, column 16`);
  });
});

describe("Indico's timetable as Indico 3.3 and later export it", async () => {
  const [report] = await importInto(tempDir(), [fixture("indico-timetable-2027.json")], {
    eventName: "Example Plumbers",
  });
  const file = readCatalogFile(report!.path);

  it("reads speakers from personLinks by role, the others as authors, the session by sessionTitle", () => {
    expect(
      file.talks.map((t) => [t.title, t.speakers, t.authors, t.track, t.room, t.source?.key]),
    ).toEqual([
      ["Closing panel", [], undefined, undefined, "Main Hall", "contribution-1502"],
      [
        "Remote attestation for everyone",
        ["Søren Eksempel"],
        ["Ines Exemplo"],
        "Confidential Computing MC",
        "Hall B",
        "contribution-1501",
      ],
    ]);
  });

  it("makes root-relative links absolute from the export's url; takes the zone from the times", () => {
    expect(file.event.links).toEqual([
      { kind: "event", url: "https://indico.example.org/event/77/" },
    ]);
    expect(file.talks.map((t) => [t.links, t.start, t.timeZone])).toEqual([
      [
        [{ kind: "page", url: "https://indico.example.org/event/77/contributions/1502/" }],
        "2027-09-14T13:00:00-04:00",
        "America/Toronto",
      ],
      [
        [{ kind: "page", url: "https://indico.example.org/event/77/contributions/1501/" }],
        "2027-09-14T10:00:00-04:00",
        "America/Toronto",
      ],
    ]);
  });
});

describe("c3voc schedule 2: an event's state", async () => {
  const { report, file } = await imported(fixture("hub-v2-states.json"));

  it("skips a CANCELED event, keeps a CONFIRMED one", () => {
    expect(file.talks.map((t) => [t.title, t.speakers, t.track, t.room, t.start])).toEqual([
      [
        "Hypervisors on microcontrollers",
        ["Émile Example"],
        "Hardware & Making",
        "Saal Ü",
        "2027-12-27T11:00:00+01:00",
      ],
    ]);
    expect(report.skipped.map((s) => [s.title, s.reason])).toEqual([
      ["GPU passthrough on a train", "cancelled: the schedule says so (its status)"],
    ]);
  });
});

describe("a time field that says no time is refused, naming the file, the record and the field", () => {
  /** The fixture with one text replaced, as a new source file. */
  function changed(name: string, from: string, to: string): string {
    const text = readFileSync(fixture(name), "utf8");
    expect(text).toContain(from);
    return sourceOf(name, Buffer.from(text.replace(from, to)));
  }

  it("frab XML <date>, <start> and <duration>", async () => {
    const where = '<event id="302"> (day 2027-08-11, room Tent Ω)';
    const date = changed("repeated-abstract.xml", "2027-08-11T12:00:00+02:00", "next tuesday");
    expect(await refusal(date)).toBe(
      `${date}: ${where}: date "next tuesday" is no ISO 8601 date or date-time`,
    );
    const start = changed("repeated-abstract.xml", "<start>12:00</start>", "<start>25:00</start>");
    expect(await refusal(start)).toBe(
      `${start}: ${where}: start "25:00" is no time of day (HH:MM)`,
    );
    const duration = changed(
      "repeated-abstract.xml",
      "<duration>00:30</duration>",
      "<duration>half an hour</duration>",
    );
    expect(await refusal(duration)).toBe(
      `${duration}: <event id="301"> (day 2027-08-11, room Tent Ω): duration "half an hour" is no duration (HH:MM)`,
    );
  });

  it("schedule 2 start, Indico startDate, iCalendar DTSTART", async () => {
    const v2 = changed(
      "hub-v2-states.json",
      "2027-12-27T11:00:00+01:00",
      "2027-02-30T11:00:00+01:00",
    );
    expect(await refusal(v2)).toBe(
      `${v2}: events[0] (c3000000-0000-4000-8000-000000000001): start "2027-02-30T11:00:00+01:00" is no ISO 8601 date or date-time`,
    );
    const indico = changed("indico-timetable-2027.json", '"time": "13:00:00"', '"time": "1pm"');
    expect(await refusal(indico)).toBe(
      `${indico}: results.77.20270914.c1502 (id 1502): startDate "2027-09-14T1pm" is no ISO 8601 date or date-time`,
    );
    const ics = changed(
      "linuxdays-2027.ics",
      "DTSTART;TZID=Australia/Brisbane;VALUE=DATE-TIME:20270118T133000",
      "DTSTART;TZID=Australia/Brisbane;VALUE=DATE-TIME:2027-13-45Tgarbage",
    );
    expect(await refusal(ics)).toBe(
      `${ics}: VEVENT 3 (UID 3@linuxdays.example.org): malformed DTSTART: Could not extract integer from "ga"`,
    );
  });
});
