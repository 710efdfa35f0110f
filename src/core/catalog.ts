// Loads and validates the talk catalog (start-up, reload, the CLI, the importer's check).
// A defect of the built-in catalog stops start-up with one message that names the file,
// the record and the field: it is a bug in the release. A defect of a CATALOG_DIRS file
// (an operator's import folder) leaves that file out with the same message in
// `problems`, so one bad file never keeps the bot down.
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { LRUCache } from "lru-cache";
import { CatalogError, checkFileSteps, checkPiecesSteps } from "./catalog-check.ts";
import { CatalogBuilder } from "./catalog-files.ts";
import { CatalogJsonPieces, decodeSteps, readBytesSteps } from "./catalog-json.ts";
import { runSteps, runStepsInSlices, SLICE_MS } from "./slices.ts";
import type { CatalogFile, Talk } from "./talk.ts";

export { CatalogError };

/**
 * The repository's data/ directory, found by walking up from this module: it sits two
 * levels up from src/core, one or two from the bundles in dist/ (scripts/build.mjs).
 */
function findDataDir(from: string): string {
  for (let dir = from, up = 0; up < 4; up++, dir = resolve(dir, "..")) {
    const candidate = join(dir, "data");
    if (existsSync(join(candidate, "talks"))) return candidate;
  }
  return resolve(from, "../../data");
}

export const DEFAULT_DATA_DIR = findDataDir(import.meta.dirname);

export interface Catalog {
  readonly talks: readonly Talk[];
  readonly byId: ReadonlyMap<string, Talk>;
  /** Topic slug → description, from data/topics.json. */
  readonly topics: ReadonlyMap<string, string>;
  /** CATALOG_DIRS files left out, one error each (empty when every file loaded). */
  readonly problems: readonly CatalogError[];
  /** The folder it was loaded from (DATA_DIR): the word lists are read from there too. */
  readonly dataDir?: string;
}

interface LoadOptions {
  /**
   * "skip" (the default): a CATALOG_DIRS file that fails a check is left out and listed
   * in `problems`. "throw": it stops the load like a built-in file (the importer, which
   * must never write what the loader would leave out).
   */
  readonly extraFiles?: "skip" | "throw";
  /**
   * Catalog files as they are about to be written (absolute path → content): read in
   * place of the file on disk, or added when there is none yet.
   */
  readonly pending?: ReadonlyMap<string, unknown>;
  /**
   * Of the CATALOG_DIRS files, read only these (absolute paths) and the pending ones:
   * the importer checks what it writes this way when no other file shares a key with it
   * (src/import/catalog-keys.ts). Labels and order stay those of the whole load.
   */
  readonly only?: ReadonlySet<string>;
}

/** The bytes of a catalog file, read in steps; a CatalogError when it cannot be read. */
function* readSteps(file: string, label: string): Generator<void, Buffer> {
  try {
    return yield* readBytesSteps(file);
  } catch (err) {
    throw new CatalogError(label, "(file)", "(file)", `cannot read: ${(err as Error).message}`);
  }
}

/** JSON.parse(text) of a whole file, in one step; a CatalogError when it is not JSON. */
function parseWhole(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CatalogError(label, "(file)", "(file)", `invalid JSON: ${(err as Error).message}`);
  }
}

/** A small JSON file (data/topics.json) read in steps and parsed in one. */
function* readJsonSteps(file: string, label: string = basename(file)): Generator<void, unknown> {
  return parseWhole(yield* decodeSteps(yield* readSteps(file, label)), label);
}

/**
 * A catalog file read and checked a few records per step (src/core/catalog-json.ts). A
 * file laid out otherwise, or with a defect, is parsed and checked whole: the value and
 * the message are those of JSON.parse and checkFile.
 */
function* readCatalogFileSteps(path: string, label: string): Generator<void, CatalogFile> {
  const bytes = yield* readSteps(path, label);
  const inPieces = yield* checkPiecesSteps(new CatalogJsonPieces(bytes));
  if (inPieces) return inPieces;
  return yield* checkFileSteps(label, parseWhole(yield* decodeSteps(bytes), label));
}

/**
 * Files already read and checked against the schema, by path, valid while the file's
 * size, mtime and inode stay the same: a reload or the importer's check after writing
 * re-reads only what changed (reading and checking 10,000 talks costs seconds). The
 * cross-file rules still run on every load.
 */
const checked = new LRUCache<string, { stamp: string; file: CatalogFile }>({ max: 2_000 });

