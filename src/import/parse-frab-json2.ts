// The c3voc schedule JSON, version 2 (voc/schedule validator/json/schema2.json), as the
// CCC hub exports it: the days carry no rooms; every event is in one flat
// schedule.events[] with its own start and end instants, its room and track as objects,
// and its people as participants with a role.
import { isOffState } from "./cancelled.ts";
import { conferenceDate } from "./frab-event.ts";
import { ImportError, type RawLink, type Schedule, type ScheduleTalk } from "./types.ts";
import { arr, type Node, node, str } from "./values.ts";
import { checkDateTime, zonedDateTime } from "./zoned-time.ts";

/** Link types that are no page for later viewers (the talk's page is its own url). */
const DROPPED_TYPES = new Set(["FEEDBACK", "ORIGIN", "CHAT"]);

function links(ev: Node): RawLink[] {
  const out: RawLink[] = [];
  for (const l of arr(ev.links)) {
    const link = node(l);
    if (DROPPED_TYPES.has(str(link.type).toUpperCase())) continue;
    out.push({ url: str(link.url), title: str(link.title) || str(link.type) });
  }
  for (const a of arr(ev.attachments)) {
    const file = node(a);
    const slides = str(file.type).toUpperCase() === "SLIDES";
    out.push({
      url: str(file.url),
      title: str(file.title),
      kind: slides ? "slides" : "attachment",
    });
  }
  return out;
}

/** Speakers: participants with the SPEAKER role, else everyone listed (persons in v1). */
function people(ev: Node): string[] {
  const all = [...arr(ev.participants), ...arr(ev.persons)].map(node);
  const speakers = all.filter((p) => str(p.role).toUpperCase() === "SPEAKER");
  return (speakers.length ? speakers : all)
    .map((p) => str(p.public_name) || str(p.name))
    .filter(Boolean);
}

/** A room or track is an object ({name, slug}) in v2, a string in v1. */
const named = (v: unknown) => str(v) || str(node(v).name) || str(node(v).slug);

/** Track slug → name from conference.tracks[]: events name their track by slug only. */
function trackNames(conf: Node): Map<string, string> {
  const names = new Map<string, string>();
  for (const t of arr(conf.tracks)) {
    const track = node(t);
    if (str(track.slug) && str(track.name)) names.set(str(track.slug), str(track.name));
  }
  return names;
}

/** The talk's page: its url, else the ORIGIN link (its page in the system it came from). */
function page(ev: Node): string | null {
  const origin = arr(ev.links)
    .map(node)
    .find((l) => str(l.type).toUpperCase() === "ORIGIN");
  return str(ev.url) || (origin ? str(origin.url) : "") || null;
}

export function isScheduleV2(schedule: Node): boolean {
  return Array.isArray(schedule.events);
}

export function parseFrabJsonV2(schedule: Node): Schedule {
  const conf = node(schedule.conference);
  const zone = str(conf.time_zone_name) || null;
  const tracks = trackNames(conf);
  const talks: ScheduleTalk[] = arr(schedule.events).map((value, i) => {
    const ev = node(value);
    const guid = str(ev.guid);
    const key = guid || str(ev.code) || str(ev.id) || str(ev.slug);
    const where = `events[${i}] (${key || "no id"})`;
    if (!key) throw new ImportError("no guid, code, id or slug", where);
    for (const field of ["start", "end"] as const) checkDateTime(str(ev[field]), field, where);
    const start = zonedDateTime(str(ev.start), zone);
    const end = zonedDateTime(str(ev.end), zone);
    return {
      key,
      slug: str(ev.slug) || `${key}-${str(ev.title)}`,
      where,
      title: str(ev.title),
      subtitle: str(ev.subtitle),
      persons: people(ev),
      track: str(ev.track) || tracks.get(str(node(ev.track).slug)) || named(ev.track) || null,
      date: start?.slice(0, 10) ?? null,
      start,
      end,
      room: named(ev.room) || null,
      html: str(ev.abstract),
      description: str(ev.description),
      url: page(ev),
      links: links(ev),
      cancelled: isOffState(str(ev.state)),
    };
  });
  return frabJsonSchedule(conf, zone, str(schedule.base_url) || null, talks);
}

/** The Schedule of a c3voc JSON (either version) from its conference and talks. */
export function frabJsonSchedule(
  conf: Node,
  zone: string | null,
  baseUrl: string | null,
  talks: ScheduleTalk[],
): Schedule {
  return {
    format: "frab-json",
    title: str(conf.title),
    start: conferenceDate(conf.start, zone),
    end: conferenceDate(conf.end, zone),
    timeZone: zone,
    url: str(conf.url) || null,
    baseUrl,
    location: null,
    talks,
  };
}
