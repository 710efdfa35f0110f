// A vitest setup file for the default suite, which runs test files one after another in
// the same worker (isolate: false): whatever a file changes in the worker outlives it, so a
// file that leaves fake timers on fails here, instead of stalling the next file on a clock
// that never moves; and so does a file that leaves another catalog in a shared library,
// instead of changing what the next file's searches find.
import { afterAll, vi } from "vitest";
import { changedLibraries } from "./shared-libraries.ts";

afterAll(() => {
  const changed = changedLibraries();
  if (changed.length === 0) return;
  throw new Error(
    `this test file left another catalog in ${changed.join(" and ")}: put the built one back in afterAll`,
  );
});

afterAll(() => {
  if (!vi.isFakeTimers()) return;
  vi.useRealTimers();
  throw new Error("this test file left fake timers on: call vi.useRealTimers() in afterEach");
});
