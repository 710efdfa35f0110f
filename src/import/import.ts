// `import`: schedules in, catalog files out. Every source is read, parsed and mapped
// before anything is written, so a bad source leaves every catalog file as it was.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Catalog, CatalogError, DEFAULT_DATA_DIR, loadCatalog } from "../core/catalog.ts";
import { type CatalogFile, CatalogFileSchema, sameTalkKey } from "../core/talk.ts";
import { writeFileAtomic } from "../persist/atomic-write.ts";
import { addDays, dateInZone } from "../totd/today.ts";
import { detectFormat } from "./detect-format.ts";
import { displaySource, type FetchOptions, fetchSource } from "./fetch-source.ts";
import { type Mapped, mapSchedule } from "./map-record.ts";
import { type Merged, mergeFile, type Taken } from "./merge.ts";
import { parseFrabJson } from "./parse-frab-json.ts";
import { parseFrabXml } from "./parse-frab-xml.ts";
import { parseIcal } from "./parse-ical.ts";
import { parseIndico } from "./parse-indico.ts";
import { loadTopicRules } from "./topics.ts";
import { ImportError, type Schedule, type ScheduleFormat } from "./types.ts";

export interface ImportRequest {
  readonly sources: readonly string[];
  readonly outDir: string;
  readonly dryRun: boolean;
  readonly format?: ScheduleFormat;
  readonly track?: RegExp;
  readonly eventName?: string;
  readonly year?: number;
  /** DATA_DIR, undefined for the bundled data/. */
  readonly dataDir?: string;
  /** CATALOG_DIRS: their talks must not clash with the imported ones. */
  readonly catalogDirs: readonly string[];
  readonly now: Date;
  /** TOTD_TIMEZONE: new talks join the talk of the day the next day there. */
  readonly timeZone: string;
  readonly fetch?: FetchOptions;
  /** Reads a source instead of fetching it (schedule sources pass the body they fetched). */
  readonly read?: (source: string) => Promise<string>;
}

export interface FileReport extends Omit<Merged, "file"> {
  readonly path: string;
  readonly eventId: string;
  readonly sources: string[];
  /** Decisions worth telling the operator (an event id taken by another file). */
  readonly notes: string[];
}

function parseSchedule(raw: string, format?: ScheduleFormat): Schedule {
  const detected = detectFormat(raw, format);
  switch (detected.format) {
    case "frab-xml":
      return parseFrabXml(detected.text);
    case "ical":
      return parseIcal(detected.text);
    case "frab-json":
      return parseFrabJson(detected.json);
    case "indico":
      return parseIndico(detected.json);
  }
}

function readExisting(path: string): CatalogFile | null {
  if (!existsSync(path)) return null;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new ImportError(
      `the existing catalog file is not JSON: ${(err as Error).message}`,
      null,
      path,
    );
  }
  const parsed = CatalogFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportError(
      `the existing catalog file is invalid (${issue.path.join(".")}: ${issue.message})`,
      null,
      path,
    );
  }
  return parsed.data;
}

/** Whether another catalog file than `path` holds talks of event `eventId`. */
function ownedElsewhere(catalog: Catalog, eventId: string, path: string): boolean {
  const own = new Set((readExisting(path)?.talks ?? []).map((t) => t.id));
  return catalog.talks.some((t) => t.eventId === eventId && !own.has(t.id));
}

/** Talks of every other catalog file: the imported ones must not reuse their ids or titles. */
function takenBy(catalog: Catalog, own: CatalogFile | null, eventId: string): Taken {
  const mine = new Set((own?.talks ?? []).map((t) => t.id));
  const ids = new Map<string, string>();
  const titles = new Map<string, string>();
  for (const t of catalog.talks) {
    if (mine.has(t.id)) continue;
    if (t.eventId === eventId)
      throw new ImportError(
        `event id "${eventId}" is already used by another catalog file (talk ${t.id}); pass --event with another name`,
      );
    ids.set(t.id, `talk ${t.id} of ${t.eventShort}`);
    titles.set(sameTalkKey(t.year, t.title, t.speakers), t.id);
    titles.set(sameTalkKey(t.year, t.title, []), t.id);
  }
  return { ids, titles };
}

function noTalks(mapped: Mapped, track: RegExp | undefined): ImportError {
  const reasons = [...new Set(mapped.skipped.map((s) => s.reason))].slice(0, 3);
  const why = track
    ? `no talk's track matches --track ${track.source}`
    : mapped.skipped.length
      ? `every talk was skipped (${reasons.join("; ")})`
      : "the schedule lists no talks";
  return new ImportError(`nothing to import: ${why}`);
}

type Counts = Omit<Merged, "file" | "changed">;

