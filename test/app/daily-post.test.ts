// The talk of the day as start.ts wires it: the subscription commands wait on `built`,
// which settles with null when there is no daily post (console mode) and with the one
// talk of the day once the chat bot builds it.
import { describe, expect, it } from "vitest";
import { createDailyPost } from "../../src/app/daily-post.ts";
import { loadConfig } from "../../src/config.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import { createMetrics } from "../../src/http/metrics.ts";
import { createMemoryStore } from "../../src/persist/memory-store.ts";
import { captureLogger } from "../support/totd-helpers.ts";

function dailyPost() {
  const { logger } = captureLogger();
  return createDailyPost({
    config: loadConfig({}, false),
    state: createMemoryStore(),
    library: createLibrary({ catalog: loadCatalog(), timeZone: "UTC" }),
    linked: (card) => card,
    watches: () => null,
    metrics: createMetrics(),
    options: { logger },
  });
}

describe("daily post wiring", () => {
  it("settles with null when there will be no talk of the day", async () => {
    const daily = dailyPost();
    daily.none();
    expect(await daily.built).toBeNull();
  });

  it("settles with the talk of the day the chat bot built", async () => {
    const daily = dailyPost();
    const totd = daily.talkOfTheDay({});
    expect(await daily.built).toBe(totd);
    await totd.stop();
  });
});
