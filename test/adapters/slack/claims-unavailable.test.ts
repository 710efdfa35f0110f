// When the state store cannot take an event's claim, the delivery is answered anyway
// (answering twice beats never answering), unless the answer of another delivery, one
// that did get a claim, is already in Slack: CI's claims soak once answered an event twice
// so. Two deliveries without a claim that both post settle it after the fact: the later
// answer is deleted (unclaimed-answers.ts). Real Bolt apps on real signed requests, one fake Slack.
import { afterEach, expect, it, vi } from "vitest";
import type { ChannelMessage } from "../../../bench/shared/fakes/slack-web-api.ts";
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

/** Answers withdrawn as second answers, by reason, as /metrics counts them (both replicas). */
let counted: string[] = [];
afterEach(() => {
  counted = [];
});
const adapter = { onAnswerWithdrawn: (reason: string) => void counted.push(reason) };

/** Two replicas on one fake Slack, each with its own state store, stopped after the test. */
async function twoReplicas(first: StateStore, second: StateStore): Promise<[Harness, Harness]> {
  const a = await startHarness({ start: true, state: first, adapter });
  harnesses.push(a);
  const b = await startHarness({ start: true, fake: a.fake, state: second, adapter });
  harnesses.push(b);
  return [a, b];
}

const claiming = () => createMemoryStore({ disk: new Map() });

it("does not answer again without a claim what another delivery answered with one", async () => {
  const [claimed, unclaimed] = await twoReplicas(claiming(), failingClaims(new Map()));
  const event = mention("Ev0NOCLAIM2", "1700000400.000200");
  expect((await claimed.mention(event)).status).toBe(200);
  await claimed.fake.waitFor((calls) => calls.some((c) => c.body.thread_ts === event.ts));
  // Slack's re-delivery reaches the replica whose database is away.
  expect((await unclaimed.mention({ ...event, retryNum: 1 })).status).toBe(200);
  await vi.waitFor(() =>
    expect(unclaimed.logText()).toContain("slack event had been answered by another delivery"),
  );
  expect(claimed.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
});

it("a re-delivery that wins the claim does not answer again what was answered without one", async () => {
  const [unclaimed, claimed] = await twoReplicas(failingClaims(new Map()), claiming());
  const event = mention("Ev0NOCLAIM4", "1700000400.000400");
  expect((await unclaimed.mention(event)).status).toBe(200);
  await unclaimed.fake.waitFor((calls) => calls.some((c) => c.body.thread_ts === event.ts));
  // The database is back for the replica that gets Slack's re-delivery: it wins the claim.
  expect((await claimed.mention({ ...event, retryNum: 1 })).status).toBe(200);
  await vi.waitFor(() =>
    expect(claimed.logText()).toContain("slack event had been answered by another delivery"),
  );
  expect(
    claimed.fake.callsTo("chat.postMessage", { all: true }).map((c) => c.body.metadata),
  ).toEqual([
    {
      event_type: "virt_talks_answer",
      event_payload: { event_id: "Ev0NOCLAIM4", unclaimed: "true" },
    },
  ]);
});

/**
 * Two replicas whose claims fail, given one event at once; both look for an answer before
 * either posts (the race CI's soak met): the first two reads of `look` are answered only
 * once both have been asked. Returns the fake and both replicas' logs.
 */
async function bothUnclaimed(look: string, deliver: (h: Harness) => Promise<{ status: number }>) {
  const [first, second] = await twoReplicas(failingClaims(new Map()), failingClaims(new Map()));
  const { fake } = first;
  let looks = 0;
  let bothLooked: () => void = () => {};
  const barrier = new Promise<void>((resolve) => {
    bothLooked = resolve;
  });
  fake.hooks = {
    async before(call) {
      if (call.method !== look || ++looks > 2) return;
      if (looks === 2) bothLooked();
      // Never held for good: a replica that does not look lets the test fail, not hang.
      await Promise.race([barrier, new Promise((r) => setTimeout(r, 5_000))]);
    },
  };
  const statuses = await Promise.all([deliver(first), deliver(second)]);
  expect(statuses.map((r) => r.status)).toEqual([200, 200]);
  // The log line comes after the delete's answer, which comes after the fake records it.
  const logs = () => first.logText() + second.logText();
  await vi.waitFor(
    () =>
      expect(logs()).toContain(
        "slack event answered twice without a claim; this later answer withdrawn",
      ),
    { timeout: 10_000 },
  );
  return fake;
}

/** What is left of the answers, and which was withdrawn (the later one). */
function outcome(fake: Harness["fake"], left: readonly ChannelMessage[]) {
  const withdrawn = fake.callsTo("chat.delete").map((c) => String(c.body.ts));
  return {
    posts: fake.callsTo("chat.postMessage").length,
    left: left.map((m) => m.metadata),
    withdrawnLater: withdrawn.map((ts) => compareTs(ts, left[0]!.ts) > 0),
  };
}

it("two replicas without a claim, given a mention at once, leave one answer: the later is withdrawn", async () => {
  const event = mention("Ev0NOCLAIM3", "1700000400.000300");
  const fake = await bothUnclaimed("conversations.replies", (h) => h.mention(event));
  const left = fake.messagesIn("C0CHAN001").filter((m) => m.thread_ts === event.ts);
  expect({ ...outcome(fake, left), counted }).toEqual({
    posts: 2,
    left: [
      {
        event_type: "virt_talks_answer",
        event_payload: { event_id: "Ev0NOCLAIM3", unclaimed: "true" },
      },
    ],
    withdrawnLater: [true],
    counted: ["earlier"],
  });
});

it("the same for a direct message, answered in the DM", async () => {
  const fake = await bothUnclaimed("conversations.history", (h) =>
    h.message({
      eventId: "Ev0NOCLAIM5",
      ts: "1700000400.000500",
      text: "numa",
      userId: "U0USER001",
    }),
  );
  expect({ ...outcome(fake, fake.messagesIn("D0DM00001")), counted }).toEqual({
    posts: 2,
    left: [
      {
        event_type: "virt_talks_answer",
        event_payload: { event_id: "Ev0NOCLAIM5", unclaimed: "true" },
      },
    ],
    withdrawnLater: [true],
    counted: ["earlier"],
  });
});
