// The daily-post kill scenario in small (a few SIGKILLs), so the default suite still kills
// the bot mid-post; the 50-kill soak is test/soak/totd-kill.test.ts.
import { defineKillScenario } from "../support/totd-kill-scenario.ts";

defineKillScenario({ file: "test/totd/kill-smoke.test.ts", minKills: 3, timeoutMs: 60_000 });
