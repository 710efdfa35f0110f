// An Events API delivery is claimed, and a copy of it stored, before Slack gets its 200:
// once acked, Slack never sends the event again, so a replica killed between the ack and
// the answer must leave the event where another replica (or this one, restarted) finds it.
// Real signed requests against the real Bolt app (test/support/slack-harness.ts); the
// state is an in-memory store whose "disk" the replicas share, as processes share a database.
import { afterEach, expect, it, vi } from "vitest";
import { mentionBody } from "../../../bench/shared/slack-signing.ts";
import { EVENTS_NAMESPACE } from "../../../src/adapters/slack/event-claims.ts";
import { PENDING_NAMESPACE } from "../../../src/adapters/slack/event-pending.ts";
import type { KeyValue, StateStore } from "../../../src/core/state-store.ts";
import { createMemoryStore, type MemoryDisk } from "../../../src/persist/memory-store.ts";
import { type Harness, startHarness } from "../../support/slack-harness.ts";

const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

/** A store whose claims wait for `gate` before they are written. */
function slowClaims(disk: MemoryDisk, gate: Promise<void>): StateStore {
  const inner = createMemoryStore({ disk });
  return {
    async open<T>(name: string, validate: (raw: unknown) => T | undefined) {
      const ns = await inner.open(name, validate);
      if (name !== EVENTS_NAMESPACE) return ns;
      const slowed: KeyValue<T> = {
        ...ns,
        get: (k) => ns.get(k),
        put: (k, v, o) => ns.put(k, v, o),
        delete: (k) => ns.delete(k),
        entries: () => ns.entries(),
        putIfAbsent: async (k, v, o) => {
          await gate;
          return ns.putIfAbsent(k, v, o);
        },
      };
      return slowed;
    },
  };
}

/** A promise and the function that resolves it. */
function gated(): { gate: Promise<void>; open: () => void } {
  let open = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { gate, open };
}

const stored = (disk: MemoryDisk, ns: string, key: string) => disk.get(ns)?.get(key)?.value;

it("answers Slack's request only once the claim and the event's copy are stored", async () => {
  const disk: MemoryDisk = new Map();
  const { gate, open } = gated();
  const h = await startHarness({ start: true, state: slowClaims(disk, gate) });
  harnesses.push(h);
  let acked = false;
  const reply = h
    .mention({ eventId: "Ev0FIRST1", ts: "1700000300.000100", text: "<@UBOT0001> numa" })
    .then((r) => {
      acked = true;
      return r;
    });
  await new Promise((r) => setTimeout(r, 300));
  expect(acked).toBe(false); // no 200 while the claim is not stored
  open();
  const response = await reply;
  expect(response.status).toBe(200);
  await h.fake.waitFor((calls) => calls.some((c) => c.body.thread_ts === "1700000300.000100"));
  await vi.waitFor(() =>
    expect(stored(disk, EVENTS_NAMESPACE, "Ev0FIRST1")).toMatchObject({ state: "done" }),
  );
  // Answered: the copy is gone.
  await vi.waitFor(() => expect(stored(disk, PENDING_NAMESPACE, "Ev0FIRST1")).toBeUndefined());
});

it("leaves a delivery unacknowledged when its claim takes longer than the ack budget; answers it once all the same", async () => {
  const disk: MemoryDisk = new Map();
  const { gate, open } = gated();
  const h = await startHarness({ start: true, state: slowClaims(disk, gate) });
  harnesses.push(h);
  // The claim never comes while the request waits: no 200 (Bolt's receiver answers 404 at
  // 3 s), since an ack with nothing stored would be lost if this replica died now.
  const mention = {
    eventId: "Ev0SLOW1",
    ts: "1700000300.000200",
    text: "<@UBOT0001> numa",
  };
  const response = await h.mention(mention);
  expect(response.status).toBe(404);
  expect(h.fake.callsTo("chat.postMessage")).toHaveLength(0); // no answer without the claim
  expect(h.logText()).toContain("slack event claim not stored within the ack budget");
  open();
  await h.fake.waitFor((calls) => calls.some((c) => c.body.thread_ts === "1700000300.000200"));
  // Slack's re-delivery finds the claim done: acked, not answered again.
  const again = await h.mention({ ...mention, retryNum: 1 });
  expect(again.status).toBe(200);
  await vi.waitFor(() =>
    expect(stored(disk, EVENTS_NAMESPACE, "Ev0SLOW1")).toMatchObject({ state: "done" }),
  );
  await vi.waitFor(() => expect(h.logText()).toContain("slack event re-delivery ignored"));
  expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
});

it("answers an acked event whose holder died once, from one of the replicas still running", async () => {
  const disk: MemoryDisk = new Map();
  const leaseMs = 200;
  // What a replica killed after its ack leaves behind: the event's copy, and a claim that
  // has run out (it stopped renewing it). And one it had answered before dying.
  const now = Date.now();
  const body = (eventId: string, ts: string) => {
    const { token: _t, ...rest } = JSON.parse(
      mentionBody({ eventId, ts, text: "<@UBOT0001> numa", userId: "U0USER001" }),
    ) as Record<string, unknown>;
    return rest;
  };
  disk.set(
    PENDING_NAMESPACE,
    new Map([
      ["Ev0DEAD1", { value: { body: body("Ev0DEAD1", "1700000300.000300"), at: now - 1_000 } }],
      ["Ev0DONE1", { value: { body: body("Ev0DONE1", "1700000300.000400"), at: now - 1_000 } }],
    ]),
  );
  disk.set(
    EVENTS_NAMESPACE,
    new Map([["Ev0DONE1", { value: { holder: "dead:1:x", state: "done", at: now - 900 } }]]),
  );
  const first = await startHarness({
    start: true,
    state: createMemoryStore({ disk }),
    adapter: { claims: { leaseMs } },
  });
  harnesses.push(first);
  const second = await startHarness({
    start: true,
    fake: first.fake,
    state: createMemoryStore({ disk }),
    adapter: { claims: { leaseMs } },
  });
  harnesses.push(second);
  // Both sweep (every half lease); one takes the claim over and answers.
  await first.fake.waitFor((calls) => calls.some((c) => c.body.thread_ts === "1700000300.000300"));
  await vi.waitFor(() => expect(disk.get(PENDING_NAMESPACE)?.size ?? 0).toBe(0));
  await new Promise((r) => setTimeout(r, 3 * leaseMs));
  const posts = first.fake.callsTo("chat.postMessage", { all: true });
  expect(posts.map((p) => p.body.thread_ts)).toEqual(["1700000300.000300"]);
  expect(first.logText() + second.logText()).toContain(
    "slack event acknowledged but unanswered by a dead holder; answering",
  );
});

it("lets the claim and the copy go when Bolt drops the event before our middleware (the bot's own)", async () => {
  const disk: MemoryDisk = new Map();
  const h = await startHarness({ start: true, state: createMemoryStore({ disk }) });
  harnesses.push(h);
  // Bolt's ignoreSelf drops an event the bot itself caused: nothing answers it, so nothing
  // may be left for a sweeper to answer later.
  const response = await h.mention({
    eventId: "Ev0SELF1",
    ts: "1700000300.000500",
    text: "<@UBOT0001> numa",
    user: "UBOT0001",
  });
  expect(response.status).toBe(200);
  await vi.waitFor(() => {
    expect(stored(disk, EVENTS_NAMESPACE, "Ev0SELF1")).toBeUndefined();
    expect(stored(disk, PENDING_NAMESPACE, "Ev0SELF1")).toBeUndefined();
  });
  expect(h.fake.callsTo("chat.postMessage")).toHaveLength(0);
});
