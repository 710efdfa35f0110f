// Loads and validates the talk catalog once at start-up. Any defect stops start-up
// with one message that names the file, the record and the field.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { z } from "zod";
import { CatalogFileSchema, type Link, type Talk } from "./talk.ts";

/**
 * The repository's data/ directory, found by walking up from this module: it sits two
 * levels up from src/core, one or two from the bundles in dist/ (scripts/build.mjs).
 */
export function findDataDir(from: string): string {
  for (let dir = from, up = 0; up < 4; up++, dir = resolve(dir, "..")) {
    const candidate = join(dir, "data");
    if (existsSync(join(candidate, "talks"))) return candidate;
  }
  return resolve(from, "../../data");
}

export const DEFAULT_DATA_DIR = findDataDir(import.meta.dirname);

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

export interface Catalog {
  readonly talks: readonly Talk[];
  readonly byId: ReadonlyMap<string, Talk>;
  /** Topic slug → description, from data/topics.json. */
  readonly topics: ReadonlyMap<string, string>;
  /** The folder it was loaded from (DATA_DIR): the word lists are read from there too. */
  readonly dataDir?: string;
}

function readJson(file: string, label: string = basename(file)): unknown {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (err) {
    throw new CatalogError(label, "(file)", "(file)", `cannot read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new CatalogError(label, "(file)", "(file)", `invalid JSON: ${(err as Error).message}`);
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
  const seen = new Set(own.map((l) => l.url));
  return [...own, ...event.filter((l) => !seen.has(l.url))];
}

/** Normalised title + year: two records with the same key are the same talk. */
function sameTalkKey(title: string, year: number): string {
  return `${year}:${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()}`;
}

/** The *.json catalog files of one folder, sorted, labelled `<label>/<name>` for messages. */
function listCatalogFiles(dir: string, label: string): { path: string; label: string }[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((name) => ({ path: join(dir, name), label: `${label}/${name}` }));
  } catch (err) {
    throw new CatalogError(
      `${label}/`,
      "(folder)",
      "(files)",
      `cannot list the catalog folder: ${(err as Error).message}`,
    );
  }
}

/**
 * The built-in catalog in `dataDir` plus the catalog files of every directory in
 * `extraDirs` (CATALOG_DIRS). The same id twice is an error naming both files.
 */
export function loadCatalog(
  dataDir: string = DEFAULT_DATA_DIR,
  extraDirs: readonly string[] = [],
): Catalog {
  const topicsFile = join(dataDir, "topics.json");
  const topicsRaw = readJson(topicsFile);
  if (typeof topicsRaw !== "object" || topicsRaw === null || Array.isArray(topicsRaw)) {
    throw new CatalogError(
      "topics.json",
      "(file)",
      "(root)",
      "expected an object of slug → description",
    );
  }
  const topics = new Map(Object.entries(topicsRaw as Record<string, string>));

  // The built-in talks/ first, then every CATALOG_DIRS directory in order; a file is
  // named by its folder so an error (or a duplicate id) points at the right one.
  const files = [
    ...listCatalogFiles(join(dataDir, "talks"), "talks"),
    ...extraDirs.flatMap((dir) => listCatalogFiles(resolve(dir), dir.replace(/\/+$/, ""))),
  ];
  if (files.length === 0)
    throw new CatalogError("talks/", "(none)", "(files)", "no catalog files found");

  const talks: Talk[] = [];
  const byId = new Map<string, Talk>();
  const origin = new Map<string, string>();
  const sameTalk = new Map<string, string>();
  const eventIds = new Map<string, string>();

  for (const { path, label: file } of files) {
    const data = readJson(path, file);
    const parsed = CatalogFileSchema.safeParse(data);
    if (!parsed.success) throw issueToError(file, data, parsed.error.issues[0]!);
    const { event, talks: records } = parsed.data;
    const otherFile = eventIds.get(event.id);
    if (otherFile)
      throw new CatalogError(
        file,
        "(event)",
        "id",
        `event id "${event.id}" is also used in ${otherFile}`,
      );
    eventIds.set(event.id, file);

    records.forEach((rec, i) => {
      const where = `talks[${i}] (${rec.id})`;
      const first = origin.get(rec.id);
      if (first) throw new CatalogError(file, where, "id", `duplicate id, first used in ${first}`);
      const dupKey = sameTalkKey(rec.title, event.year);
      const twin = sameTalk.get(dupKey);
      if (twin) throw new CatalogError(file, where, "title", `same talk as ${twin}`);
      rec.topics.forEach((t, j) => {
        if (!topics.has(t))
          throw new CatalogError(
            file,
            where,
            `topics.${j}`,
            `unknown topic "${t}" (see data/topics.json)`,
          );
      });
      const talk: Talk = {
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
        summary: rec.summary,
        ...(rec.description ? { description: rec.description } : {}),
        ...(rec.track ? { track: rec.track } : {}),
        keyPoints: rec.keyPoints,
        topics: rec.topics,
        links: mergeLinks(rec.links, event.links),
      };
      origin.set(rec.id, `${file} ${where}`);
      sameTalk.set(dupKey, `${file} ${where}`);
      talks.push(talk);
      byId.set(talk.id, talk);
    });
  }
  return { talks, byId, topics, dataDir };
}
