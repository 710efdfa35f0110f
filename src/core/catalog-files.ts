// The loader's rules for catalog files, one file at a time: the schema, then what a file
// must not share with the files before it (an event id, a talk id, the same talk). A file
// is checked whole before any of its talks is added, so a refused file leaves the
// catalog built so far exactly as it was: start-up can leave it out and go on, and the
// importer checks what it is about to write with the very same rules.
// Both checks are written as generators that yield every few records (src/core/slices.ts):
// a reload runs them in slices, so a 1,000-talk file no longer holds the event loop for
// the 20-100 ms its check takes in one go.
import { z } from "zod";
import type { CatalogJsonPieces } from "./catalog-json.ts";
import { runSteps } from "./slices.ts";
import {
  type CatalogFile,
  CatalogFileSchema,
  EventSchema,
  type Link,
  sameTalkKey,
  type Talk,
  type TalkEvent,
  type TalkRecord,
  TalkRecordSchema,
} from "./talk.ts";

/**
 * Records checked or added per step: a step stays well under a millisecond (a record
 * costs 10-50 µs on a busy machine), and runStepsInSlices groups steps into slices.
 */
const RECORDS_PER_STEP = 25;

export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly record: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`catalog error in ${file}, record ${record}, field ${field}: ${problem}`);
    this.name = "CatalogError";
  }
}

/** Turns the first zod issue into a CatalogError naming the record by index and id. */
function issueToError(file: string, data: unknown, issue: z.core.$ZodIssue): CatalogError {
  const path = issue.path.map(String);
  let record = "(event)";
  let fieldPath = path;
  if (path[0] === "talks" && path[1] !== undefined) {
    const talks = (data as { talks?: unknown[] }).talks;
    const rec = talks?.[Number(path[1])] as { id?: unknown } | undefined;
    const id = typeof rec?.id === "string" ? ` (${rec.id})` : "";
    record = `talks[${path[1]}]${id}`;
    fieldPath = path.slice(2);
  } else if (path[0] === "event") {
    fieldPath = path.slice(1);
  } else if (path.length <= 1) {
    record = "(file)";
  }
  const field = fieldPath.length ? fieldPath.join(".") : (path[0] ?? "(root)");
  return new CatalogError(file, record, field, issue.message);
}

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
 * The Talk of one checked record. Optional fields are set one by one: an object literal
 * with a spread per optional field cost a third of building the catalog (node --cpu-prof).
 */
function talkOf(rec: TalkRecord, event: TalkEvent): Talk {
  // In the order the fields always had (a catalog's version hashes the talks as JSON).
  const talk: Partial<Writable<Talk>> = {
    id: rec.id,
    title: rec.title,
    speakers: rec.speakers,
    authors: rec.authors ?? [],
    event: event.name,
    eventShort: event.shortName,
    eventId: event.id,
    year: event.year,
    date: rec.date ?? event.date ?? null,
    location: event.location ?? null,
    added: rec.added ?? null,
    summary: rec.summary ?? "",
  };
  if (rec.subtitle) talk.subtitle = rec.subtitle;
  if (rec.start) talk.start = rec.start;
  if (rec.end) talk.end = rec.end;
  if (rec.timeZone) talk.timeZone = rec.timeZone;
  if (rec.room) talk.room = rec.room;
  if (rec.description) talk.description = rec.description;
  if (rec.track) talk.track = rec.track;
  talk.keyPoints = rec.keyPoints;
  talk.topics = rec.topics;
  talk.links = mergeLinks(rec.links, event.links);
  // Where an imported talk came from: its web page names the source.
  if (rec.source) talk.source = rec.source;
  return talk as Talk;
}

/** One file's content checked against the schema (the per-file part of the rules). */
export function checkFile(file: string, data: unknown): CatalogFile {
  return runSteps(checkFileSteps(file, data));
}

/** The whole file against the schema in one go: the error a file gets, whatever its size. */
function checkWhole(file: string, data: unknown): CatalogFile {
  const parsed = CatalogFileSchema.safeParse(data);
  if (!parsed.success) throw issueToError(file, data, parsed.error.issues[0]!);
  return parsed.data;
}

/**
 * CatalogFileSchema with the records left unchecked: the file's shape and its event.
 * Together with TalkRecordSchema on every record it accepts exactly what
 * CatalogFileSchema accepts, and gives the same value.
 */
