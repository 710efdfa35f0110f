// Searches flowing while something else runs (a reload, a source's sync): one is due every
// EVERY_MS, or as fast as they run, each timed from when it was due, so a blocked event
// loop counts. bench/import/reload.ts and bench/sources/ both measure answers this way.
import { performance } from "node:perf_hooks";
import { parseCommand } from "../../src/core/grammar.ts";
import type { Library } from "../../src/core/library.ts";

const QUERIES = ["numa", "vfio", "live migration", "post-copy migration", "hugepages balloon"];
const EVERY_MS = 2;

/** Latencies (ms, ascending) of the searches due while `during` runs. */
export async function searchesDuring(
  library: Library,
  during: () => Promise<unknown>,
): Promise<number[]> {
  const times: number[] = [];
  let stop = false;
  let i = 0;
  const loop = async () => {
    let due = performance.now();
    while (!stop) {
      const wait = Math.max(0, due - performance.now());
      await new Promise((r) => setTimeout(r, wait));
      const c = parseCommand(QUERIES[i++ % QUERIES.length]!);
      if (c.kind === "search") library.current().engine.search(c.request, 5);
      times.push(performance.now() - due);
      // Never more than one query behind: a slow machine measures waits, not a backlog.
      due = Math.max(due + EVERY_MS, performance.now());
    }
  };
  const running = loop();
  await during();
  stop = true;
  await running;
  return times.sort((a, b) => a - b);
}
