// The loader's rules for catalog files, one file at a time: the schema, then what a file
// must not share with the files before it (an event id, a talk id, the same talk). A file
// is checked whole before any of its talks is added, so a refused file leaves the
// catalog built so far exactly as it was: start-up can leave it out and go on, and the
// importer checks what it is about to write with the very same rules.
import type { z } from "zod";
import {
  type CatalogFile,
  CatalogFileSchema,
  type Link,
  sameTalkKey,
  type Talk,
  type TalkEvent,
  type TalkRecord,
} from "./talk.ts";

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
  const parsed = CatalogFileSchema.safeParse(data);
  if (!parsed.success) throw issueToError(file, data, parsed.error.issues[0]!);
  return parsed.data;
}

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
    const talks: Talk[] = records.map((rec, index) => {
      const first = this.origin.get(rec.id) ?? origin.get(rec.id);
      if (first)
        throw new CatalogError(
          file,
          recordAt(index, rec.id),
          "id",
          `duplicate id, first used in ${placeOf(first)}`,
        );
      const dupKey = sameTalkKey(event.year, rec.title, rec.speakers);
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
      return talkOf(rec, event);
    });
    // Every check passed: the file joins the catalog.
    this.eventIds.set(event.id, file);
    for (const [id, where] of origin) this.origin.set(id, where);
    for (const [key, where] of sameTalk) this.sameTalk.set(key, where);
    for (const talk of talks) {
      this.talks.push(talk);
      this.byId.set(talk.id, talk);
    }
  }
}