const FileShellSchema = z.strictObject({
  event: EventSchema,
  talks: z.array(z.unknown()).min(1),
});

/**
 * checkFile, a few records per step. A valid file gives what CatalogFileSchema gives; at
 * the first defect the whole file is checked in one go, so the message (which names the
 * first issue of the file as zod orders them) is the one the one-go check gives.
 */
export function* checkFileSteps(file: string, data: unknown): Generator<void, CatalogFile> {
  const shell = FileShellSchema.safeParse(data);
  if (!shell.success) return checkWhole(file, data);
  const records = shell.data.talks;
  const talks: TalkRecord[] = [];
  for (let i = 0; i < records.length; i++) {
    const rec = TalkRecordSchema.safeParse(records[i]);
    if (!rec.success) return checkWhole(file, data);
    talks.push(rec.data);
    if (i % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
  }
  return { event: shell.data.event, talks };
}

/**
 * checkFileSteps for a file read a few records at a time (src/core/catalog-json.ts): the
 * same value, or null at the first thing that is not plainly valid (the layout, the JSON,
 * a record, the event): the caller then checks the whole file for the message. A step's
 * records are parsed and checked in that step, so they die young.
 */
export function* checkPiecesSteps(pieces: CatalogJsonPieces): Generator<void, CatalogFile | null> {
  const head = pieces.start();
  const event = head && EventSchema.safeParse(head.event);
  if (!event?.success) return null;
  const talks: TalkRecord[] = [];
  for (;;) {
    const records = pieces.next(RECORDS_PER_STEP);
    if (records === null) return null;
    if (records.length === 0) break;
    for (const raw of records) {
      const rec = TalkRecordSchema.safeParse(raw);
      if (!rec.success) return null;
      talks.push(rec.data);
    }
    yield;
  }
  // FileShellSchema's other rules: nothing after the talks, and at least one talk.
  if (!pieces.end() || talks.length === 0) return null;
  return { event: event.data, talks };
}

/**
 * The talks of a checked file and their same-talk keys, built the first time the file
 * joins a catalog and reused while the loader's cache keeps the checked file (a reload
 * reads again only the files that changed). Building them anew on every reload made
 * ~10,000 long-lived objects a time, and the young-generation collections that copy them
 * held the event loop 10-25 ms each. Talks are read-only, so two catalogs may share them.
 */
const builtTalks = new WeakMap<CatalogFile, { talks: readonly Talk[]; keys: readonly string[] }>();

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
   * addChecked, a few records per step. The file's talks join the catalog only after its
   * last step, so a file refused halfway leaves the builder as it was. One file at a time:
   * no other add may run between the steps.
   */
  *addSteps(file: string, parsed: CatalogFile): Generator<void, void> {
    const { event, talks: records } = parsed;
    const otherFile = this.eventIds.get(event.id);
    if (otherFile)
      throw new CatalogError(
        file,
        "(event)",
        "id",
        `event id "${event.id}" is also used in ${otherFile}`,
      );
    const origin = new Map<string, Place>();
    const sameTalk = new Map<string, Place>();
    const built = builtTalks.get(parsed);
    const talks: Talk[] = [];
    const keys: string[] = [];
    for (let index = 0; index < records.length; index++) {
      const rec = records[index]!;
      const first = this.origin.get(rec.id) ?? origin.get(rec.id);
      if (first)
        throw new CatalogError(
          file,
          recordAt(index, rec.id),
          "id",
          `duplicate id, first used in ${placeOf(first)}`,
        );
      const dupKey = built?.keys[index] ?? sameTalkKey(event.year, rec.title, rec.speakers);
      const twin = this.sameTalk.get(dupKey) ?? sameTalk.get(dupKey);
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
      const place = { file, index, id: rec.id };
      origin.set(rec.id, place);
      sameTalk.set(dupKey, place);
      if (!built) {
        talks.push(talkOf(rec, event));
        keys.push(dupKey);
      }
      if (index % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
    }
    // Every check passed: the file joins the catalog.
    if (!built) builtTalks.set(parsed, { talks, keys });
    this.eventIds.set(event.id, file);
    for (const [id, where] of origin) this.origin.set(id, where);
    for (const [key, where] of sameTalk) this.sameTalk.set(key, where);
    for (const talk of built?.talks ?? talks) {
      this.talks.push(talk);
      this.byId.set(talk.id, talk);
    }
  }
}
