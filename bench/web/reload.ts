// `npm run bench:web -- --reload`: what a reload costs the event loop in the public pages'
// step, building the lists (speakers, topics, events, related talks; src/web/catalog-index.ts)
// for the new catalog. Each round, over a fresh copy of the catalog:
// - at once: catalogIndex() in one block, as the server did before (the longest block is
//   the whole build);
// - in slices: catalogIndexInSlices(), the longest the event loop went without a turn
//   (a setImmediate probe notes every turn), the build's wall time and its turns;
// - through the server: the web server running, the library's core swapped for one with a
//   new catalog, the longest block until the pages serve it, and until its talk pages are
//   prepared ahead too (src/web/talk-page-store.ts), with that wall time;
// - step by step: a turn after every step; the longest step, each the least of the rounds
//   (on a loaded machine a wall-clock gap includes waiting for a core).
// The catalog: CATALOG_DIRS (e.g. /work/data/broad, ~9,000 imported talks) plus the
// built-in one, or the 10,000-talk synthetic catalog without it. Five rounds, medians.
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { Core } from "../../src/core/answer.ts";
import { type Catalog, loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary, type Library } from "../../src/core/library.ts";
import {
  catalogIndex,
  catalogIndexInSlices,
  hasCatalogIndex,
} from "../../src/web/catalog-index.ts";
import { benchCatalog, startOursOver } from "./catalog.ts";

const ROUNDS = 5;

/** Notes every stretch between two event-loop turns until stopped. */
function probe(): { stop(): { longestMs: number; turns: number; gaps: number[] } } {
  let last = performance.now();
  const gaps: number[] = [];
  let on = true;
  const tick = () => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop() {
      on = false;
      gaps.push(performance.now() - last);
      return { longestMs: Math.max(...gaps), turns: gaps.length, gaps };
    },
  };
}

/** A catalog object of its own (the lists are kept per catalog object), same talks. */
const copy = (catalog: Catalog): Catalog => ({ ...catalog });
/** `core` over a fresh copy of its catalog: the server sees a reload. */
const reloaded = (core: Core): Core => ({ ...core, catalog: copy(core.catalog) });

async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 1));
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => x.toFixed(1);

async function main(): Promise<void> {
  const dirs = (process.env.CATALOG_DIRS ?? "").split(",").filter(Boolean);
  const catalog = dirs.length ? loadCatalog(undefined, dirs) : benchCatalog();
  const first = createLibrary({ catalog, timeZone: "UTC" }).current();
  let current = first;
  const library: Library = {
    current: () => current,
    replace: () => current,
    replaceInSlices: async () => current,
  };
  const web = await startOursOver(library);
  const rows: Record<string, number[]> = {
    once: [],
    slicedLongest: [],
    slicedWall: [],
    slicedTurns: [],
    serverLongest: [],
    preparedLongest: [],
    preparedWall: [],
  };
  /** Per round, the time of each step of a build with a turn after every step. */
  const steps: number[][] = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const whole = copy(catalog);
      const started = performance.now();
      catalogIndex(whole);
      rows.once!.push(performance.now() - started);

      const sliced = copy(catalog);
      const watch = probe();
      const slicedStarted = performance.now();
      await catalogIndexInSlices(sliced);
      rows.slicedWall!.push(performance.now() - slicedStarted);
      const { longestMs, turns } = watch.stop();
      rows.slicedLongest!.push(longestMs);
      rows.slicedTurns!.push(turns);

      const stepped = copy(catalog);
      const stepWatch = probe();
      await catalogIndexInSlices(stepped, 0);
      steps.push(stepWatch.stop().gaps);

      // The server notices the swap within its poll (250 ms) and builds in slices.
      const next = reloaded(first);
      const serverWatch = probe();
      const swapped = performance.now();
      current = next;
      await waitUntil(() => hasCatalogIndex(next.catalog));
      rows.serverLongest!.push(serverWatch.stop().longestMs);
      // The server swaps in a callback of the build: a turn later its pages are preparing.
      const preparedWatch = probe();
      await new Promise((resolve) => setImmediate(resolve));
      await web.talkPagesPrepared();
      rows.preparedLongest!.push(preparedWatch.stop().longestMs);
      rows.preparedWall!.push(performance.now() - swapped);
    }
  } finally {
    await web.close();
  }
  console.log(
    `bench:web --reload — ${catalog.talks.length} talks (${dirs.length ? `CATALOG_DIRS=${dirs.join(",")}` : "synthetic"}), ${ROUNDS} rounds, medians, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log("| the public pages' lists after a reload | ms |\n|---|---|");
  console.log(`| at once (before): the event loop held for | ${ms(median(rows.once!))} |`);
  console.log(
    `| in slices: longest without an event-loop turn | ${ms(median(rows.slicedLongest!))} |`,
  );
  console.log(
    `| in slices: wall time (${median(rows.slicedTurns!)} turns) | ${ms(median(rows.slicedWall!))} |`,
  );
  // On a loaded machine a step may wait for a core: the least of the rounds is its cost.
  const count = Math.min(...steps.map((g) => g.length));
  const step = Array.from({ length: count }, (_, i) => Math.min(...steps.map((g) => g[i]!)));
  console.log(
    `| one step at a time (${count} steps): the longest step (least of the rounds) | ${ms(Math.max(...step))} |`,
  );
  console.log(
    `| through the server: longest without a turn, swap to serving | ${ms(median(rows.serverLongest!))} |`,
  );
  console.log(
    `| through the server: longest without a turn, serving to its talk pages prepared | ${ms(median(rows.preparedLongest!))} |`,
  );
  console.log(
    `| through the server: wall time, swap to its talk pages prepared | ${ms(median(rows.preparedWall!))} |`,
  );
  console.log(`\nrounds: ${JSON.stringify(rows, (_k, v) => (typeof v === "number" ? +ms(v) : v))}`);
}

await main();
