// Measuring helpers for bench:search: memory once garbage is gone, percentiles, rounding.
// Apart from search.ts so that its percentile rule, which decides what p99 means, is tested.

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** The JS heap plus typed arrays' buffers, which live outside it (our posting lists do). */
function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Memory in use once garbage is gone. V8 frees dead typed arrays' buffers on a background
 * thread after a GC, so right after gc() the build's scratch buffers still count: collect
 * and wait until the figure stops falling.
 */
export async function settledBytes(): Promise<number> {
  let last = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 40; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 25));
    const now = heapBytes();
    if (now > last - 2 ** 16) return now;
    last = now;
  }
  return last;
}

/**
 * The p-th percentile of ascending `sorted` by nearest rank: of 100 times p99 is the 99th.
 * (floor(p% of n), used before, made it the slowest of 100: one pause decided it.)
 */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/**
 * The highest of the queries' own p99s, each over that query's times in every round
 * (`rounds[r][j]`: query j's times in round r): three rounds' 100 runs give a p99 that one
 * stray pause cannot set alone, where one round's 100 made it the query's slowest run.
 */
export function worstP99(rounds: readonly (readonly (readonly number[])[])[]): number {
  const queries = rounds[0]?.length ?? 0;
  let worst = 0;
  for (let j = 0; j < queries; j++) {
    const times = rounds.flatMap((r) => r[j]!).sort((a, b) => a - b);
    if (times.length) worst = Math.max(worst, percentile(times, 99));
  }
  return worst;
}

export const round3 = (n: number) => Math.round(n * 1000) / 1000;
export const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
