// Reloading the catalogs (SIGHUP, POST /admin/reload): load and index everything first,
// then swap the library in one step. A catalog that fails validation changes nothing:
// the one in use stays, and one error line names the file, the record and the field.
// A CATALOG_DIRS file the catalog in use already left out (start-up degraded) does not
// stop a reload; one that loaded before and fails now does, so an edit never drops
// talks that are being served.
import { type Catalog, CatalogError } from "../core/catalog.ts";
import type { Library } from "../core/library.ts";
import type { Metrics } from "../http/metrics.ts";
import type { Logger } from "../log.ts";

export type ReloadOutcome =
  | { readonly ok: true; readonly talks: number; readonly ms: number }
  | { readonly ok: false; readonly error: string };

export interface CatalogReloader {
  /** Synchronous: requests are answered from the old catalog until the new one is ready. */
  reload(reason: "SIGHUP" | "admin"): ReloadOutcome;
}

export interface ReloaderOptions {
  /** Loads the built-in catalog plus CATALOG_DIRS, as at start-up. */
  readonly load: () => Catalog;
  readonly library: Library;
  readonly metrics: Pick<Metrics, "setCatalogTalks">;
  readonly logger: Logger;
}

export function createCatalogReloader(options: ReloaderOptions): CatalogReloader {
  const log = options.logger.child({ component: "catalog" });
  return {
    reload(reason) {
      const started = performance.now();
      let catalog: Catalog;
      try {
        catalog = options.load();
        const before = new Set(options.library.current().catalog.problems.map((p) => p.file));
        const fresh = catalog.problems.find((p) => !before.has(p.file));
        if (fresh) throw fresh;
        options.library.replace(catalog);
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        const where =
          err instanceof CatalogError
            ? { file: err.file, record: err.record, field: err.field }
            : {};
        log.error(
          { reason, ...where, talks: options.library.current().catalog.talks.length },
          `catalog reload failed, keeping the catalog in use: ${error}`,
        );
        return { ok: false, error };
      }
      const talks = catalog.talks.length;
      options.metrics.setCatalogTalks(talks);
      const ms = Math.round(performance.now() - started);
      for (const p of catalog.problems)
        log.warn(
          { reason, file: p.file, record: p.record, field: p.field },
          `catalog file left out: ${p.message}`,
        );
      log.info({ reason, talks, ms, leftOut: catalog.problems.length }, "catalog reloaded");
      return { ok: true, talks, ms };
    },
  };
}