function* readChecked(path: string, label: string): Generator<void, CatalogFile> {
  let stamp = "";
  try {
    const s = statSync(path);
    stamp = `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    // unreadable: readSteps says why
  }
  const hit = checked.get(path);
  if (hit && stamp && hit.stamp === stamp) return hit.file;
  const file = yield* readCatalogFileSteps(path, label);
  if (stamp) checked.set(path, { stamp, file });
  return file;
}

/**
 * The file listing the schedule sources (SOURCES_FILE's default name) sits beside the
 * catalog files it fills; it is not a catalog file.
 */
const SOURCES_FILE_NAME = "sources.json";

/** The *.json catalog files of one folder, sorted, labelled `<label>/<name>` for messages. */
function listCatalogFiles(dir: string, label: string): { path: string; label: string }[] {
  if (!existsSync(dir)) return []; // a folder the first import has not created yet
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".json") && f !== SOURCES_FILE_NAME)
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
 * The catalog files of the CATALOG_DIRS folders, in the order the loader reads them
 * (a folder that cannot be listed holds none here; the loader reports it).
 */
export function extraCatalogFiles(extraDirs: readonly string[]): { path: string; label: string }[] {
  return extraDirs.flatMap((dir) => {
    try {
      return listCatalogFiles(resolve(dir), dir.replace(/\/+$/, ""));
    } catch {
      return [];
    }
  });
}

/**
 * The built-in catalog in `dataDir` plus the catalog files of every directory in
 * `extraDirs` (CATALOG_DIRS, a missing one counts as empty). The same id twice is an
 * error naming both files.
 */
export function loadCatalog(
  dataDir: string = DEFAULT_DATA_DIR,
  extraDirs: readonly string[] = [],
  options: LoadOptions = {},
): Catalog {
  return runSteps(loadSteps(dataDir, extraDirs, options));
}

/**
 * loadCatalog in slices of a few ms with an event-loop turn between two (a reload while
 * the bot answers): files are read, decoded, checked and added a slice at a time, and
 * small files share a slice. `sliceMs` 0 gives a turn after every step (tests).
 */
export function loadCatalogInSlices(
  dataDir: string = DEFAULT_DATA_DIR,
  extraDirs: readonly string[] = [],
  options: LoadOptions = {},
  sliceMs: number = SLICE_MS,
): Promise<Catalog> {
  return runStepsInSlices(loadSteps(dataDir, extraDirs, options), sliceMs);
}

/**
 * The load as steps of well under a millisecond each (a generator, so both loaders share
 * every rule), but for JSON.parse of a file not laid out as the importer writes it, which
 * is one step.
 */
function* loadSteps(
  dataDir: string,
  extraDirs: readonly string[],
  options: LoadOptions,
): Generator<void, Catalog> {
  const topicsFile = join(dataDir, "topics.json");
  const topicsRaw = yield* readJsonSteps(topicsFile);
  if (typeof topicsRaw !== "object" || topicsRaw === null || Array.isArray(topicsRaw)) {
    throw new CatalogError(
      "topics.json",
      "(file)",
      "(root)",
      "expected an object of slug → description",
    );
  }
  const topics = new Map(Object.entries(topicsRaw as Record<string, string>));
  const builtIn = listCatalogFiles(join(dataDir, "talks"), "talks");
  if (builtIn.length === 0)
    throw new CatalogError("talks/", "(none)", "(files)", "no catalog files found");
  const builder = new CatalogBuilder(topics);
  for (const { path, label } of builtIn)
    yield* builder.addSteps(label, yield* readChecked(path, label));

  // Every CATALOG_DIRS directory in order; a file is named by its folder so an error (or
  // a duplicate id) points at the right one.
  const pending = new Map(options.pending ?? []);
  const problems: CatalogError[] = [];
  const leaveOut = (err: unknown) => {
    if (options.extraFiles === "throw" || !(err instanceof CatalogError)) throw err;
    problems.push(err);
  };
  // A file refused halfway leaves the builder as it was (addSteps commits at its end).
  function* extra(label: string, read: Generator<void, CatalogFile>): Generator<void, void> {
    try {
      yield* builder.addSteps(label, yield* read);
    } catch (err) {
      leaveOut(err);
    }
  }
  for (const dir of extraDirs) {
    const folder = dir.replace(/\/+$/, "");
    let files: { path: string; label: string }[] = [];
    try {
      files = listCatalogFiles(resolve(dir), folder);
    } catch (err) {
      leaveOut(err);
    }
    for (const { path, label } of files) {
      const data = pending.get(path);
      if (data === undefined && options.only && !options.only.has(path)) continue;
      pending.delete(path);
      yield* extra(
        label,
        data === undefined ? readChecked(path, label) : checkFileSteps(label, data),
      );
    }
  }
  for (const [path, data] of pending) yield* extra(path, checkFileSteps(path, data));
  return { talks: builder.talks, byId: builder.byId, topics, problems, dataDir };
}
