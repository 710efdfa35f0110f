import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Copies every in-process log line to the run's log sink (see test/global-setup.ts).
    setupFiles: ["test/support/log-tap.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Adapter tests bind loopback ports and spawn processes; keep the 2-core machine calm.
    maxWorkers: 2,
  },
});
