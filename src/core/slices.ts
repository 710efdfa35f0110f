// Long builds (the search index over a whole catalog) are written once, as generators that
// yield at points where stopping is safe (between talks, between chunks of a list). Start-up
// and tests run them to the end at once; a reload runs them in slices of a few
// milliseconds and gives the event loop a turn between slices, so answers keep flowing
// while the next catalog's index is built. One generator for both ways means the sliced
// build cannot drift from the synchronous one.

/**
 * How long one slice may keep the event loop, in ms. A question that arrives during a
 * slice waits for it to end: kept well below an answer's usual latency budget.
 */
export const SLICE_MS = 4;

/** Runs `steps` to the end at once and returns what it builds. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Gives every other task queued on the event loop (timers, I/O) a turn. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
