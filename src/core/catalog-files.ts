// The loader's rules for catalog files, one file at a time: the schema, then what a file
// must not share with the files before it (an event id, a talk id, the same talk). A file
// is checked whole before any of its talks is added, so a refused file leaves the
// catalog built so far exactly as it was: start-up can leave it out and go on, and the
// importer checks what it is about to write with the very same rules.
// The schema check is src/core/catalog-check.ts; adding a file is a generator that
// yields every few records (src/core/slices.ts), as the check is.
import { CatalogError, checkFile, RECORDS_PER_STEP } from "./catalog-check.ts";
import { cleaned, isClean, sanitizeInput } from "./sanitize.ts";
import { runSteps } from "./slices.ts";
import {
  type CatalogFile,
  type Link,
  sameTalkKey,
  type Talk,
  type TalkEvent,
  type TalkRecord,
} from "./talk.ts";

export { CatalogError, checkFile };

function mergeLinks(own: readonly Link[], event: readonly Link[]): Link[] {
  const links = [...own];
  for (const link of event) if (!own.some((l) => l.url === link.url)) links.push(link);
  return links;
}

/** Where a talk was first seen, for messages (built only when one is needed). */
interface Place {
  readonly file: string;
  readonly index: number;
  readonly id: string;
}
const recordAt = (index: number, id: string) => `talks[${index}] (${id})`;
const placeOf = (p: Place) => `${p.file} ${recordAt(p.index, p.id)}`;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A record's text as every renderer shows it, cleaned once here: the hand-written catalog
 * is not cleaned the way imports are, so bidi overrides ("Trojan Source" characters),
 * controls and invisible characters go, by the rule that cleans what users type. Clean
 * text (all of an import) is kept as it is, arrays included.
 */
const cleanAll = (texts: readonly string[]): readonly string[] =>
  texts.every(isClean) ? texts : texts.map(sanitizeInput).filter((t) => t !== "");

/** The event's names and place, cleaned once for all its talks. */
function cleanEvent(event: TalkEvent): TalkEvent {
  const { name, shortName, location, ...rest } = event;
  if (isClean(name) && isClean(shortName) && (location === undefined || isClean(location)))
    return event;
  const place = location && cleaned(location);
  return {
    ...rest,
    name: cleaned(name),
    shortName: cleaned(shortName),
    ...(place ? { location: place } : {}),
  };
}

/**
 * The Talk of one checked record, its text cleaned (cleanEvent for the event's). Optional
 * fields are set one by one: an object literal with a spread per optional field cost a
 * third of building the catalog (node --cpu-prof).
 */
function talkOf(rec: TalkRecord, event: TalkEvent): Talk {
  // In the order the fields always had (a catalog's version hashes the talks as JSON).
  const talk: Partial<Writable<Talk>> = {
    id: rec.id,
    title: cleaned(rec.title),
    speakers: cleanAll(rec.speakers),
    authors: cleanAll(rec.authors ?? []),
    event: event.name,
    eventShort: event.shortName,
    eventId: event.id,
    year: event.year,
    date: rec.date ?? event.date ?? null,
    location: event.location ?? null,
    added: rec.added ?? null,
    summary: cleaned(rec.summary ?? ""),
  };
  const subtitle = rec.subtitle && cleaned(rec.subtitle);
  if (subtitle) talk.subtitle = subtitle;
  if (rec.start) talk.start = rec.start;
  if (rec.end) talk.end = rec.end;
  if (rec.timeZone) talk.timeZone = rec.timeZone;
  const room = rec.room && cleaned(rec.room);
  if (room) talk.room = room;
  const description = rec.description && cleaned(rec.description);
  if (description) talk.description = description;
  const track = rec.track && cleaned(rec.track);
  if (track) talk.track = track;
  talk.keyPoints = cleanAll(rec.keyPoints);
  talk.topics = rec.topics;
  talk.links = mergeLinks(rec.links, event.links);
  // Where an imported talk came from: its web page names the source.
  if (rec.source) talk.source = rec.source;
  return talk as Talk;
}

/**
 * The talks of a checked file, their same-talk keys and where each was read (for
 * messages), built the first time the file joins a catalog and reused while the loader's
 * cache keeps the checked file (a reload reads again only the files that changed).
 * Building them anew on every reload made ~30,000 long-lived objects a time, and the
 * young-generation collections that copy them held the event loop 10-25 ms each. Talks
 * are read-only, so two catalogs may share them. A file that joined a catalog once has
 * no two records with one id or one same-talk key: only the other files are checked.
 */
