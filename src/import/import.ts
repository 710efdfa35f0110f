// `import`: schedules in, catalog files out. Every source is read, parsed and mapped
// before anything is written, so a bad source leaves every catalog file as it was.
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_DATA_DIR } from "../core/catalog.ts";
import { turn } from "../core/slices.ts";
import type { CatalogFile } from "../core/talk.ts";
import { writeFileAtomic } from "../persist/atomic-write.ts";
import { addDays, dateInZone } from "../totd/today.ts";
import { loadBreakWords } from "./break-title.ts";
import { loadCancelWords } from "./cancelled.ts";
import {
  checkAsLoaded,
  loadInUse,
  MeetsOtherFile,
  ownedElsewhere,
  readExisting,
  takenBy,
} from "./catalog-in-use.ts";
import { OtherFiles } from "./catalog-keys.ts";
import { detectFormat } from "./detect-format.ts";
import { displaySource, type FetchOptions, fetchSource } from "./fetch-source.ts";
import { mapSchedule, type Skip } from "./map-record.ts";
import { type Merged, mergeFile } from "./merge.ts";
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

function noTalks(skipped: readonly Skip[], track: RegExp | undefined): ImportError {
  const reasons = [...new Set(skipped.map((s) => s.reason))].slice(0, 3);
  const why = track
    ? `no talk's track matches --track ${track.source}`
    : skipped.length
      ? `every talk was skipped (${reasons.join("; ")})`
      : "the schedule lists no talks";
  return new ImportError(`nothing to import: ${why}`);
}

type Counts = Omit<Merged, "file" | "changed">;

/** Two sources of one event (e.g. two days' exports): counts against the file on disk. */
function combine(prior: Counts, next: Counts): Counts {
  // A talk the later source says is cancelled is gone, whatever the earlier one said.
  const gone = new Set(next.removed);
  const stays = (id: string) => !gone.has(id);
  const added = [...new Set([...prior.added.filter(stays), ...next.added])];
  const isNew = new Set(added);
  const updated = [...new Set([...prior.updated.filter(stays), ...next.updated])].filter(
    (id) => !isNew.has(id),
  );
  const touched = new Set([...added, ...updated]);
  const unchanged = [...new Set([...prior.unchanged.filter(stays), ...next.unchanged])].filter(
    (id) => !touched.has(id),
  );
  for (const id of unchanged) touched.add(id);
  return {
    added,
    updated,
    unchanged,
    kept: next.kept.filter((id) => !touched.has(id)),
    removed: [...new Set([...prior.removed, ...next.removed])].filter((id) => !touched.has(id)),
    skipped: [...prior.skipped, ...next.skipped],
    // The later source's word on a talk replaces the earlier one's.
    decisions: [
      ...prior.decisions.filter((d) => d.id === null || !next.decisions.some((n) => n.id === d.id)),
      ...next.decisions,
    ],
  };
}

/** How much of the CATALOG_DIRS files an import run reads (catalog-keys.ts). */
type Reading = "keys" | "full";

export async function runImport(req: ImportRequest): Promise<FileReport[]> {
  // Each source is fetched once, even when the import runs a second time.
  const texts = new Map<string, Promise<string>>();
  const read = (source: string) => {
    let text = texts.get(source);
    if (!text) {
      text = req.read ? req.read(source) : fetchSource(source, req.fetch);
      texts.set(source, text);
    }
    return text;
  };
  try {
    return await importReading("keys", req, read);
  } catch (err) {
    if (!(err instanceof MeetsOtherFile)) throw err;
  }
  return importReading("full", req, read);
}

