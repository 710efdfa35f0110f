// Schedule sources in a running bot (issue #20): when SOURCES_FILE exists, the bot fetches
// each source on its interval, merges changes with `import`'s rules into the sources'
// catalog folder, and reloads the catalog off the request path. A failing source keeps its
// last good talks and shows in /healthz.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Config } from "../config.ts";
import type { Library } from "../core/library.ts";
import type { StateStore } from "../core/state-store.ts";
import type { Talk } from "../core/talk.ts";
import type { Logger } from "../log.ts";
import type { PgStateStore } from "../persist/pg-store.ts";
import { type ConferenceDays, conferenceDays, runningNow } from "../sources/conference-window.ts";
import { fetchIfChanged } from "../sources/fetch-changed.ts";
import { importerFor } from "../sources/import-text.ts";
import {
  SOURCES_NAMESPACE,
  type SourceState,
  validateSourceState,
} from "../sources/source-state.ts";
import { loadSources } from "../sources/sources-file.ts";
import { createSourceSyncer, type SourceSyncer } from "../sources/syncer.ts";
import type { CatalogReloader } from "./reload.ts";

/** Where the sources' talks are written: the first CATALOG_DIRS folder, else beside the file. */
function sourcesOutDir(config: Config): string {
  return config.catalogDirs[0] ?? dirname(config.sourcesFile);
}

/** CATALOG_DIRS, plus the sources' folder when the bot syncs sources into one not listed. */
export function catalogDirsOf(config: Config): readonly string[] {
  if (!existsSync(config.sourcesFile)) return config.catalogDirs;
  const out = sourcesOutDir(config);
  const listed = config.catalogDirs.some((d) => resolve(d) === resolve(out));
  return listed ? config.catalogDirs : [...config.catalogDirs, out];
}

interface SourcesDeps {
  readonly state: StateStore;
  readonly library: Library;
  readonly reloader: CatalogReloader;
  readonly logger: Logger;
  /** After a sync's reload replaced the catalog: the talks before it (watch alerts). */
  readonly onCatalogChanged?: (before: readonly Talk[]) => Promise<void>;
  /** Replicas: only the holder of the "sources-sync" lease syncs. */
  readonly postgres?: PgStateStore;
  /** Every source's refresh interval, replacing the file's (bench:sources only). */
  readonly refreshMs?: number;
  /** Smaller size and time limits than the importer's (tests of slow and oversized bodies). */
  readonly fetchLimits?: { readonly timeoutMs: number; readonly maxBytes: number };
}

/** The running syncer, or null when there is no sources file. */
export async function startSources(
  config: Config,
  deps: SourcesDeps,
): Promise<SourceSyncer | null> {
  if (!existsSync(config.sourcesFile)) return null;
  const days = new WeakMap<readonly Talk[], ReadonlyMap<string, ConferenceDays>>();
  const daysOf = (talks: readonly Talk[]) => {
    let known = days.get(talks);
    if (!known) {
      known = conferenceDays(talks);
      days.set(talks, known);
    }
    return known;
  };
  const syncer = createSourceSyncer({
    entries: () => loadSources(config.sourcesFile).sources,
    store: await deps.state.open<SourceState>(SOURCES_NAMESPACE, validateSourceState),
    deps: {
      fetch: (url, validators) => fetchIfChanged(url, validators, deps.fetchLimits),
      importText: importerFor({
        outDir: sourcesOutDir(config),
        dataDir: config.dataDir,
        catalogDirs: catalogDirsOf(config),
        timeZone: config.totd.timeZone,
      }),
    },
    running: (eventIds, now) =>
      runningNow(daysOf(deps.library.current().catalog.talks), eventIds, new Date(now)),
    onChanged: async () => {
      const before = deps.library.current().catalog.talks;
      await deps.reloader.reloadInSlices("sources");
      // A reload that failed kept the old catalog: nothing changed for the watches.
      if (deps.library.current().catalog.talks !== before) await deps.onCatalogChanged?.(before);
    },
    logger: deps.logger,
    ...(deps.refreshMs === undefined ? {} : { intervalMs: deps.refreshMs }),
  });
  // Loaded only with a database (the lease module reaches `pg`).
  const active = deps.postgres
    ? (await import("./sources-lease.ts")).syncWhileHolding(syncer, deps.postgres, deps.logger)
    : syncer;
  await active.start();
  return active;
}
