// The bot's schedule sources, kept in sync by themselves: one timer for the next due
// source, one sync at a time, and after a round that changed anything one call of
// `onChanged` (the catalog reload). A failing source keeps its last good talks, logs one
// line when its failure streak starts and one when it ends, and shows in status().
import type { KeyValue } from "../core/state-store.ts";
import { displaySource } from "../import/fetch-source.ts";
import type { Logger } from "../log.ts";
import { nextDue } from "./due.ts";
import { NEW_SOURCE_STATE, type SourceState, sourceKey } from "./source-state.ts";
import type { SourceEntry } from "./sources-file.ts";
import { type SyncDeps, type SyncResult, syncSource } from "./sync-source.ts";

/** The timer re-reads the sources file and conference days at least this often. */
const MAX_SLEEP_MS = 5 * 60_000;

export interface SourceChange {
  readonly source: string;
  readonly result: Extract<SyncResult, { kind: "changed" }>;
}

export interface SourceStatus {
  /** The URL without credentials. */
  readonly source: string;
  readonly state: "never" | "ok" | "failing";
  readonly lastSuccess: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly failures: number;
  readonly nextDue: string;
  /** With replicas: whether this one syncs the sources, or shows what the syncing one stored. */
  readonly syncedBy?: "this replica" | "another replica";
}

interface SyncerOptions {
  /** The sources now (the file is re-read each round, so `sources add` needs no restart). */
  readonly entries: () => readonly SourceEntry[];
  readonly store: KeyValue<SourceState>;
  readonly deps: SyncDeps;
  /** Whether any of these events is running now (refresh every 15 minutes then). */
  readonly running: (eventIds: readonly string[], now: number) => boolean;
  /** After a round that changed the catalog: reload it, tell watchers. */
  readonly onChanged: (changes: readonly SourceChange[]) => Promise<void>;
  readonly logger: Logger;
  readonly clock?: () => number;
  /**
   * One refresh interval for every source instead of their own (at least 5 minutes in
   * the sources file): bench:sources measures alert latency over a few seconds with it.
   */
  readonly intervalMs?: number;
}

export interface SourceSyncer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Syncs now (every source, or the one at `index`), whether due or not. */
  syncNow(index?: number): Promise<ReadonlyArray<{ source: string; result: SyncResult }>>;
  status(): SourceStatus[];
  /**
   * Re-reads the sources file and the stored states without fetching: a standby replica's
   * status() then shows what the syncing one recorded. Does nothing while started.
   */
  observe(): Promise<void>;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function createSourceSyncer(options: SyncerOptions): SourceSyncer {
  const log = options.logger.child({ component: "sources" });
  const clock = options.clock ?? Date.now;
  const states = new Map<string, SourceState>();
  const retryAfter = new Map<string, number | null>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let round: Promise<unknown> = Promise.resolve();
  /** A syncNow() round: it runs whether or not the timer is on. */
  let manual = false;
  /** The last readable sources file. */
  let lastEntries: readonly SourceEntry[] = [];

  const stateOf = (entry: SourceEntry) => states.get(sourceKey(entry.url)) ?? NEW_SOURCE_STATE;
  const dueOf = (entry: SourceEntry, now: number) => {
    const state = stateOf(entry);
    const running = options.running(state.eventIds, now);
    const wait = retryAfter.get(sourceKey(entry.url)) ?? null;
    return options.intervalMs === undefined
      ? nextDue(entry, state, running, wait)
      : nextDue(entry, state, running, wait, options.intervalMs);
  };

  function report(entry: SourceEntry, before: SourceState, result: SyncResult): void {
    const source = displaySource(entry.url);
    if (result.kind === "failed") {
      if (before.failures === 0)
        log.warn(
          { source, error: result.error },
          "schedule source failing: keeping its last good talks",
        );
      else
        log.debug({ source, error: result.error, failures: before.failures + 1 }, "still failing");
      return;
    }
    if (before.failures > 0)
      log.info({ source, failures: before.failures }, "schedule source recovered");
    if (result.kind === "changed")
      log.info(
        {
          source,
          added: result.added.length,
          updated: result.updated.length,
          cancelled: result.cancelled.length,
          notListed: result.notListed.length,
        },
        "schedule source changed",
      );
  }

  async function syncEntries(entries: readonly SourceEntry[]) {
    const results: { source: string; result: SyncResult }[] = [];
    const changes: SourceChange[] = [];
    for (const entry of entries) {
      // stop() ends a scheduled round between two sources; a manual sync runs to its end.
      if (stopped && !manual) break;
      const key = sourceKey(entry.url);
      const before = stateOf(entry);
      const { result, state } = await syncSource(entry, before, options.deps, clock());
      states.set(key, state);
      retryAfter.set(key, result.kind === "failed" ? result.retryAfterMs : null);
      // Logged as status() shows it: /healthz never says "failing" before the log line.
      report(entry, before, result);
      await options.store.put(key, state).catch((err: unknown) => {
        log.error({ err }, "could not record a source's state; it will be fetched again");
      });
      const source = displaySource(entry.url);
      results.push({ source, result });
      if (result.kind === "changed") changes.push({ source, result });
    }
    if (changes.length) await options.onChanged(changes);
    return results;
  }
  function currentEntries(): readonly SourceEntry[] {
    try {
      return options.entries();
    } catch (err) {
      log.error({ err }, "the sources file is invalid: keeping the sources in use");
      return lastEntries;
    }
  }
  function arm() {
    if (stopped) return;
    lastEntries = currentEntries();
    const now = clock();
    const due = lastEntries.map((e) => dueOf(e, now));
    const wait = Math.min(MAX_SLEEP_MS, ...due.map((d) => Math.max(0, d - now)));
    timer = setTimeout(tick, wait);
    timer.unref?.();
  }

  function tick() {
    timer = undefined;
    // After any round still running (a manual syncNow): two rounds never overlap.
    round = round
      .then(() => {
        const now = clock();
        const due = lastEntries.filter((e) => dueOf(e, now) <= now);
        return due.length ? syncEntries(due) : undefined;
      })
      .catch((err: unknown) => log.error({ err }, "source sync round failed"))
      .finally(arm);
  }

  return {
    async start() {
      for (const [key, state] of await options.store.entries()) states.set(key, state);
      stopped = false;
      arm();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await round;
    },
    async syncNow(index) {
      await round;
      const entries = currentEntries();
      const chosen = index === undefined ? entries : entries.slice(index, index + 1);
      manual = true;
      try {
        const work = syncEntries(chosen);
        round = work.catch(() => undefined);
        return await work;
      } finally {
        manual = false;
      }
    },
    async observe() {
      if (!stopped) return;
      const stored = await options.store.entries();
      if (!stopped) return; // started meanwhile: its own states are the newer
      lastEntries = currentEntries();
      for (const [key, state] of stored) states.set(key, state);
    },
    status() {
      const now = clock();
      return lastEntries.map((entry) => {
        const state = stateOf(entry);
        return {
          source: displaySource(entry.url),
          state: state.lastAttempt === undefined ? "never" : state.failures > 0 ? "failing" : "ok",
          lastSuccess: iso(state.lastSuccess),
          lastError: iso(state.lastErrorAt) ? (state.lastError ?? null) : null,
          lastErrorAt: iso(state.lastErrorAt),
          failures: state.failures,
          nextDue: new Date(Math.max(now, dueOf(entry, now))).toISOString(),
        };
      });
    },
  };
}
