// When the state store cannot take an event's claim, the delivery is answered anyway
// (answering twice beats never answering), unless the answer of another delivery, one
// that did get a claim, is already in Slack: CI's claims soak once answered an event twice
// so. Real Bolt apps on real signed requests, one fake Slack.
import { afterEach, expect, it, vi } from "vitest";
import { EVENTS_NAMESPACE } from "../../../src/adapters/slack/event-claims.ts";
import { type KeyValue, type StateStore, StateStoreError } from "../../../src/core/state-store.ts";
import { createMemoryStore, type MemoryDisk } from "../../../src/persist/memory-store.ts";
import { type Harness, startHarness } from "../../support/slack-harness.ts";

const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

/** A store whose event claims always fail, as a database gone away does. */
function failingClaims(disk: MemoryDisk): StateStore {
  const inner = createMemoryStore({ disk });
  return {
    async open<T>(name: string, validate: (raw: unknown) => T | undefined) {
      const ns = await inner.open(name, validate);
      if (name !== EVENTS_NAMESPACE) return ns;
      const fail = async (): Promise<never> => {
        throw new StateStoreError(name, "database unreachable", { store: "postgres" });
      };
      const failing: KeyValue<T> = { ...ns, putIfAbsent: fail, get: fail, put: fail };
      return failing;
    },
  };
}

const mention = (eventId: string, ts: string) => ({ eventId, ts, text: "<@UBOT0001> numa" });

it("answers an event whose claim cannot be stored, once", async () => {
  const h = await startHarness({ start: true, state: failingClaims(new Map()) });
  harnesses.push(h);
  expect((await h.mention(mention("Ev0NOCLAIM1", "1700000400.000100"))).status).toBe(200);
  await h.fake.waitFor((calls) => calls.some((c) => c.body.thread_ts === "1700000400.000100"));
  expect(h.logText()).toContain("slack event claims unavailable; answering");
  expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
});

it("does not answer again without a claim what another delivery answered with one", async () => {
  const claimed = await startHarness({
    start: true,
    state: createMemoryStore({ disk: new Map() }),
  });
  harnesses.push(claimed);
  const unclaimed = await startHarness({
    start: true,
    fake: claimed.fake,
    state: failingClaims(new Map()),
  });
  harnesses.push(unclaimed);
  const event = mention("Ev0NOCLAIM2", "1700000400.000200");
  expect((await claimed.mention(event)).status).toBe(200);
  await claimed.fake.waitFor((calls) => calls.some((c) => c.body.thread_ts === event.ts));
  // Slack's re-delivery reaches the replica whose database is away.
  expect((await unclaimed.mention({ ...event, retryNum: 1 })).status).toBe(200);
  await vi.waitFor(() =>
    expect(unclaimed.logText()).toContain("slack event without a claim had been answered"),
  );
  expect(claimed.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
});
