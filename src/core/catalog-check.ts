// The loader's rules for one catalog file against the schema (src/core/talk.ts), and the
// error that names file, record and field. Written as generators that yield every few
// records (src/core/slices.ts): a reload runs them in slices, so a 1,000-talk file no
// longer holds the event loop for the 20-100 ms its check takes in one go. Any defect
// is then found again by checking the whole file in one go, so its message is the one
// the one-go check gives.
import { z } from "zod";
import type { CatalogJsonPieces } from "./catalog-json.ts";
import { runSteps } from "./slices.ts";
import {
  type CatalogFile,
  CatalogFileSchema,
  EventSchema,
  type TalkRecord,
  TalkRecordSchema,
} from "./talk.ts";

/**
 * Records checked or added per step: a step stays well under a millisecond (a record
 * costs 10-50 µs on a busy machine), and runStepsInSlices groups steps into slices.
 */
export const RECORDS_PER_STEP = 25;

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
 * Bytes of records decoded and parsed per step (with their check): decoding UTF-8 ran at
 * ~100 MB/s and JSON.parse at about twice that on the busy build machine, so 25 records
 * of an imported file (~100 KB) took 4-8 ms of CPU; 24 KB stays near a millisecond.
 */
const BYTES_PER_PARSE = 24 * 1024;

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
    const records = pieces.next(RECORDS_PER_STEP, BYTES_PER_PARSE);
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
