// How a source's fetched body enters the catalog: `import`'s own pipeline (parse, map,
// merge with the file on disk, validate, write atomically), reading the body already in
// hand instead of fetching again.
import { type FileReport, runImport } from "../import/import.ts";
import type { SourceEntry } from "./sources-file.ts";

interface ImportSettings {
  /** Where the sources' catalog files go (the first CATALOG_DIRS folder, else ./catalog). */
  readonly outDir: string;
  readonly dataDir: string | undefined;
  readonly catalogDirs: readonly string[];
  /** TOTD_TIMEZONE: new talks join the talk of the day the next day there. */
  readonly timeZone: string;
}

export function importerFor(settings: ImportSettings, clock: () => number = Date.now) {
  return (entry: SourceEntry, text: string): Promise<FileReport[]> =>
    runImport({
      sources: [entry.url],
      read: async () => text,
      outDir: settings.outDir,
      dryRun: false,
      ...(entry.format ? { format: entry.format } : {}),
      ...(entry.track ? { track: new RegExp(entry.track, "iu") } : {}),
      ...(entry.event ? { eventName: entry.event } : {}),
      ...(settings.dataDir ? { dataDir: settings.dataDir } : {}),
      catalogDirs: settings.catalogDirs,
      now: new Date(clock()),
      timeZone: settings.timeZone,
    });
}
