// What an import needs to know of the CATALOG_DIRS files it does not write: the event
// ids, talk ids and same-talk keys they hold, the only things the loader's cross-file
// rules compare. Reading them costs a JSON.parse per file, where loading them as the
// bot does (schema check, Talk objects) cost about half a second at 10,000 talks — most
// of a 900-talk import into such a folder (bench:import).
//
// Keys are read from every file that parses, valid or not: a superset of what the
// loader keeps. While nothing the import writes meets one of them, no other file can
// change what the import decides or whether the loader accepts the result, so checking
// the written files with the built-in catalog is the loader's verdict. When something
// does meet (a talk or an event another file has), the import runs again against the
// catalog loaded in full (src/import/import.ts), exactly as the bot would load it.
import { readFileSync } from "node:fs";
import { extraCatalogFiles } from "../core/catalog.ts";
import { type CatalogFile, sameTalkKey } from "../core/talk.ts";
import type { Mapped } from "./map-record.ts";

/** The keys of one catalog file, as far as they can be read without the schema. */
interface FileKeys {
  readonly path: string;
  readonly eventId: string | null;
  readonly ids: readonly string[];
  /** The event's year: same-talk keys of other years never meet (they start with it). */
  readonly year: unknown;
  /** Title and speakers of each record, made into same-talk keys when the year matches. */
  readonly records: readonly { readonly title: unknown; readonly speakers: unknown }[];
  keys?: ReadonlySet<string>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Both same-talk keys of one record (with the speakers and without them, as takenBy
 * matches a bare calendar), or none when its fields are not what the schema wants.
 */
function keysOfRecord(year: unknown, title: unknown, speakers: unknown): string[] {
  if (typeof year !== "number" || typeof title !== "string" || !Array.isArray(speakers)) return [];
  if (!speakers.every((s) => typeof s === "string")) return [];
  return [sameTalkKey(year, title, speakers), sameTalkKey(year, title, [])];
}

function keysOf(file: FileKeys): ReadonlySet<string> {
  file.keys ??= new Set(file.records.flatMap((r) => keysOfRecord(file.year, r.title, r.speakers)));
  return file.keys;
}

function readKeys(path: string): FileKeys | null {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null; // the loader leaves it out (and says why); it holds nothing to meet
  }
  if (!isObject(data)) return null;
  const event = isObject(data.event) ? data.event : {};
  const talks = Array.isArray(data.talks) ? data.talks : [];
  const ids: string[] = [];
  const records: FileKeys["records"][number][] = [];
  for (const talk of talks) {
    if (!isObject(talk)) continue;
    if (typeof talk.id === "string") ids.push(talk.id);
    records.push({ title: talk.title, speakers: talk.speakers });
  }
  const eventId = typeof event.id === "string" ? event.id : null;
  return { path, eventId, ids, year: event.year, records };
}

/** The keys of every CATALOG_DIRS file, read once per import. */
export class OtherFiles {
  private constructor(private readonly files: readonly FileKeys[]) {}

  static read(dirs: readonly string[]): OtherFiles {
    const files: FileKeys[] = [];
    for (const { path } of extraCatalogFiles(dirs)) {
      const keys = readKeys(path);
      if (keys) files.push(keys);
    }
    return new OtherFiles(files);
  }

  /**
   * Whether a file other than those at `writing` holds the event id, one of the talk
   * ids, or one of the same-talk keys of `file` (year, title, speakers).
   */
  meets(file: CatalogFile, writing: ReadonlySet<string>): boolean {
    const year = file.event.year;
    return this.meetsAny(
      writing,
      year,
      [file.event.id],
      file.talks.map((t) => t.id),
      file.talks.flatMap((t) => keysOfRecord(year, t.title, t.speakers)),
    );
  }

  /**
   * Whether another file than those at `writing` holds what an import's decisions look
   * up: the event id (as mapped, `eventId` before a rename), a mapped talk's id or key,
   * or anything of the event's file on disk (`onDisk`, which the import replaces).
   */
  meetsImport(
    writing: ReadonlySet<string>,
    eventId: string,
    mapped: Mapped,
    onDisk: CatalogFile | null,
  ): boolean {
    const { year } = mapped.event;
    return (
      this.meetsAny(
        writing,
        year,
        [eventId, mapped.event.id],
        mapped.records.map((r) => r.id),
        mapped.records.flatMap((r) => keysOfRecord(year, r.title, r.speakers)),
      ) ||
      (onDisk !== null && this.meets(onDisk, writing))
    );
  }

  /** `keys` are same-talk keys of `year`. */
  private meetsAny(
    writing: ReadonlySet<string>,
    year: number,
    eventIds: readonly string[],
    ids: readonly string[],
    keys: readonly string[],
  ): boolean {
    if (this.files.length === 0) return false;
    const event = new Set(eventIds);
    const id = new Set(ids);
    return this.files.some(
      (f) =>
        !writing.has(f.path) &&
        ((f.eventId !== null && event.has(f.eventId)) ||
          f.ids.some((i) => id.has(i)) ||
          (f.year === year && keys.some((k) => keysOf(f).has(k)))),
    );
  }
}
