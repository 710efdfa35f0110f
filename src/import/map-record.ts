// One parsed schedule → one catalog file's worth of records (data/README.md's format):
// plain text, a cut summary, derived topics, links with kinds, and each skipped talk with
// its reason. Ids and keys: talk-ids.ts; the event: event-record.ts; repeats: repeats.ts.
import type { TalkEvent, TalkRecord } from "../core/talk.ts";
import { sameTalkKey } from "../core/talk.ts";
import { isBreakTitle } from "./break-title.ts";
import { unmarkedCancelledTitle } from "./cancelled.ts";
import { type EventOptions, eventRecord } from "./event-record.ts";
import { talkLinks } from "./links.ts";
import { abstractText, cutAtWord, joinTexts, plainLine, summaryOf } from "./plain-text.ts";
import { earliestSlots } from "./repeats.ts";
import { identityOf, talkId, twinId, uniqueKeys } from "./talk-ids.ts";
import { deriveTopics, type TopicRules, trackTopics } from "./topics.ts";
import { ImportError, type Schedule, type ScheduleTalk } from "./types.ts";
import { knownZone } from "./zoned-time.ts";

interface MapOptions extends EventOptions {
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
  readonly track?: RegExp;
}

export interface Skip {
  readonly where: string;
  readonly title: string;
  readonly reason: string;
}

/** A talk the schedule says is cancelled: what a record of it on disk is found by. */
export interface CancelledTalk {
  /** Its line among Mapped.skipped. */
  readonly skip: Skip;
  /** Its source key, as its record carries it (source.key). */
  readonly key: string;
  /** Its title without the marker ("CANCELLED: X" → "X"). */
  readonly title: string;
  readonly speakers: readonly string[];
  /** Its slot, as its record would carry it: a talk held twice is one card (repeats.ts),
   * and only the same slot's cancellation removes a card found by title. */
  readonly date?: string;
  readonly start?: string;
}

export interface Mapped {
  readonly event: TalkEvent;
  /** The event's name is only implied by the source (see Schedule.impliedTitle). */
  readonly nameImplied: boolean;
  readonly records: TalkRecord[];
  readonly skipped: Skip[];
  /** The talks it says are cancelled (also in `skipped`): merge.ts removes their records. */
  readonly cancelled: CancelledTalk[];
}

/** The part of an abstract topic rules look at: enough to say what a talk is about. */
const TOPIC_TEXT = 1500;

function unique(names: readonly string[], max: number): string[] {
  const out: string[] = [];
  for (const n of names.map((x) => plainLine(x, 80)).filter(Boolean))
    if (!out.includes(n) && out.length < max) out.push(n);
  return out;
}

const speakersOf = (talk: ScheduleTalk) => unique(talk.persons, 8);
/** A date or time of the event's year, as a record carries it (a stray one is dropped). */
const inYear = (event: TalkEvent, d: string | null | undefined) =>
  d?.startsWith(String(event.year)) ? d : null;
const sourceKey = (talk: ScheduleTalk) => identityOf(talk).slice(0, 300);

/** Why the talk will not happen (its status, or its title's marker), with its plain title. */
function cancellation(talk: ScheduleTalk, title: string, options: MapOptions) {
  if (talk.cancelled) return { reason: "cancelled: the schedule says so (its status)", title };
  const unmarked = options.cancelWords && unmarkedCancelledTitle(title, options.cancelWords);
  return typeof unmarked === "string"
    ? { reason: "cancelled: its title says so", title: unmarked }
    : null;
}

function record(
  schedule: Schedule,
  event: TalkEvent,
  talk: ScheduleTalk,
  options: MapOptions,
  title: string,
): TalkRecord | string {
  const speakers = speakersOf(talk);
  // A schedule also lists its breaks: a break's title with nobody speaking is not a talk,
  // whatever its description says ("Lunch is served in the foyer") and whatever topics
  // its track would give it. Anything else is kept, also with no speaker or abstract
  // (FOSDEM's BOFs and stands, a congress's self-organised sessions).
  if (speakers.length === 0 && isBreakTitle(title, options.breakWords))
    return "not a talk: a break (its title says so; no speaker)";
  const text = joinTexts(abstractText(talk.html), abstractText(talk.description ?? ""));
  const subtitle = talk.subtitle ? plainLine(talk.subtitle, 300) : "";
  const track = talk.track ? plainLine(talk.track, 120) : "";
  // A track names a whole room of talks ("Virtualization and Cloud Infrastructure"): it
  // decides topics only for a talk that says nothing more specific itself; one no rule
  // classifies is found by its words.
  const heading = subtitle ? `${title} ${subtitle}` : title;
  const own = deriveTopics(options.rules, heading, cutAtWord(text, TOPIC_TEXT), track);
  const topics = own.length ? own : trackTopics(options.rules, track);
  const authors = unique(talk.authors ?? [], 8).filter((a) => !speakers.includes(a));
  // No abstract, no summary: the card says so, and search finds the talk by its title.
  const summary = text ? cutAtWord(summaryOf(text), 700) : "";
  const date = inYear(event, talk.date);
  const start = inYear(event, talk.start);
  const room = talk.room ? plainLine(talk.room, 120) : "";
  return {
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
      key: sourceKey(talk),
      importedAt: options.importedAt,
    },
  };
}

export function mapSchedule(schedule: Schedule, options: MapOptions): Mapped {
  const event = eventRecord(schedule, options);
  const skipped: Skip[] = [];
  const cancelled: CancelledTalk[] = [];
  const listed: { record: TalkRecord; where: string }[] = [];
  for (const talk of uniqueKeys(schedule.talks)) {
    const title = plainLine(talk.title, 160);
    const skip = (reason: string) => {
      const line = { where: talk.where, title, reason };
      skipped.push(line);
      return line;
    };
    // Other tracks first: a defect there (FOSDEM has hundreds of rooms) is not ours to refuse.
    if (options.track && !options.track.test(talk.track ?? "")) {
      skip(`track "${talk.track ?? ""}" does not match --track`);
      continue;
    }
    if (!title) throw new ImportError("a talk with no title", talk.where);
    // Checked first: nothing else of a talk that will not happen is needed.
    const off = cancellation(talk, title, options);
    if (off) {
      const date = inYear(event, talk.date);
      const start = inYear(event, talk.start);
      cancelled.push({
        skip: skip(off.reason),
        key: sourceKey(talk),
        title: off.title,
        speakers: speakersOf(talk),
        ...(date ? { date } : {}),
        ...(start ? { start } : {}),
      });
      continue;
    }
    const made = record(schedule, event, talk, options, title);
    if (typeof made === "string") skip(made);
    else listed.push({ record: made, where: talk.where });
  }
  const { kept, merged } = earliestSlots(
    listed,
    (l) => sameTalkKey(event.year, l.record.title, l.record.speakers),
    (l) => l.record,
  );
  for (const { item, into } of merged)
    skipped.push({
      where: item.where,
      title: item.record.title,
      reason: `merged into ${into.where}: the same title and speakers (one talk listed twice; the earliest slot is kept)`,
    });
  const ids = new Set<string>();
  const records = kept.map(({ record: made }) => {
    if (ids.has(made.id)) made.id = twinId(made.id, made.source!.key);
    ids.add(made.id);
    return made;
  });
  const nameImplied = !options.eventName && !schedule.title;
  return { event, nameImplied, records, skipped, cancelled };
}
