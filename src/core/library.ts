// The catalog in use and its search engine, swappable as a whole: a reload (SIGHUP,
// POST /admin/reload) builds the new core first and only then replaces the old one, so a
// request is always answered from one consistent catalog and a failed reload changes
// nothing.
import { type Core, type CoreOptions, createCore } from "./answer.ts";
import type { Catalog } from "./catalog.ts";

export interface Library {
  /** The core every request uses now. */
  current(): Core;
  /** Builds a core for `catalog` and puts it in use; returns it. */
  replace(catalog: Catalog): Core;
}

export function createLibrary(options: CoreOptions): Library {
  const { catalog: _first, ...rest } = options;
  let core = createCore(options);
  return {
    current: () => core,
    replace(catalog) {
      const next = createCore({ ...rest, catalog });
      core = next;
      return next;
    },
  };
}
