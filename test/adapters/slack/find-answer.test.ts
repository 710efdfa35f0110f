// A replica killed after Slack took its answer (chat.postMessage returned) and before it
// marked the event done: the takeover (a sweeper's, or a re-delivery outliving the claim)
// must find that answer by its metadata and send nothing. Real signed requests into the
// real Bolt app against the fake Web API; the dead holder is the state it leaves behind
// (its event copy, its claim run out or running out) and its answer already in the fake.
import { afterEach, expect, it, vi } from "vitest";
import { mentionBody, messageBody } from "../../../bench/shared/slack-signing.ts";
import { EVENTS_NAMESPACE } from "../../../src/adapters/slack/event-claims.ts";
import { PENDING_NAMESPACE } from "../../../src/adapters/slack/event-pending.ts";
import { ANSWER_EVENT_TYPE, answerPlace } from "../../../src/adapters/slack/find-answer.ts";
import type { PostLookup } from "../../../src/core/post-port.ts";
import { createMemoryStore, type MemoryDisk } from "../../../src/persist/memory-store.ts";
import { type Harness, startHarness } from "../../support/slack-harness.ts";

const LEASE_MS = 200;
const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

const stored = (disk: MemoryDisk, ns: string, key: string) => disk.get(ns)?.get(key)?.value;
const unsigned = (raw: string) => {
  const { token: _t, ...rest } = JSON.parse(raw) as Record<string, unknown>;
  return rest;
};
const mention = (eventId: string, ts: string, channelId = "C0CHAN001") =>
  unsigned(mentionBody({ eventId, ts, text: "<@UBOT0001> numa", userId: "U0USER001", channelId }));
const dm = (eventId: string, ts: string) =>
  unsigned(messageBody({ eventId, ts, text: "numa", userId: "U0USER001" }));
const answerMeta = (eventId: string) => ({
  event_type: ANSWER_EVENT_TYPE,
  event_payload: { event_id: eventId },
});
/** Our bot's message, as the fake's chat.postMessage stores it. */
const ours = { user: "UBOT0001", bot_id: "BBOT0001", app_id: "A0APP0001" };

/** A dead holder's copy of the event, older than a lease; its claim has run out. */
function leftBehind(disk: MemoryDisk, eventId: string, body: Record<string, unknown>) {
  // Into the namespace the replicas' stores may already have open (they share the map).
  const ns = disk.get(PENDING_NAMESPACE) ?? new Map();
  disk.set(PENDING_NAMESPACE, ns);
  ns.set(eventId, { value: { body, at: Date.now() - 1_000 } });
}

async function replica(
  disk: MemoryDisk,
  findAnswer?: () => Promise<PostLookup>,
  leaseMs = LEASE_MS,
) {
  const h = await startHarness({
    start: true,
    state: createMemoryStore({ disk }),
    adapter: { claims: { leaseMs, pollMs: 20, ...(findAnswer ? { findAnswer } : {}) } },
  });
  harnesses.push(h);
  return h;
}

/** The calls after start-up (auth.test), method and what was asked. */
const asked = (h: Harness) =>
  h.fake.calls
    .filter((c) => c.method !== "auth.test")
    .map((c) => ({ method: c.method, channel: c.body.channel, ts: c.body.ts, ok: c.ok }));

// vi.waitFor gives up after 1 s by default: a loaded 2-core machine can take longer to
// wait out a claim and answer. It returns as soon as the state is there.
const settledDone = async (disk: MemoryDisk, eventId: string) =>
  vi.waitFor(
    () => {
      expect(stored(disk, EVENTS_NAMESPACE, eventId)).toMatchObject({ state: "done" });
      expect(stored(disk, PENDING_NAMESPACE, eventId)).toBeUndefined();
    },
    { timeout: 10_000 },
  );

it("a first answer names its event in metadata and looks for nothing", async () => {
  const disk: MemoryDisk = new Map();
  // A lease long enough that a slow first answer (a cold start on a loaded machine) is
  // never taken for a dead holder's: the sweeper's takeover would look (it did, in CI).
  const h = await replica(disk, undefined, 10_000);
  await h.mention({ eventId: "Ev0FA0001", ts: "1700000700.000100", text: "<@UBOT0001> numa" });
  await settledDone(disk, "Ev0FA0001");
  expect(asked(h)).toEqual([
    { method: "chat.postMessage", channel: "C0CHAN001", ts: undefined, ok: true },
  ]);
  expect(h.fake.messagesIn("C0CHAN001")).toEqual([
    expect.objectContaining({
      thread_ts: "1700000700.000100",
      metadata: answerMeta("Ev0FA0001"),
    }),
  ]);
});

it("a sweeper finds the dead holder's answer in the thread, sends nothing and marks the event done", async () => {
  const disk: MemoryDisk = new Map();
  const ts = "1700000700.000200";
  leftBehind(disk, "Ev0FA0002", mention("Ev0FA0002", ts));
  const h = await replica(disk);
  h.fake.inject("C0CHAN001", {
    text: "the answer",
    ...ours,
    thread_ts: ts,
    metadata: answerMeta("Ev0FA0002"),
  });
  const before = [...h.fake.messagesIn("C0CHAN001")];
  await settledDone(disk, "Ev0FA0002");
  await h.fake.settle(3 * LEASE_MS);
  expect(asked(h)).toEqual([
    { method: "conversations.replies", channel: "C0CHAN001", ts, ok: true },
  ]);
  expect(h.fake.callsTo("conversations.replies")[0]!.body).toMatchObject({
    oldest: ts,
    include_all_metadata: "true",
  });
  expect(h.fake.messagesIn("C0CHAN001")).toEqual(before);
  expect(h.logText()).toContain("slack event taken over had been answered");
});

