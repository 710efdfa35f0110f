// Indico's HTTP export API (docs: http-api/exporters): the event export with
// contributions, /export/event/ID.json?detail=contributions (or detail=sessions) →
// results[0].contributions[], and the timetable, /export/timetable/ID.json →
// results{ID: {YYYYMMDD: {entryId: entry}}} where a Session entry nests its own entries.
import { ImportError, type RawLink, type Schedule, type ScheduleTalk } from "./types.ts";
import { arr, isObject, isoDate, type Node, node, personName, slugify, str } from "./values.ts";
import { checkDateTime, isoInZone, knownZone, zonedDateTime } from "./zoned-time.ts";

/** Indico's {date, time, tz} as an ISO date-time in the event's zone, or null. */
function indicoTime(value: unknown, zone: string | null): string | null {
  const v = node(value);
  const local = zonedDateTime(`${str(v.date)}T${str(v.time)}`, str(v.tz) || zone);
  if (!local || !knownZone(zone)) return local;
  return isoInZone(Date.parse(local), zone);
}

/** Attachments: folders[].attachments[] (event export) or attachments.files/folders. */
function links(c: Node): RawLink[] {
  const files: unknown[] = [];
  for (const folder of arr(c.folders)) files.push(...arr(node(folder).attachments));
  const att = node(c.attachments);
  for (const folder of arr(att.folders)) files.push(...arr(node(folder).attachments));
  files.push(...arr(att.files));
  return files.map((f) => {
    const a = node(f);
    const url = str(a.link_url) || str(a.download_url) || str(a.url);
    return { url, title: str(a.title) || str(a.filename), kind: "attachment" as const };
  });
}

