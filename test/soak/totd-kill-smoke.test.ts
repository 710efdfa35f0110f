// The daily-post kill scenario in small (a few SIGKILLs): a quick run of what the 50-kill
// soak (test/soak/totd-kill.test.ts) does, to try a change before the long one.
import { defineKillScenario } from "../support/totd-kill-scenario.ts";

defineKillScenario({ file: "test/soak/totd-kill-smoke.test.ts", minKills: 3, timeoutMs: 60_000 });
