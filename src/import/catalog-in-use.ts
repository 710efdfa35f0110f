// The catalog an import writes into: what it already holds (the event's file on disk,
// the events and talks of other files) and the loader's verdict on the result.
import { existsSync, readFileSync } from "node:fs";
import { type Catalog, CatalogError, loadCatalog } from "../core/catalog.ts";
import { type CatalogFile, CatalogFileSchema, sameTalkKey } from "../core/talk.ts";
import type { OtherFiles } from "./catalog-keys.ts";
import type { Taken } from "./merge.ts";
import { ImportError } from "./types.ts";

export function readExisting(path: string): CatalogFile | null {
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
export function ownedElsewhere(catalog: Catalog, eventId: string, path: string): boolean {
  const own = new Set((readExisting(path)?.talks ?? []).map((t) => t.id));
  return catalog.talks.some((t) => t.eventId === eventId && !own.has(t.id));
}

/** Talks of every other catalog file: the imported ones must not reuse their ids or titles. */
export function takenBy(catalog: Catalog, own: CatalogFile | null, eventId: string): Taken {
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

/** A keys-only run met another file: the import runs again on the whole catalog. */
export class MeetsOtherFile extends Error {}

/**
 * Checks the catalog as the bot would load it after this import, with the loader's own
 * rules: a file it would leave out is never written (one talk twice under two ids, an
 * id or a talk another file has). Problems other files already had are not this
 * import's. With "keys", the other files share nothing with the written ones (checked
 * here), so only the built-in catalog and the written files need loading.
 */
export function checkAsLoaded(
  dataDir: string,
  dirs: readonly string[],
  before: Catalog,
  pending: ReadonlyMap<string, { path: string; file: CatalogFile }>,
  others: OtherFiles | null,
): void {
  const files = new Map([...pending.values()].map((p) => [p.path, p.file]));
  let known = before.problems;
  let only: ReadonlySet<string> | undefined;
  if (others) {
    only = new Set(files.keys());
    for (const file of files.values()) if (others.meets(file, only)) throw new MeetsOtherFile();
    known = loadCatalog(dataDir, dirs, { only }).problems;
  }
  const after = loadCatalog(dataDir, dirs, { pending: files, ...(only ? { only } : {}) });
  const messages = new Set(known.map((p) => p.message));
  const fresh = after.problems.find((p) => !messages.has(p.message));
  if (fresh)
    throw new ImportError(`the result would not load, so it is not written: ${fresh.message}`);
}

export function loadInUse(dataDir: string, dirs: readonly string[]): Catalog {
  try {
    return loadCatalog(dataDir, dirs);
  } catch (err) {
    if (err instanceof CatalogError)
      throw new ImportError(`the catalog in use is invalid, fix it first: ${err.message}`);
    throw err;
  }
}
