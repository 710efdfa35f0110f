// /healthz after a restart with a saved sync token: "up" as soon as the homeserver has
// answered the first /sync, not when its long-poll ends. The long-poll here is the default
// 30 s (the fake holds an empty /sync that long), so a bot that long-polled first would still
// say "starting" when Harness.start() gives up waiting after 5 s.
import { afterEach, describe, expect, it } from "vitest";
import { SYNC_DEFAULTS } from "../../../src/adapters/matrix/sync-loop.ts";
import { FAST, Harness } from "../../support/matrix-harness.ts";

const LONG_POLL = { sync: { ...FAST.sync, timeoutMs: SYNC_DEFAULTS.timeoutMs } };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The `timeout` of every /sync the bot made since `from`, in order. */
const syncTimeouts = (harness: Harness, from: number) =>
  harness.hs.requests
    .slice(from)
    .filter((r) => r.path.endsWith("/sync"))
    .map((r) => Number(new URLSearchParams(r.query).get("timeout")));

describe("health after a restart with a saved sync token", () => {
  it("is up once the first /sync returns, which does not long-poll", async () => {
    h = await Harness.create({ adapter: LONG_POLL });
    await h.start();
    await h.committed();
    const before = h.hs.requests.length;
    await h.restart(LONG_POLL);
    expect(h.adapter.health()).toEqual({ state: "up" });
    // The catch-up sync, then the long-poll that is still waiting.
    await h.hs.until(() => syncTimeouts(h!, before).length >= 2, "the long-poll");
    expect(syncTimeouts(h, before)).toEqual([0, 30_000]);
  });
});
