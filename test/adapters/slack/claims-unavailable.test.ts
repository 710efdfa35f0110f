// When the state store cannot take an event's claim, the delivery is answered anyway
// (answering twice beats never answering), unless the answer of another delivery, one
// that did get a claim, is already in Slack: CI's claims soak once answered an event twice
// so. Two deliveries without a claim that both post settle it after the fact: the later
// answer is deleted (unclaimed-answers.ts). Real Bolt apps on real signed requests, one fake Slack.
import { afterEach, expect, it, vi } from "vitest";
import { EVENTS_NAMESPACE } from "../../../src/adapters/slack/event-claims.ts";
import { compareTs } from "../../../src/adapters/slack/find-answer.ts";
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

it("two replicas without a claim, given the event at once, leave one answer: the later is withdrawn", async () => {
  const first = await startHarness({ start: true, state: failingClaims(new Map()) });
  harnesses.push(first);
  const second = await startHarness({
    start: true,
    fake: first.fake,
    state: failingClaims(new Map()),
  });
  harnesses.push(second);
  const { fake } = first;
  // Both look for an answer before either posts (the race CI's soak met): the first two
  // reads of the thread are answered only once both have been asked.
  let looks = 0;
  let bothLooked: () => void = () => {};
  const barrier = new Promise<void>((resolve) => {
    bothLooked = resolve;
  });
  fake.hooks = {
    async before(call) {
      if (call.method !== "conversations.replies" || ++looks > 2) return;
      if (looks === 2) bothLooked();
      await barrier;
    },
  };
  const event = mention("Ev0NOCLAIM3", "1700000400.000300");
  const statuses = await Promise.all([first.mention(event), second.mention(event)]);
  expect(statuses.map((r) => r.status)).toEqual([200, 200]);
  await vi.waitFor(() => expect(fake.callsTo("chat.delete")).toHaveLength(1), { timeout: 10_000 });
  const posts = fake.callsTo("chat.postMessage");
  const answers = fake.messagesIn("C0CHAN001").filter((m) => m.thread_ts === event.ts);
  expect({
    posts: posts.length,
    left: answers.map((m) => m.metadata),
    withdrawn: fake.callsTo("chat.delete").map((c) => c.body.ts),
  }).toEqual({
    posts: 2,
    left: [
      {
        event_type: "virt_talks_answer",
        event_payload: { event_id: "Ev0NOCLAIM3", unclaimed: "true" },
      },
    ],
    withdrawn: [expect.any(String)],
  });
  // The one withdrawn was posted after the one left.
  const withdrawn = String(fake.callsTo("chat.delete")[0]!.body.ts);
  expect(compareTs(withdrawn, answers[0]!.ts)).toBeGreaterThan(0);
  expect(first.logText() + second.logText()).toContain(
    "slack event answered twice without a claim; this later answer withdrawn",
  );
});