/** Two sources of one event (e.g. two days' exports): counts against the file on disk. */
function combine(prior: Counts, next: Counts): Counts {
  const added = [...new Set([...prior.added, ...next.added])];
  const isNew = new Set(added);
  const updated = [...new Set([...prior.updated, ...next.updated])].filter((id) => !isNew.has(id));
  const touched = new Set([...added, ...updated]);
  const unchanged = [...new Set([...prior.unchanged, ...next.unchanged])].filter(
    (id) => !touched.has(id),
  );
  for (const id of unchanged) touched.add(id);
  return {
    added,
    updated,
    unchanged,
    kept: next.kept.filter((id) => !touched.has(id)),
    skipped: [...prior.skipped, ...next.skipped],
    // The later source's word on a talk replaces the earlier one's.
    decisions: [
      ...prior.decisions.filter((d) => d.id === null || !next.decisions.some((n) => n.id === d.id)),
      ...next.decisions,
    ],
  };
}

/**
 * Loads the catalog as the bot would after this import, with the loader's own rules:
 * a file it would leave out is never written (one talk twice under two ids, an id or a
 * talk another file has). Problems other files already had are not this import's.
 */
function checkAsLoaded(
  dataDir: string,
  dirs: readonly string[],
  before: Catalog,
  pending: ReadonlyMap<string, { path: string; file: CatalogFile | null }>,
): void {
  const files = new Map([...pending.values()].map((p) => [p.path, p.file]));
  const after = loadCatalog(dataDir, dirs, { pending: files });
  const known = new Set(before.problems.map((p) => p.message));
  const fresh = after.problems.find((p) => !known.has(p.message));
  if (fresh)
    throw new ImportError(`the result would not load, so it is not written: ${fresh.message}`);
}

export async function runImport(req: ImportRequest): Promise<FileReport[]> {
  const dataDir = req.dataDir ?? DEFAULT_DATA_DIR;
  const out = resolve(req.outDir);
  const dirs = [...req.catalogDirs.filter((d) => existsSync(d))];
  if (existsSync(out) && !dirs.some((d) => resolve(d) === out)) dirs.push(req.outDir);
  let catalog: Catalog;
  try {
    catalog = loadCatalog(dataDir, dirs);
  } catch (err) {
    if (err instanceof CatalogError)
      throw new ImportError(`the catalog in use is invalid, fix it first: ${err.message}`);
    throw err;
  }
  const rules = loadTopicRules(dataDir, catalog.topics);
  const importedAt = req.now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const added = addDays(dateInZone(req.now, req.timeZone), 1);

  const pending = new Map<string, { path: string; file: CatalogFile | null; report: FileReport }>();
  for (const source of req.sources) {
    try {
      const raw = req.read ? await req.read(source) : await fetchSource(source, req.fetch);
      const schedule = parseSchedule(raw, req.format);
      const options = {
        origin: displaySource(source),
        importedAt,
        added,
        rules,
        ...(req.eventName ? { eventName: req.eventName } : {}),
        ...(req.year ? { year: req.year } : {}),
        ...(req.track ? { track: req.track } : {}),
      };
      let mapped = mapSchedule(schedule, options);
      const notes: string[] = [];
      // An event the catalog already has from another file (a hand-written KVM Forum 2011):
      // its own file under another id; talks already there are skipped by title below.
      if (ownedElsewhere(catalog, mapped.event.id, join(out, `${mapped.event.id}.json`))) {
        const id = `${mapped.event.id}-imported`;
        notes.push(
          `event id ${mapped.event.id} belongs to another catalog file: imported as ${id}`,
        );
        mapped = mapSchedule(schedule, { ...options, eventId: id });
      }
      if (mapped.records.length === 0) throw noTalks(mapped, req.track);
      const path = join(out, `${mapped.event.id}.json`);
      const prior = pending.get(mapped.event.id);
      const existing = prior ? prior.file : readExisting(path);
      const onDisk = prior ? readExisting(path) : existing;
      const merged = mergeFile(existing, mapped, takenBy(catalog, onDisk, mapped.event.id));
      const { file, ...counts } = merged;
      const report: FileReport = {
        ...(prior ? combine(prior.report, counts) : counts),
        changed: merged.changed || (prior?.report.changed ?? false),
        path,
        eventId: mapped.event.id,
        sources: [...(prior?.report.sources ?? []), displaySource(source)],
        notes: [...new Set([...(prior?.report.notes ?? []), ...notes])],
      };
      pending.set(mapped.event.id, { path, file, report });
    } catch (err) {
      if (err instanceof ImportError) throw err.from(displaySource(source));
      throw err;
    }
  }
  checkAsLoaded(dataDir, dirs, catalog, pending);
  if (!req.dryRun) {
    for (const { path, file, report } of pending.values()) {
      if (!report.changed || !file) continue;
      mkdirSync(out, { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, 0o644);
    }
  }
  return [...pending.values()].map((p) => p.report);
}
