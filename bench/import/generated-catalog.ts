// A catalog folder of generated imported schedules in a temporary directory, for the
// reload benchmarks (reload.ts, reload-gc.ts): each importEvents writes one generated
// schedule (import-schedule.ts) and imports it as `npm run cli -- import` would.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runImport } from "../../src/import/import.ts";
import { generateSchedule } from "./import-schedule.ts";

export interface GeneratedCatalog {
  /** The catalog directory (a CATALOG_DIRS entry) the imports write into. */
  readonly folder: string;
  /** Imports `events` generated events of `year` (seeded by `seed`) as one catalog file. */
  importEvents(events: number, year: number, seed: number): Promise<void>;
  /** Removes the temporary directory and everything in it. */
  remove(): void;
}

export function generatedCatalog(name: string): GeneratedCatalog {
  const work = mkdtempSync(join(tmpdir(), `virt-talks-bench-${name}-`));
  const folder = join(work, "catalog");
  mkdirSync(folder);
  return {
    folder,
    async importEvents(events, year, seed) {
      const file = join(work, `s-${year}.xml`);
      writeFileSync(file, generateSchedule(events, year, seed));
      await runImport({
        sources: [file],
        outDir: folder,
        dryRun: false,
        catalogDirs: [folder],
        now: new Date(),
        timeZone: "UTC",
      });
      rmSync(file);
    },
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}
