// Load-generation plumbing for bench:bot (bench/bot/main.ts): a closed-loop runner (N clients, each sending its
// next request when the previous one is answered), a registry that turns "the fake recorded
// the reply" into an awaitable arrival time, and the percentile/throughput summary.
import { performance } from "node:perf_hooks";
import { percentile, round } from "../shared/stats.ts";

/** One request's outcome: latency to the reply's arrival at the fake, or why it failed. */
export type Sample =
  | {
      readonly ok: true;
      readonly latencyMs: number;
      /** Slack: request sent → HTTP ack read. */
      readonly ackMs?: number;
      /** Slack: where the answer came from. */
      readonly via?: "ack" | "response_url";
      /** Size of the answer as sent (for comparing what two bots send). */
      readonly bytes?: number;
    }
  | { readonly ok: false; readonly error: string };

export interface LevelRun {
  readonly concurrency: number;
  /** Requests the level was to send. */
  readonly planned: number;
  readonly samples: readonly Sample[];
  /** First send to last completion. */
  readonly durationMs: number;
  /** Requests never sent because the level ran past its deadline. */
  readonly unsent: number;
}

export interface LoopOptions {
  readonly concurrency: number;
  readonly count: number;
  /** No new request starts after this long; the rest count as errors ("unsent"). */
  readonly deadlineMs: number;
}

/**
 * Runs `count` requests over `concurrency` clients; a client starts its next request only
 * when its previous one has completed (answered, failed or timed out). `one` gets a global
 * request index (unique within the level) and the client number.
 */
export async function runClosedLoop(
  options: LoopOptions,
  one: (index: number, client: number) => Promise<Sample>,
): Promise<LevelRun> {
  const samples: Sample[] = [];
  let next = 0;
  const start = performance.now();
  const client = async (c: number): Promise<void> => {
    while (next < options.count && performance.now() - start < options.deadlineMs) {
      const index = next++;
      try {
        samples.push(await one(index, c));
      } catch (error) {
        samples.push({ ok: false, error: `bench error: ${(error as Error).message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, c) => client(c)));
  return {
    concurrency: options.concurrency,
    planned: options.count,
    samples,
    durationMs: performance.now() - start,
    unsent: options.count - next,
  };
}

interface Arrival<T> {
  /** performance.now() when the fake recorded it. */
  readonly at: number;
  readonly value: T;
}

interface Waiter<T> {
  readonly resolve: (arrival: Arrival<T> | null) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Replies keyed by what they answer (a response_url id, an event id). `expect` is
 * registered before the request goes out; `arrive` is called from the fake's recording
 * path, so `at` is when the reply reached the fake, not when the bench got round to it.
 */
export class Arrivals<T> {
  readonly #waiting = new Map<string, Waiter<T>>();
  readonly #early = new Map<string, Arrival<T>>();
  readonly #finished = new Set<string>();
  /** Replies for a request that had already been answered (or timed out). */
  late = 0;
  duplicates = 0;

  expect(key: string, timeoutMs: number): Promise<Arrival<T> | null> {
    const early = this.#early.get(key);
    if (early) {
      this.#early.delete(key);
      this.#finished.add(key);
      return Promise.resolve(early);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(key);
        this.#finished.add(key);
        resolve(null);
      }, timeoutMs);
      this.#waiting.set(key, { resolve, timer });
    });
  }

  arrive(key: string, value: T, at: number = performance.now()): void {
    const waiter = this.#waiting.get(key);
    if (waiter) {
      clearTimeout(waiter.timer);
      this.#waiting.delete(key);
      this.#finished.add(key);
      waiter.resolve({ at, value });
    } else if (this.#finished.has(key)) {
      this.late++;
    } else if (this.#early.has(key)) {
      this.duplicates++;
    } else {
      this.#early.set(key, { at, value });
    }
  }

  /** Gives up on a key (its request failed before any reply could come). */
  cancel(key: string): void {
    const waiter = this.#waiting.get(key);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.#waiting.delete(key);
    this.#finished.add(key);
    waiter.resolve(null);
  }
}

/** The figures of one level, as they appear in the final JSON line. */
export interface Figures {
  readonly p50_ms: number | null;
  readonly p95_ms: number | null;
  readonly p99_ms: number | null;
  readonly rps: number;
  readonly errors: number;
}

const roundOrNull = (n: number | null): number | null => (n === null ? null : round(n));

/**
 * Percentiles over the answered requests; rps = answered requests per second of the
 * level's wall time; errors = failed + timed-out + never-sent requests.
 */
export function figures(run: LevelRun): Figures {
  const latencies = run.samples.flatMap((s) => (s.ok ? [s.latencyMs] : [])).sort((a, b) => a - b);
  const failed = run.samples.length - latencies.length;
  return {
    p50_ms: roundOrNull(percentile(latencies, 50)),
    p95_ms: roundOrNull(percentile(latencies, 95)),
    p99_ms: roundOrNull(percentile(latencies, 99)),
    rps: run.durationMs > 0 ? round(latencies.length / (run.durationMs / 1000), 1) : 0,
    errors: failed + run.unsent,
  };
}

/** "no response within 5 s ×3, ack 503 ×1": what went wrong in a level. */
export function errorBreakdown(run: LevelRun): string {
  const counts = new Map<string, number>();
  for (const s of run.samples) if (!s.ok) counts.set(s.error, (counts.get(s.error) ?? 0) + 1);
  if (run.unsent > 0) counts.set("not sent (level deadline)", run.unsent);
  return [...counts].map(([k, v]) => `${k} ×${v}`).join(", ");
}
