import { defineConfig } from "vitest/config";
import { shared } from "./vitest.config.ts";

// The long suites: the 50-kill daily-post soak, the 30-second homeserver outage, and the
// bot started end to end as `npm start` runs it.
export default defineConfig({
  test: { ...shared, include: ["test/soak/**/*.test.ts"], testTimeout: 300_000 },
});
