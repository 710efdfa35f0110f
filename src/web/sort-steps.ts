// A stable sort written as steps (src/core/slices.ts), for the public pages' lists after a
// reload: one Array.prototype.sort of 10,000 talks by a comparator is one block of several
// ms, and grows n log n with the catalog. This sorts runs of RUN items with the built-in
// sort (a fraction of a ms each), then merges them pairwise, yielding every STEP items
// moved, so no step holds the event loop for long. Same order as Array.prototype.sort
// (both are stable).

/** Items sorted by the built-in sort in one step (~0.1 ms at 512 items). */
const RUN = 512;
/** Items moved between two yields while merging. */
const STEP = 4_096;

/** `items` sorted by `compare` (negative: a first), stably, as steps; `items` is not changed. */
export function* sortSteps<T>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
): Generator<void, T[]> {
  const n = items.length;
  let from = items.slice();
  for (let lo = 0; lo < n; lo += RUN) {
    const run = from.slice(lo, lo + RUN).sort(compare);
    for (let k = 0; k < run.length; k++) from[lo + k] = run[k]!;
    yield;
  }
  let to = items.slice();
  let moved = 0;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      for (let k = lo; k < hi; k++) {
        // The right run's item goes first only when strictly before: equal items keep
        // their order (stable).
        if (j < hi && (i >= mid || compare(from[j]!, from[i]!) < 0)) to[k] = from[j++]!;
        else to[k] = from[i++]!;
        if (++moved === STEP) {
          moved = 0;
          yield;
        }
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
