// One parsed schedule → one catalog file's worth of records (data/README.md's format):
// stable ids, plain text, a cut summary, derived topics, links with kinds, and each
// skipped talk with its reason.
import type { TalkEvent, TalkRecord } from "../core/talk.ts";
import { httpUrl, talkLinks } from "./links.ts";
import { cutAtWord, plainLine, plainText, summaryOf } from "./plain-text.ts";
import { deriveTopics, type TopicRules } from "./topics.ts";
import { ImportError, type Schedule, type ScheduleTalk } from "./types.ts";
import { slugify, titleKey } from "./values.ts";

export interface MapOptions {
  /** The source as named in records (credentials removed). */
  readonly origin: string;
  /** ISO instant of this import. */
  readonly importedAt: string;
  /** YYYY-MM-DD the new talks join the talk of the day (the day after the import). */
  readonly added: string;
  readonly rules: TopicRules;
  readonly eventName?: string;
  /** The event id to use instead of the one derived from its name and year. */
  readonly eventId?: string;
  readonly year?: number;
  readonly track?: RegExp;
}

export interface Skip {
  readonly where: string;
  readonly title: string;
  readonly reason: string;
}

export interface Mapped {
  readonly event: TalkEvent;
  readonly records: TalkRecord[];
  readonly skipped: Skip[];
}

const MAX_ID = 80;
/** The part of an abstract topic rules look at: enough to say what a talk is about. */
const TOPIC_TEXT = 1500;

function yearOf(schedule: Schedule, override: number | undefined): number | null {
  if (override) return override;
  const date = schedule.start ?? schedule.talks.find((t) => t.date)?.date ?? null;
  return date ? Number(date.slice(0, 4)) : null;
}

export function eventRecord(schedule: Schedule, options: MapOptions): TalkEvent {
  const name = plainLine(options.eventName ?? schedule.title, 120);
  if (!name)
    throw new ImportError("the schedule names no event (no conference title): pass --event NAME");
  const year = yearOf(schedule, options.year);
  if (!year || year < 1990 || year > 2100)
    throw new ImportError("the schedule has no usable year (no dates): pass --year N");
  const base = slugify(name).slice(0, 50).replace(/-+$/, "");
  const id = base.includes(String(year)) ? base : `${base}-${year}`;
  const conference = schedule.url ? httpUrl(schedule.url) : null;
  const sameYear = (d: string | null) => (d?.startsWith(String(year)) ? d : null);
  const start = sameYear(schedule.start);
  const end = sameYear(schedule.end);
  const date = start && end && end > start ? `${start}/${end}` : (start ?? undefined);
  const location = schedule.location ? plainLine(schedule.location, 80) : "";
  return {
    id: options.eventId ?? (id || `event-${year}`),
    name,
    shortName: cutAtWord(name, 40),
    year,
    ...(date ? { date } : {}),
    ...(location ? { location } : {}),
    links: conference ? [{ kind: "event", url: conference }] : [],
  };
}

/** `<event-slug>-<talk-slug>`, the talk slug cut at a dash to fit 80 characters. */
export function talkId(eventId: string, talk: ScheduleTalk): string {
  let slug = slugify(talk.slug) || slugify(talk.key) || "talk";
  // Schedules often repeat the conference in every slug: fosdem2026-1234-..., kvm-forum-2025-...
  if (slug.startsWith(`${eventId}-`)) slug = slug.slice(eventId.length + 1);
  const room = MAX_ID - eventId.length - 1;
  if (slug.length > room) {
    const cut = slug.slice(0, room);
    slug = cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut;
  }
  return `${eventId}-${slug}`;
}

function unique(names: readonly string[], max: number): string[] {
  const out: string[] = [];
  for (const n of names.map((x) => plainLine(x, 80)).filter(Boolean))
    if (!out.includes(n) && out.length < max) out.push(n);
  return out;
}

function record(
  schedule: Schedule,
  event: TalkEvent,
  talk: ScheduleTalk,
  options: MapOptions,
  title: string,
): TalkRecord | string {
  const text = plainText(talk.html);
  const track = talk.track ? plainLine(talk.track, 120) : "";
  // A track names a whole room of talks ("Virtualization and Cloud Infrastructure"): it
  // decides topics only for a talk that says nothing more specific itself.
  const own = deriveTopics(options.rules, title, cutAtWord(text, TOPIC_TEXT));
  const topics = own.length ? own : deriveTopics(options.rules, track, "");
  const speakers = unique(talk.persons, 8);
  // A schedule also lists breaks, lunches and socials: no topic, nobody speaking and no
  // abstract is not a talk. A real talk no rule classifies is kept (searched by its words).
  if (topics.length === 0 && speakers.length === 0 && text.length === 0)
    return "not a talk: no topic, no speaker and no abstract (a break or a social?)";
  const authors = unique(talk.authors ?? [], 8).filter((a) => !speakers.includes(a));
  const summary = text
    ? summaryOf(text)
    : `${title}: a talk${track ? ` in the ${track} track` : ""} of ${event.name}.`;
  const rec: TalkRecord = {
    id: talkId(event.id, talk),
    title,
    speakers,
    ...(authors.length ? { authors } : {}),
    ...(talk.date?.startsWith(String(event.year)) ? { date: talk.date } : {}),
    added: options.added,
    summary: cutAtWord(summary, 700),
    ...(text.length > summary.length ? { description: cutAtWord(text, 20_000) } : {}),
    ...(track ? { track } : {}),
    keyPoints: [],
    topics,
    links: talkLinks(talk.url, talk.links, schedule.baseUrl),
    source: {
      format: schedule.format,
      origin: options.origin.slice(0, 1000),
      key: talk.key.slice(0, 300),
      importedAt: options.importedAt,
    },
  };
  return rec;
}

export function mapSchedule(schedule: Schedule, options: MapOptions): Mapped {
  const event = eventRecord(schedule, options);
  const records: TalkRecord[] = [];
  const skipped: Skip[] = [];
  const titles = new Map<string, string>();
  const ids = new Set<string>();
  for (const talk of schedule.talks) {
    const title = plainLine(talk.title, 160);
    const skip = (reason: string) => skipped.push({ where: talk.where, title, reason });
    // Other tracks first: a defect there (FOSDEM has hundreds of rooms) is not ours to refuse.
    if (options.track && !options.track.test(talk.track ?? "")) {
      skip(`track "${talk.track ?? ""}" does not match --track`);
      continue;
    }
    if (!title) throw new ImportError("a talk with no title", talk.where);
    const made = record(schedule, event, talk, options, title);
    if (typeof made === "string") {
      skip(made);
      continue;
    }
    const fold = titleKey(event.year, title);
    const twin = titles.get(fold);
    if (twin) {
      skip(`same title as ${twin} (the catalog keeps one talk per title and year)`);
      continue;
    }
    if (ids.has(made.id))
      made.id = `${made.id.slice(0, MAX_ID - 9)}-${slugify(talk.key).slice(-8)}`;
    titles.set(fold, talk.where);
    ids.add(made.id);
    records.push(made);
  }
  return { event, records, skipped };
}
