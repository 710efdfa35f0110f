import { defineConfig } from "vitest/config";
import { shared } from "./vitest.config.ts";

// The long and process-spawning suites: the 50-kill daily-post soak, the 30-second
// homeserver outage, the bot started end to end as `npm start` runs it, src/main.ts and
// the CLI as processes. The default suite covers the same code in-process.
export default defineConfig({
  test: { ...shared, include: ["test/soak/**/*.test.ts"], testTimeout: 300_000 },
});