it("a sweeper that finds no answer (only other events' and other apps') answers once, with metadata", async () => {
  const disk: MemoryDisk = new Map();
  const ts = "1700000700.000300";
  leftBehind(disk, "Ev0FA0003", mention("Ev0FA0003", ts));
  const h = await replica(disk);
  // Ours for another event; another app's with our event type and this event's id.
  h.fake.inject("C0CHAN001", {
    text: "x",
    ...ours,
    thread_ts: ts,
    metadata: answerMeta("Ev0OTHER"),
  });
  h.fake.inject("C0CHAN001", {
    text: "y",
    user: "U0OTHERAPP",
    bot_id: "B0OTHER01",
    thread_ts: ts,
    metadata: answerMeta("Ev0FA0003"),
  });
  await settledDone(disk, "Ev0FA0003");
  await h.fake.settle(3 * LEASE_MS);
  expect(asked(h)).toEqual([
    { method: "conversations.replies", channel: "C0CHAN001", ts, ok: true },
    { method: "conversations.history", channel: "C0CHAN001", ts: undefined, ok: true },
    { method: "chat.postMessage", channel: "C0CHAN001", ts: undefined, ok: true },
  ]);
  expect(h.fake.callsTo("chat.postMessage")[0]!.body).toMatchObject({
    thread_ts: ts,
    metadata: answerMeta("Ev0FA0003"),
  });
  expect(h.fake.messagesIn("C0CHAN001")).toHaveLength(3);
});

it("a re-delivery outliving a dead replica's claim finds the answer in the channel and sends nothing", async () => {
  const disk: MemoryDisk = new Map();
  const ts = "1700000700.000400";
  // A re-delivery waits out another replica's claim for a lease's worth of polls: a
  // longer lease here, so a busy machine cannot make the claim run out before it arrives.
  const h = await replica(disk, undefined, 1_000);
  h.fake.inject("C0CHAN001", { text: "subscribed", ...ours, metadata: answerMeta("Ev0FA0004") });
  // Another replica claimed it, posted the answer to the channel (a subscription
  // confirmation is for everyone) and died; its claim runs out in a moment.
  const claims = disk.get(EVENTS_NAMESPACE) ?? new Map();
  disk.set(EVENTS_NAMESPACE, claims);
  claims.set("Ev0FA0004", {
    value: { holder: "dead:1:x", state: "claimed", at: Date.now() },
    expiresAt: Date.now() + 400,
  });
  const response = await h.mention({
    eventId: "Ev0FA0004",
    ts,
    text: "<@UBOT0001> numa",
    retryNum: 1,
  });
  expect(response.status).toBe(200);
  await settledDone(disk, "Ev0FA0004");
  await h.fake.settle(3 * LEASE_MS);
  expect(asked(h).map((c) => c.method)).toEqual(["conversations.replies", "conversations.history"]);
  expect(h.fake.callsTo("chat.postMessage")).toHaveLength(0);
  expect(h.logText()).toContain("slack event claim expired unfinished; taking it over");
});

it("a DM is looked for in the DM's history", async () => {
  const disk: MemoryDisk = new Map();
  const ts = "1700000700.000500";
  leftBehind(disk, "Ev0FA0005", dm("Ev0FA0005", ts));
  const h = await replica(disk);
  h.fake.inject("D0DM00001", { text: "the answer", ...ours, metadata: answerMeta("Ev0FA0005") });
  await settledDone(disk, "Ev0FA0005");
  await h.fake.settle(3 * LEASE_MS);
  expect(asked(h)).toEqual([
    { method: "conversations.history", channel: "D0DM00001", ts: undefined, ok: true },
  ]);
  expect(h.fake.callsTo("conversations.history")[0]!.body).toMatchObject({ oldest: ts });
});

it("a refused look-up (missing scope) settles at most once, as the daily post does", async () => {
  const disk: MemoryDisk = new Map();
  const ts = "1700000700.000600";
  const h = await replica(disk);
  h.fake.failNext("conversations.replies", { error: "missing_scope" });
  leftBehind(disk, "Ev0FA0006", mention("Ev0FA0006", ts));
  await settledDone(disk, "Ev0FA0006");
  await h.fake.settle(3 * LEASE_MS);
  expect(asked(h)).toEqual([
    { method: "conversations.replies", channel: "C0CHAN001", ts, ok: false },
  ]);
  expect(h.logText()).toContain("not answering again (at most once)");
});

it("a look-up that fails for now is tried again after a lease, then answered once", async () => {
  const disk: MemoryDisk = new Map();
  const ts = "1700000700.000700";
  leftBehind(disk, "Ev0FA0007", mention("Ev0FA0007", ts));
  let looks = 0;
  const h = await replica(disk, async () => {
    if (++looks === 1) throw new Error("slack: http 500 after retries");
    return { kind: "absent" };
  });
  await settledDone(disk, "Ev0FA0007");
  await h.fake.settle(3 * LEASE_MS);
  expect(looks).toBe(2);
  expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
  expect(h.logText()).toContain("looking again after a lease");
});

it("knows where each kind of event is answered", () => {
  expect(answerPlace(mention("Ev1", "1.000001"))).toEqual({
    channel: "C0CHAN001",
    ts: "1.000001",
    threadTs: "1.000001",
  });
  const inThread = unsigned(
    mentionBody({ eventId: "Ev2", ts: "2.000001", threadTs: "1.000001", text: "x" }),
  );
  expect(answerPlace(inThread)).toMatchObject({ ts: "2.000001", threadTs: "1.000001" });
  expect(answerPlace(dm("Ev3", "3.000001"))).toEqual({
    channel: "D0DM00001",
    ts: "3.000001",
    threadTs: undefined,
  });
  expect(answerPlace({ event: { type: "member_joined_channel", channel: "C1" } })).toBeNull();
});