interface Built {
  readonly talks: readonly Talk[];
  readonly keys: readonly string[];
  /** The label the places name (a file is always added under its own). */
  readonly file: string;
  readonly places: readonly Place[];
}
const builtTalks = new WeakMap<CatalogFile, Built>();

/** The catalog being built, file by file. */
export class CatalogBuilder {
  readonly talks: Talk[] = [];
  readonly byId = new Map<string, Talk>();
  /** talk id and same-talk key → where it was first seen, for messages */
  private readonly origin = new Map<string, Place>();
  private readonly sameTalk = new Map<string, Place>();
  private readonly eventIds = new Map<string, string>();

  constructor(private readonly topics: ReadonlyMap<string, string>) {}

  /** Adds every talk of one file, or none: throws the first CatalogError the file has. */
  add(file: string, data: unknown): void {
    this.addChecked(file, checkFile(file, data));
  }

  /** add() for a file that already passed checkFile(). */
  addChecked(file: string, parsed: CatalogFile): void {
    runSteps(this.addSteps(file, parsed));
  }

  /**
   * addChecked, a few records per step. The file's talks join the catalog only once all
   * its checks passed, so a file refused halfway leaves the builder as it was. One file
   * at a time: no other add may run between the steps.
   */
  *addSteps(file: string, parsed: CatalogFile): Generator<void, void> {
    const { talks: records } = parsed;
    const event = cleanEvent(parsed.event);
    const otherFile = this.eventIds.get(event.id);
    if (otherFile)
      throw new CatalogError(
        file,
        "(event)",
        "id",
        `event id "${event.id}" is also used in ${otherFile}`,
      );
    const built = builtTalks.get(parsed);
    // Only for a file not added before: its own records against each other.
    const origin = new Map<string, Place>();
    const sameTalk = new Map<string, Place>();
    const talks: Talk[] = [];
    const keys: string[] = [];
    const cachedPlaces = built?.file === file ? built.places : undefined;
    const places: Place[] = [];
    for (let index = 0; index < records.length; index++) {
      const rec = records[index]!;
      const first = this.origin.get(rec.id) ?? (built ? undefined : origin.get(rec.id));
      if (first)
        throw new CatalogError(
          file,
          recordAt(index, rec.id),
          "id",
          `duplicate id, first used in ${placeOf(first)}`,
        );
      const dupKey = built?.keys[index] ?? sameTalkKey(event.year, rec.title, rec.speakers);
      const twin = this.sameTalk.get(dupKey) ?? (built ? undefined : sameTalk.get(dupKey));
      if (twin)
        throw new CatalogError(
          file,
          recordAt(index, rec.id),
          "title",
          `same talk (title and speakers) as ${placeOf(twin)}`,
        );
      rec.topics.forEach((t, j) => {
        if (!this.topics.has(t))
          throw new CatalogError(
            file,
            recordAt(index, rec.id),
            `topics.${j}`,
            `unknown topic "${t}" (see data/topics.json)`,
          );
      });
      if (!cachedPlaces) places.push({ file, index, id: rec.id });
      if (!built) {
        origin.set(rec.id, places[index]!);
        sameTalk.set(dupKey, places[index]!);
        talks.push(talkOf(rec, event));
        keys.push(dupKey);
      }
      if (index % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
    }
    // Every check passed: the file joins the catalog, a few records per step, and one
    // map at a time: a map that grows copies all it holds (1-2 ms at 10,000 talks), and
    // the three grew in one step when filled together (a 1,000-talk file's commit took
    // up to 7 ms). Nothing reads the builder before the load ends.
    if (!built) builtTalks.set(parsed, { talks, keys, file, places });
    this.eventIds.set(event.id, file);
    const allKeys = built?.keys ?? keys;
    const allPlaces = cachedPlaces ?? places;
    const allTalks = built?.talks ?? talks;
    for (let index = 0; index < allPlaces.length; index++) {
      this.origin.set(allPlaces[index]!.id, allPlaces[index]!);
      if (index % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
    }
    yield;
    for (let index = 0; index < allPlaces.length; index++) {
      this.sameTalk.set(allKeys[index]!, allPlaces[index]!);
      if (index % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
    }
    yield;
    for (let index = 0; index < allTalks.length; index++) {
      this.talks.push(allTalks[index]!);
      this.byId.set(allTalks[index]!.id, allTalks[index]!);
      if (index % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
    }
  }
}