/** "https://indico.example.org/event/17/contributions/5/" → ".../event/17/". */
function eventPage(contributionUrl: string): string | null {
  const m = /^(https?:\/\/[^?#]*?\/event\/\d+\/)/.exec(contributionUrl);
  return m ? m[1]! : null;
}

/** A person link's roles in today's timetable export (["speaker", "primary"]). */
const rolesOf = (p: unknown) => arr(node(p).roles).map(str);

/**
 * Speakers and the other named authors. The event export lists speakers and authors
 * apart; the timetable, presenters (until Indico 3.3, every person of the contribution)
 * or, since, personLinks with their roles.
 */
function people(c: Node): { speakers: string[]; authors: string[] } {
  const links = arr(c.personLinks);
  const speaking = links.filter((p) => rolesOf(p).includes("speaker"));
  const listed = [arr(c.speakers), arr(c.presenters), speaking].find((l) => l.length) ?? [];
  const speakers = listed.map(personName).filter(Boolean);
  const others = links.filter((p) => !rolesOf(p).includes("speaker"));
  const authors = [...arr(c.primaryauthors), ...arr(c.coauthors), ...others]
    .map(personName)
    .filter((a) => a && !speakers.includes(a));
  return { speakers, authors: [...new Set(authors)] };
}

function contribution(
  c: Node,
  where: string,
  session: string | null,
  zone: string | null,
): ScheduleTalk | null {
  // The event export types entries with _type, the timetable with entryType.
  const type = str(c.entryType) || str(c._type);
  if (type && type !== "Contribution") return null;
  // objId: the contribution's id in today's timetable, whose own id is "c<id>".
  const id = str(c.db_id) || str(c.contributionId) || str(c.objId) || str(c.id);
  if (!id) throw new ImportError("contribution without an id", where);
  const title = str(c.title);
  const { speakers, authors } = people(c);
  for (const field of ["startDate", "endDate"] as const) {
    const v = node(c[field]);
    const value = [str(v.date), str(v.time)].filter(Boolean).join("T");
    checkDateTime(value, field, `${where} (id ${id})`);
  }
  const start = indicoTime(c.startDate, zone);
  return {
    key: `contribution-${id}`,
    slug: `${str(c.friendly_id) || str(c.friendlyId) || id}-${slugify(title)}`,
    where: `${where} (id ${id})`,
    title,
    persons: speakers,
    ...(authors.length ? { authors } : {}),
    track: str(c.track) || session || str(c.session) || null,
    date: start?.slice(0, 10) ?? isoDate(node(c.startDate).date),
    start,
    end: indicoTime(c.endDate, zone),
    room: str(c.room) || str(c.roomFullname) || null,
    html: str(c.description),
    url: str(c.url) || null,
    links: links(c),
  };
}

function fromEventExport(results: unknown[]): Schedule {
  const ev = node(results[0]);
  if (!isObject(results[0])) throw new ImportError("results[0] is not an event", "results");
  const talks: ScheduleTalk[] = [];
  const zone = str(ev.timezone) || str(node(ev.startDate).tz) || null;
  const add = (list: unknown, base: string, session: string | null) =>
    arr(list).forEach((c, i) => {
      const t = contribution(node(c), `${base}[${i}]`, session, zone);
      if (t) talks.push(t);
    });
  if (!Array.isArray(ev.contributions) && !Array.isArray(ev.sessions))
    throw new ImportError(
      "no contributions: export the event with ?detail=contributions",
      "results[0]",
    );
  add(ev.contributions, "contributions", null);
  arr(ev.sessions).forEach((s, i) => {
    const title = str(node(s).title) || str(node(node(s).session).title);
    add(node(s).contributions, `sessions[${i}].contributions`, title || null);
  });
  const url = str(ev.url);
  return {
    format: "indico",
    title: str(ev.title),
    start: isoDate(node(ev.startDate).date),
    end: isoDate(node(ev.endDate).date),
    timeZone: zone,
    url: url || eventPage(talks.find((t) => t.url)?.url ?? ""),
    baseUrl: null,
    location: str(ev.location) || null,
    talks,
  };
}

function fromTimetable(results: Node): Schedule {
  const talks: ScheduleTalk[] = [];
  // The timetable names no zone of its own, but every time says the event's.
  let zone: string | null = null;
  const walk = (entries: unknown, where: string, session: string | null) => {
    for (const [key, value] of Object.entries(node(entries)).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )) {
      const e = node(value);
      const type = str(e.entryType);
      if (type === "Session") {
        // Today's export names the session sessionTitle and the block title; older ones
        // the session title and the block slotTitle.
        const name = str(e.sessionTitle) || str(e.title) || str(e.slotTitle);
        walk(e.entries, `${where}.${key}`, name || session);
      } else if (type === "Contribution") {
        const t = contribution(e, `${where}.${key}`, session, null);
        if (t) talks.push(t);
        const tz = str(node(e.startDate).tz);
        if (!zone && knownZone(tz)) zone = tz;
      }
    }
  };
  const ids = Object.keys(results);
  if (ids.length !== 1) throw new ImportError("expected the timetable of one event", "results");
  const days = node(results[ids[0]!]);
  for (const day of Object.keys(days).sort()) walk(days[day], `results.${ids[0]}.${day}`, null);
  const dates = talks.map((t) => t.date).filter((d): d is string => d !== null);
  const firstUrl = talks.find((t) => t.url)?.url ?? "";
  return {
    format: "indico",
    // The timetable export does not carry the event's name: --event gives it.
    title: "",
    start: dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : null,
    end: dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null,
    timeZone: zone,
    url: eventPage(firstUrl),
    baseUrl: null,
    location: null,
    talks,
  };
}

/**
 * The schedule with its talks' links made absolute: today's timetable writes them from the
 * server's root ("/event/77/contributions/1501/"); the export's own url says which server.
 */
function absolute(schedule: Schedule, exportUrl: string): Schedule {
  if (!/^https?:\/\//i.test(exportUrl)) return schedule;
  const resolve = (u: string) => (u.startsWith("/") ? new URL(u, exportUrl).href : u);
  const talks = schedule.talks.map((t) => ({
    ...t,
    url: t.url ? resolve(t.url) : null,
    links: t.links.map((l) => ({ ...l, url: resolve(l.url) })),
  }));
  const firstUrl = talks.find((t) => t.url)?.url ?? "";
  return { ...schedule, url: schedule.url ?? eventPage(firstUrl), talks };
}

export function parseIndico(json: unknown): Schedule {
  const results = node(json).results;
  const exportUrl = str(node(json).url);
  if (Array.isArray(results)) {
    if (results.length === 0) throw new ImportError("the export has no event", "results");
    return absolute(fromEventExport(results), exportUrl);
  }
  if (isObject(results)) return absolute(fromTimetable(results), exportUrl);
  throw new ImportError("no results: not an Indico export");
}
