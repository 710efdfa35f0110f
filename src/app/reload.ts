// Reloading the catalogs (SIGHUP, POST /admin/reload, a source's sync, another replica's
// reload): load and index everything first, then swap the library in one step. A catalog that fails validation changes nothing:
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

type Reason = "SIGHUP" | "admin" | "sources" | "replica";

export interface CatalogReloader {
  /** Synchronous: requests are answered from the old catalog until the new one is ready. */
  reload(reason: Reason): ReloadOutcome;
  /**
   * The same off the request path: files are read and checked one per event-loop turn,
   * the search index is built in slices of a few ms (src/core/slices.ts), and reloads
   * are coalesced (at most one running and one waiting; a reload asked for
   * while one waits shares its outcome), so a burst of SIGHUPs costs at most two loads.
   */
  reloadInSlices(reason: Reason): Promise<ReloadOutcome>;
}

interface ReloaderOptions {
  /** Loads the built-in catalog plus CATALOG_DIRS, as at start-up. */
  readonly load: () => Catalog;
  /** The same load in slices (loadCatalogInSlices); `load` when absent. */
  readonly loadInSlices?: () => Promise<Catalog>;
  readonly library: Library;
  readonly metrics: Pick<Metrics, "setCatalogTalks">;
  readonly logger: Logger;
}

export function createCatalogReloader(options: ReloaderOptions): CatalogReloader {
  const log = options.logger.child({ component: "catalog" });

  /** Throws when `catalog` leaves out a file the catalog in use has. */
  function check(catalog: Catalog): void {
    const before = new Set(options.library.current().catalog.problems.map((p) => p.file));
    const fresh = catalog.problems.find((p) => !before.has(p.file));
    if (fresh) throw fresh;
  }

  function failed(reason: Reason, err: unknown): ReloadOutcome {
    const error = err instanceof Error ? err.message : String(err);
    const where =
      err instanceof CatalogError ? { file: err.file, record: err.record, field: err.field } : {};
    log.error(
      { reason, ...where, talks: options.library.current().catalog.talks.length },
      `catalog reload failed, keeping the catalog in use: ${error}`,
    );
    return { ok: false, error };
  }

  function done(reason: Reason, catalog: Catalog, started: number): ReloadOutcome {
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
  }

  async function sliced(reason: Reason): Promise<ReloadOutcome> {
    const started = performance.now();
    try {
      const catalog = await (options.loadInSlices ?? options.load)();
      check(catalog);
      // The index too is built in slices; the old core answers until the swap.
      await options.library.replaceInSlices(catalog);
      return done(reason, catalog, started);
    } catch (err) {
      return failed(reason, err);
    }
  }

  let running: Promise<ReloadOutcome> | null = null;
  let waiting: Promise<ReloadOutcome> | null = null;
  const start = (reason: Reason) => {
    running = sliced(reason).finally(() => {
      running = null;
    });
    return running;
  };

  return {
    reload(reason) {
      const started = performance.now();
      let catalog: Catalog;
      try {
        catalog = options.load();
        check(catalog);
        options.library.replace(catalog);
      } catch (err) {
        return failed(reason, err);
      }
      return done(reason, catalog, started);
    },
    reloadInSlices(reason) {
      if (waiting) return waiting;
      if (!running) return start(reason);
      // One waits for the running reload to end: it reads the files as they are then.
      waiting = running.then(() => {
        waiting = null;
        return start(reason);
      });
      return waiting;
    },
  };
}
