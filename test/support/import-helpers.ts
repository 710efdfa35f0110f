// Shared set-up for the import tests: a temporary output directory and runImport with a
// fixed clock (2026-11-29 12:00 UTC, so imported talks are added on 2026-11-30).
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CatalogFile } from "../../src/core/talk.ts";
import { type ImportRequest, runImport } from "../../src/import/import.ts";

const FIXTURES = join(import.meta.dirname, "../fixtures/import");
export const fixture = (name: string) => join(FIXTURES, name);
export const NOW = new Date("2026-11-29T12:00:00Z");

export function tempDir(prefix = "virt-import-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function importInto(
  outDir: string,
  sources: readonly string[],
  more: Partial<ImportRequest> = {},
) {
  return runImport({
    sources,
    outDir,
    dryRun: false,
    catalogDirs: [],
    now: NOW,
    timeZone: "UTC",
    ...more,
  });
}

export function readCatalogFile(path: string): CatalogFile {
  return JSON.parse(readFileSync(path, "utf8")) as CatalogFile;
}

/** Every file of a directory with its size and mtime: "nothing written" means this is equal. */
export function snapshot(dir: string): Record<string, string> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return {};
  }
  return Object.fromEntries(
    names.map((n) => {
      const s = statSync(join(dir, n));
      return [n, `${s.size}:${s.mtimeMs}:${readFileSync(join(dir, n), "utf8").length}`];
    }),
  );
}
