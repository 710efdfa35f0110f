// One parsed schedule → one catalog file's worth of records (data/README.md's format):
// stable ids, plain text, a cut summary, derived topics, links with kinds, and each
// skipped talk with its reason.
import type { TalkEvent, TalkRecord } from "../core/talk.ts";
import { sameTalkKey } from "../core/talk.ts";
import { isBreakTitle } from "./break-title.ts";
import { isCancelledTitle } from "./cancelled.ts";
import { httpUrl, talkLinks } from "./links.ts";
import { abstractText, cutAtWord, joinTexts, plainLine, summaryOf } from "./plain-text.ts";
import { deriveTopics, type TopicRules, trackTopics } from "./topics.ts";
import { ImportError, type Schedule, type ScheduleTalk } from "./types.ts";
import { pageIdentity, slugify, slugOrHash } from "./values.ts";
import { knownZone } from "./zoned-time.ts";

interface MapOptions {
  /** The source as named in records (credentials removed). */
  readonly origin: string;
  /** ISO instant of this import. */
  readonly importedAt: string;
  /** YYYY-MM-DD the new talks join the talk of the day (the day after the import). */
  readonly added: string;
  readonly rules: TopicRules;
  /** Words a break's title is made of (data/break-titles.json). */
  readonly breakWords: ReadonlySet<string>;
  /** Words that mark a cancelled talk's title (data/cancelled-titles.json). */
  readonly cancelWords?: ReadonlySet<string>;
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
  /** The event's name is only implied by the source (see Schedule.impliedTitle). */
  readonly nameImplied: boolean;
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

function eventRecord(schedule: Schedule, options: MapOptions): TalkEvent {
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

/** `<event-slug>-<talk-slug>`, the talk slug cut at a dash to fit 80 characters. */
function talkId(eventId: string, talk: ScheduleTalk): string {
  let slug = slugify(talk.slug) || slugOrHash(talk.key);
  // Schedules often repeat the conference in every slug: fosdem2026-1234-..., kvm-forum-2025-...
  if (slug.startsWith(`${eventId}-`)) slug = slug.slice(eventId.length + 1);
  const room = MAX_ID - eventId.length - 1;
  if (slug.length > room) {
    const cut = slug.slice(0, room);
    slug = cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut;
  }
  return `${eventId}-${slug}`;
}

/**
 * The id of a talk whose slug was cut to another talk's id: 8 characters of its source
 * key appended. Either cut may end on a dash ("...-language-", "-1f2e3d4"), and an id
 * never holds two in a row (39C3 has three "Rust programming language: ..." workshops).
 */
function twinId(id: string, key: string): string {
  const head = id.slice(0, MAX_ID - 9).replace(/-+$/, "");
  const tail = slugOrHash(key).slice(-8).replace(/^-+/, "");
  return `${head}-${tail}`;
}

function unique(names: readonly string[], max: number): string[] {
  const out: string[] = [];
  for (const n of names.map((x) => plainLine(x, 80)).filter(Boolean))
    if (!out.includes(n) && out.length < max) out.push(n);
  return out;
}

/**
 * The talk's identity in its source. pretalx serves one schedule as JSON, XML and
 * iCalendar with a different guid or UID in each, but every format links the talk's page,
 * /<event>/talk/<CODE>/: that code is the identity, so the three formats are one talk.
 */
function identityOf(talk: ScheduleTalk): string {
  return (talk.url && pageIdentity(talk.url)) || talk.key;
}

function record(
  schedule: Schedule,
  event: TalkEvent,
  talk: ScheduleTalk,
  options: MapOptions,
  title: string,
): TalkRecord | string {
  // Checked first: nothing else of a talk that will not happen is needed.
  if (talk.cancelled) return "cancelled: the schedule says so (its status)";
  if (options.cancelWords && isCancelledTitle(title, options.cancelWords))
    return "cancelled: its title says so";
  const text = joinTexts(abstractText(talk.html), abstractText(talk.description ?? ""));
  const subtitle = talk.subtitle ? plainLine(talk.subtitle, 300) : "";
  const track = talk.track ? plainLine(talk.track, 120) : "";
  // A track names a whole room of talks ("Virtualization and Cloud Infrastructure"): it
  // decides topics only for a talk that says nothing more specific itself.
  const heading = subtitle ? `${title} ${subtitle}` : title;
  const own = deriveTopics(options.rules, heading, cutAtWord(text, TOPIC_TEXT), track);
  const topics = own.length ? own : trackTopics(options.rules, track);
  const speakers = unique(talk.persons, 8);
  // A schedule also lists its breaks: a break's title, nobody speaking and no abstract is
  // not a talk. Anything else is kept, also with no speaker or abstract (FOSDEM's BOFs and
  // stands, a congress's self-organised sessions); one no rule classifies is found by its words.
  if (
    topics.length === 0 &&
    speakers.length === 0 &&
    text.length === 0 &&
    isBreakTitle(title, options.breakWords)
  )
    return "not a talk: a break (its title says so; no speaker, no abstract)";
  const authors = unique(talk.authors ?? [], 8).filter((a) => !speakers.includes(a));
  // No abstract, no summary: the card says so, and search finds the talk by its title.
  const summary = text ? cutAtWord(summaryOf(text), 700) : "";
  const inYear = (d: string | null | undefined) => (d?.startsWith(String(event.year)) ? d : null);
  const date = inYear(talk.date);
  const start = inYear(talk.start);
  const room = talk.room ? plainLine(talk.room, 120) : "";
  const rec: TalkRecord = {
    id: talkId(event.id, talk),
    title,
    ...(subtitle ? { subtitle } : {}),
    speakers,
    ...(authors.length ? { authors } : {}),
    ...(date ? { date } : {}),
    ...(start ? { start } : {}),
    ...(start && talk.end && talk.end > start ? { end: talk.end } : {}),
    ...(start && knownZone(schedule.timeZone) ? { timeZone: schedule.timeZone } : {}),
    ...(room ? { room } : {}),
    added: options.added,
    ...(summary ? { summary } : {}),
    ...(text.length > summary.length ? { description: cutAtWord(text, 20_000) } : {}),
    ...(track ? { track } : {}),
    keyPoints: [],
    topics,
    links: talkLinks(talk.url, talk.links, schedule.baseUrl),
    source: {
      format: schedule.format,
      origin: options.origin.slice(0, 1000),
      key: identityOf(talk).slice(0, 300),
      importedAt: options.importedAt,
    },
  };
  return rec;
}

/**
 * Source keys made unique: a key several talks share (three frab events under one guid,
 * a hand-made calendar reusing a UID) gets the talk's slug, then its start, then its
 * place among its twins, so each keeps one key and one id on every re-import.
 */
function uniqueKeys(talks: readonly ScheduleTalk[]): ScheduleTalk[] {
  const count = (list: readonly ScheduleTalk[]) => {
    const n = new Map<string, number>();
    for (const t of list) n.set(identityOf(t), (n.get(identityOf(t)) ?? 0) + 1);
    return n;
  };
  let out = [...talks];
  const steps = [
    (t: ScheduleTalk) => slugify(t.slug) || slugOrHash(t.title),
    (t: ScheduleTalk) => t.start ?? t.date ?? "",
  ];
  for (const step of steps) {
    const n = count(out);
    out = out.map((t) =>
      (n.get(identityOf(t)) ?? 0) > 1 ? { ...t, key: `${t.key}#${step(t)}` } : t,
    );
  }
  const n = count(out);
  const seen = new Map<string, number>();
  return out.map((t) => {
    const key = identityOf(t);
    if ((n.get(key) ?? 0) < 2) return t;
    const i = (seen.get(key) ?? 0) + 1;
    seen.set(key, i);
    return { ...t, key: `${t.key}#${i}` };
  });
}

export function mapSchedule(schedule: Schedule, options: MapOptions): Mapped {
  const event = eventRecord(schedule, options);
  const records: TalkRecord[] = [];
  const skipped: Skip[] = [];
  const titles = new Map<string, string>();
  const ids = new Set<string>();
  for (const talk of uniqueKeys(schedule.talks)) {
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
    const fold = sameTalkKey(event.year, title, made.speakers);
    const twin = titles.get(fold);
    if (twin) {
      skip(`merged into ${twin}: the same title and speakers (one talk listed twice)`);
      continue;
    }
    if (ids.has(made.id)) made.id = twinId(made.id, made.source!.key);
    titles.set(fold, talk.where);
    ids.add(made.id);
    records.push(made);
  }
  const nameImplied = !options.eventName && !schedule.title;
  return { event, nameImplied, records, skipped };
}
