// How many sends (and looks for earlier sends) the daily post makes at once. At a post
// time shared by thousands of destinations, starting every send together would open
// thousands of requests to Slack or Matrix and hold all their buffers at the same time;
// a few dozen at once keep memory flat, still finish a day's posts in seconds, and let
// their state writes go out together (the file store coalesces puts that overlap).
// A waiting delivery holds no slot: only the attempt itself does, never a backoff sleep.
// (Hand-rolled: a FIFO counter is ten lines; no dependency of ours offers one.)

/** Attempts in flight at once, unless DailyPostOptions.concurrency says otherwise. */
export const DEFAULT_CONCURRENCY = 64;

export interface Slots {
  /** Runs `work` once a slot is free (first come, first served), then frees the slot. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createSlots(size: number): Slots {
  let free = Math.max(1, size);
  // A queue read from `head` (Array#shift would copy ten thousand waiters per release).
  let waiting: Array<() => void> = [];
  let head = 0;
  return {
    async run(work) {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        // The slot passes straight to the next in line, or becomes free.
        const next = waiting[head];
        if (next) {
          waiting[head++] = noop;
          if (head === waiting.length) {
            waiting = [];
            head = 0;
          }
          next();
        } else free++;
      }
    },
  };
}

const noop = () => {};