async function importReading(
  reading: Reading,
  req: ImportRequest,
  read: (source: string) => Promise<string>,
): Promise<FileReport[]> {
  const dataDir = req.dataDir ?? DEFAULT_DATA_DIR;
  const out = resolve(req.outDir);
  const dirs = [...req.catalogDirs.filter((d) => existsSync(d))];
  if (existsSync(out) && !dirs.some((d) => resolve(d) === out)) dirs.push(req.outDir);
  // "keys": the built-in catalog in full, the other files' keys (catalog-keys.ts).
  const catalog = loadInUse(dataDir, reading === "full" ? dirs : []);
  // An event-loop turn between the import's phases (slices.ts): a schedule source syncs
  // inside the running bot, where each phase over a 900-event export and a 10,000-talk
  // folder takes 100–200 ms; answers waiting meanwhile go first.
  await turn();
  const others = reading === "keys" ? OtherFiles.read(dirs) : null;
  const rules = loadTopicRules(dataDir, catalog.topics);
  const breakWords = loadBreakWords(dataDir);
  const cancelWords = loadCancelWords(dataDir);
  const importedAt = req.now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const added = addDays(dateInZone(req.now, req.timeZone), 1);

  const pending = new Map<string, { path: string; file: CatalogFile; report: FileReport }>();
  for (const source of req.sources) {
    try {
      const text = await read(source);
      await turn();
      const schedule = parseSchedule(text, req.format);
      await turn();
      const options = {
        origin: displaySource(source),
        importedAt,
        added,
        rules,
        breakWords,
        cancelWords,
        ...(req.eventName ? { eventName: req.eventName } : {}),
        ...(req.year ? { year: req.year } : {}),
        ...(req.track ? { track: req.track } : {}),
      };
      let mapped = mapSchedule(schedule, options);
      await turn();
      const eventId = mapped.event.id;
      const notes: string[] = [];
      // An event the catalog already has from another file (a hand-written KVM Forum 2011):
      // its own file under another id; talks already there are skipped by title below.
      if (ownedElsewhere(catalog, eventId, join(out, `${eventId}.json`))) {
        const id = `${eventId}-imported`;
        notes.push(`event id ${eventId} belongs to another catalog file: imported as ${id}`);
        mapped = mapSchedule(schedule, { ...options, eventId: id });
      }
      // Only cancellations is still news: the talks they name leave the file on disk.
      if (mapped.records.length === 0 && mapped.cancelled.length === 0)
        throw noTalks(mapped.skipped, req.track);
      const path = join(out, `${mapped.event.id}.json`);
      const prior = pending.get(mapped.event.id);
      const existing = prior ? prior.file : readExisting(path);
      const onDisk = prior ? readExisting(path) : existing;
      // What the decisions below read of other files (whose an event is, which talks
      // are taken) must be what the loader keeps of them: else the whole catalog decides.
      const writing = new Set([...[...pending.values()].map((p) => p.path), path]);
      if (others?.meetsImport(writing, eventId, mapped, onDisk)) throw new MeetsOtherFile();
      await turn();
      const listed = new Set(
        prior ? [...prior.report.added, ...prior.report.updated, ...prior.report.unchanged] : [],
      );
      const gone = new Set(prior?.report.removed);
      const removed = prior ? (onDisk?.talks ?? []).filter((r) => gone.has(r.id)) : [];
      const taken = takenBy(catalog, onDisk, mapped.event.id);
      const merged = mergeFile(existing, mapped, taken, { listed, removed });
      const { file, ...counts } = merged;
      // Every talk is another file's already, or cancelled: say so, not that an empty
      // file won't load.
      if (file.talks.length === 0 && merged.removed.length)
        throw new ImportError(
          `every talk of ${mapped.event.id} is cancelled now: delete ${path} to drop the event`,
        );
      if (file.talks.length === 0) throw noTalks(merged.skipped, undefined);
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
  await turn();
  checkAsLoaded(dataDir, dirs, catalog, pending, others);
  await turn();
  if (!req.dryRun) {
    for (const { path, file, report } of pending.values()) {
      if (!report.changed) continue;
      mkdirSync(out, { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, 0o644);
    }
  }
  return [...pending.values()].map((p) => p.report);
}
