import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.ts";
import { type ChangeBroadcast, startSubscriptionSync } from "../../src/totd/subscription-sync.ts";
import type { Subscriptions } from "../../src/totd/subscriptions.ts";

describe("subscription sync", () => {
  it("reads once when its listener is up: a change announced before then is not missed", async () => {
    const reads: number[] = [];
    let listening!: () => void;
    const broadcast: ChangeBroadcast = {
      announce: async () => {},
      // The database connection for LISTEN takes a while; another replica announces meanwhile.
      listen: () => new Promise<void>((up) => (listening = up)),
      close: async () => {},
    };
    const subscriptions = { reread: async () => void reads.push(Date.now()) };
    const sync = startSubscriptionSync({
      subscriptions: async () => subscriptions as unknown as Subscriptions,
      broadcast,
      everyMs: 3_600_000,
      logger: createLogger({ level: "silent", pretty: false }),
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(reads).toHaveLength(0);
    listening();
    await new Promise((r) => setTimeout(r, 20));
    expect(reads).toHaveLength(1);
    await sync.stop();
  });
});
