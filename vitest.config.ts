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
    include: ["test/**/*.test.ts"],
    // Long soak and process-spawning suites: `npm run test:soak` (CI runs both).
    exclude: ["test/soak/**", "**/node_modules/**"],
  },
});
