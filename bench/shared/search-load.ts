// Searches flowing while something else runs (a reload, a source's sync), as a steady load:
// one question arrives every few ms whatever happens, and each is timed from its arrival
// to its answer. When the event loop is blocked, every question that arrives meanwhile
// waits (as messages from Slack and Matrix would), so a 500 ms block costs ~250 slow
// answers, not one: a load that waited for each answer before asking the next would
// hide the very stalls this measures. bench/import/reload.ts and bench/sources/ both
// measure answers this way.
import { performance } from "node:perf_hooks";
import { parseCommand } from "../../src/core/grammar.ts";
import type { Library } from "../../src/core/library.ts";

/** Each finds talks in the bench catalogs (bench/import/import-schedule.ts). */
const QUERIES = ["numa", "vfio", "live migration", "post-copy migration", "hugepages balloon"];
/** One question every 2 ms unless told: 500 a second, far above a chat bot's real load. */
const EVERY_MS = 2;

export interface Load {
  /** Arrival → answer of every answered question, ms, ascending. */
  readonly times: number[];
  /** Questions that arrived while `during` ran. */
  readonly issued: number;
  /** Questions answered with at least one talk (a lost one: issued − answered). */
  readonly answered: number;
}

/** The steady load's questions and answers while `during` runs. */
export async function answersDuring(
  library: Library,
  during: () => Promise<unknown>,
  everyMs: number = EVERY_MS,
): Promise<Load> {
  const times: number[] = [];
  let issued = 0;
  let answered = 0;
  let stoppedAt: number | null = null;
  const loop = async () => {
    let due = performance.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      // Every question that arrived by now (or by the end) is answered, oldest first.
      const until = stoppedAt ?? performance.now();
      for (; due <= until; due += everyMs) {
        issued++;
        const c = parseCommand(QUERIES[issued % QUERIES.length]!);
        if (c.kind !== "search") continue;
        try {
          if (library.current().engine.search(c.request, 5).hits.length > 0) answered++;
        } catch {
          // counted as lost
        }
        times.push(performance.now() - due);
      }
      if (stoppedAt !== null) return;
    }
  };
  const running = loop();
  await during();
  stoppedAt = performance.now();
  await running;
  return { times: times.sort((a, b) => a - b), issued, answered };
}

/** Latencies (ms, ascending) of the searches that arrived while `during` ran. */
export async function searchesDuring(
  library: Library,
  during: () => Promise<unknown>,
): Promise<number[]> {
  return (await answersDuring(library, during)).times;
}
