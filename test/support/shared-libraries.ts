// The libraries the harnesses share (slack-deps.ts, matrix-harness.ts): built once per
// worker, not per file, since the default suite runs files one after another in the same
// worker (isolate: false). Each is registered with the catalog it was built with, so that
// shared-worker.ts can fail the file that leaves another catalog in it.
import type { Catalog } from "../../src/core/catalog.ts";
import type { Library } from "../../src/core/library.ts";

const built = new Map<string, { library: Library; catalog: Catalog }>();

/** `library`, registered under `name` with the catalog it holds now. */
export function sharedLibrary(name: string, library: Library): Library {
  built.set(name, { library, catalog: library.current().catalog });
  return library;
}

/** The shared libraries that no longer hold the catalog they were built with. */
export function changedLibraries(): string[] {
  return [...built].filter(([, b]) => b.library.current().catalog !== b.catalog).map(([n]) => n);
}
