// Issue #7's soak: 50+ SIGKILLs at random points of the daily post (npm run test:soak).
import { defineKillScenario } from "../support/totd-kill-scenario.ts";

defineKillScenario({ file: "test/soak/totd-kill.test.ts", minKills: 50, timeoutMs: 300_000 });
