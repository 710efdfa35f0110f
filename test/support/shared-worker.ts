// A vitest setup file for the default suite, which runs test files one after another in
// the same worker (isolate: false): whatever a file changes in the worker outlives it, so a
// file that leaves fake timers on fails here, instead of stalling the next file on a clock
// that never moves.
import { afterAll, vi } from "vitest";

afterAll(() => {
  if (!vi.isFakeTimers()) return;
  vi.useRealTimers();
  throw new Error("this test file left fake timers on: call vi.useRealTimers() in afterEach");
});
