// Long builds (the search index over a whole catalog) are written once, as generators that
// yield at points where stopping is safe (between talks, between chunks of a list). Start-up
// and tests run them to the end at once; a reload runs them in slices of a few
// milliseconds and gives the event loop a turn between slices, so answers keep flowing
// while the next catalog's index is built. One generator for both ways means the sliced
// build cannot drift from the synchronous one.

/**
 * How long one slice may keep the event loop, in ms. A question that arrives during a
 * slice waits for it to end: kept about as long as an answer itself takes (p99 2–4 ms at
 * 10,000 talks). bench/import/reload.ts on a quiet machine: 4 ms slices gave a p99 during
 * a reload of 4.0× idle, 2 ms slices 2.3×, with the reload no slower (0.6 s).
 */
export const SLICE_MS = 2;

/** Runs `steps` to the end at once and returns what it builds. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Gives every other task queued on the event loop (timers, I/O) a turn. */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `steps` in slices of about `sliceMs` each, with an event-loop turn between two
 * slices. A step longer than the slice still runs whole: a generator yields only where it
 * is safe to stop.
 */
export async function runStepsInSlices<T>(
  steps: Generator<void, T>,
  sliceMs: number = SLICE_MS,
): Promise<T> {
  let sliceEnds = performance.now() + sliceMs;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() >= sliceEnds) {
      await turn();
      sliceEnds = performance.now() + sliceMs;
    }
  }
}
