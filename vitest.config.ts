import { defineConfig } from "vitest/config";

/** Settings both suites share; the soak suite (vitest.soak.config.ts) changes only what it runs. */
export const shared = {
  globalSetup: ["test/global-setup.ts"],
  // Copies every in-process log line to the run's log sink (see test/global-setup.ts).
  setupFiles: ["test/support/log-tap.ts"],
  testTimeout: 20_000,
  hookTimeout: 30_000,
  // Adapter tests bind loopback ports and spawn processes; keep the 2-core machine calm.
  maxWorkers: 2,
};

export default defineConfig({
  test: {
    ...shared,
    setupFiles: [...shared.setupFiles, "test/support/shared-worker.ts"],
    include: ["test/**/*.test.ts"],
    // Long soak, process-spawning and bench suites: `npm run test:soak` (CI runs both).
    exclude: ["test/soak/**", "**/node_modules/**"],
    // Two worker processes, each running many test files: a file then costs its tests, not a
    // fresh import of Bolt, matrix-bot-sdk and src/ (about 0.5 s of CPU each; with isolation
    // on, most of the suite's CPU). Every test builds its own bot, stores and fakes; the one
    // thing a file could leave behind, fake timers, is checked by shared-worker.ts. Forks
    // rather than threads: less CPU here, and each worker keeps its own event loop and libuv
    // pool (the suite's file stores fsync a lot).
    pool: "forks",
    isolate: false,
  },
});
