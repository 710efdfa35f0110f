// When a source is fetched next: its interval after the last attempt (15 minutes while its
// conference runs), shortened by a jitter so many sources and replicas do not fetch in step,
// and after failures an exponential backoff capped at the interval (or the wait the server
// named). Pure: the syncer and its tests share it.
import { createHash } from "node:crypto";
import { backoffDelay } from "../core/retry.ts";
import { parseInterval } from "./duration.ts";
import type { SourceState } from "./source-state.ts";
import { DEFAULT_EVERY, type SourceEntry } from "./sources-file.ts";

const RUNNING_EVERY_MS = 15 * 60_000;
/** The first retry after a failure; doubles up to the interval. */
const FAILURE_BACKOFF = Object.freeze({ initialMs: 60_000 });
/**
 * Up to 10 % of the interval, only ever sooner: a change is picked up at most one interval
 * after it happened (the alert latency the watches promise), never later.
 */
const JITTER = 0.1;

function intervalOf(entry: SourceEntry, running: boolean): number {
  const every = parseInterval(entry.every ?? DEFAULT_EVERY);
  const ms = typeof every === "number" ? every : 6 * 3_600_000;
  return running ? Math.min(ms, RUNNING_EVERY_MS) : ms;
}

/** A number in [0, 1) fixed by the source and the attempt: the same after a restart. */
function unitHash(key: string, attempt: number): number {
  return createHash("sha256").update(`${key}@${attempt}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Milliseconds since the epoch at which `entry` is due; 0 when it was never fetched.
 * `everyMs` replaces the source's own interval (bench:sources times alerts over seconds).
 */
export function nextDue(
  entry: SourceEntry,
  state: SourceState,
  running: boolean,
  retryAfterMs: number | null = null,
  everyMs: number = intervalOf(entry, running),
): number {
  if (state.lastAttempt === undefined) return 0;
  const every = everyMs;
  const spread = unitHash(entry.url, state.lastAttempt);
  if (state.failures > 0) {
    const backoff = { initialMs: FAILURE_BACKOFF.initialMs, maxMs: every };
    const wait = backoffDelay(state.failures - 1, backoff, () => spread);
    return state.lastAttempt + Math.max(wait, Math.min(retryAfterMs ?? 0, every));
  }
  return state.lastAttempt + Math.floor(every * (1 - JITTER * spread));
}
