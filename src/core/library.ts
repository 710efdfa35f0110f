// The catalog in use and its search engine, swappable as a whole: a reload (SIGHUP,
// POST /admin/reload, a source's sync) builds the new core first and only then replaces
// the old one, so a request is always answered from one consistent catalog and a failed
// reload changes nothing.
import { type Core, type CoreOptions, createCore, createCoreInSlices } from "./answer.ts";
import type { Catalog } from "./catalog.ts";
import { runStepsInSlices } from "./slices.ts";

/** How many of the phrases in use a reload works out before the new index answers. */
const WARM_PHRASES = 64;

export interface Library {
  /** The core every request uses now. */
  current(): Core;
  /** Builds a core for `catalog` and puts it in use; returns it. */
  replace(catalog: Catalog): Core;
  /**
   * replace() with the index built in slices, answers flowing meanwhile (the old core
   * serves them). Resolves to the core in use: if another replace() finished while this
   * one was building, that catalog was read later and stays; this one is dropped.
   */
  replaceInSlices(catalog: Catalog): Promise<Core>;
}

export function createLibrary(options: CoreOptions): Library {
  const { catalog: _first, ...rest } = options;
  let core = createCore(options);
  /** Counts swaps, so a slow sliced build can tell it was overtaken. */
  let swaps = 0;
  const put = (next: Core) => {
    core = next;
    swaps++;
    return next;
  };
  return {
    current: () => core,
    replace: (catalog) => put(createCore({ ...rest, catalog })),
    async replaceInSlices(catalog) {
      const before = swaps;
      const next = await createCoreInSlices({ ...rest, catalog });
      // The phrases searches use now, worked out over the new index before it answers:
      // otherwise the first search of each after the swap reads the word order of every
      // talk holding its words at once (20-50 ms each on 10,000 synthetic talks).
      await runStepsInSlices(next.engine.warm(core.engine.phrasesInUse(WARM_PHRASES)));
      return swaps === before ? put(next) : core;
    },
  };
}
