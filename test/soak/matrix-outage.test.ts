// Issue #7: a real 30-second homeserver outage in the middle of a conversation.
//
// The adapter runs with its production sync and send settings (SYNC_DEFAULTS: 30 s long-poll,
// backoff 1 s doubling to 10 s, "down" after 3 failures; SEND_DEFAULTS: backoff 0.5 s
// doubling to 8 s, and a send that finds the homeserver unreachable keeps trying for up to
// 5 minutes). Only the jitter is pinned (random = 0.5, the middle of each backoff window)
// so the retry schedule — and with it the test's length — is the same on every run. With
// real jitter the first retry after the homeserver is back can come up to one backoff
// ceiling later (8–10 s); see the resume-delay assertion below.
//
// While the reply in flight at the start of the outage waits it out, the sync loop waits
// for it (a batch is committed only once its answers are out), so the outage shows up in
// the send retries and in health ("cannot reach the homeserver to send"), not in sync
// failures.
//
// Both outage kinds run concurrently (each with its own fake homeserver and adapter), so the
// file takes about as long as one of them (~40 s), well under vitest's parallel budget.
import { describe, it } from "vitest";
import type { FakeHomeserver, SentMessage } from "../../bench/shared/fakes/homeserver.ts";
import { SEND_DEFAULTS } from "../../src/adapters/matrix/sender.ts";
import { SYNC_DEFAULTS } from "../../src/adapters/matrix/sync-loop.ts";
import { type Backoff, backoffDelay, sleep } from "../../src/core/retry.ts";
import { alice, bob, FAST, Harness, replyTo } from "../support/matrix-harness.ts";

const carol = "@carol:fake.test";
const dave = "@dave:fake.test";

const OUTAGE_MS = 30_000;
/** Longest acceptable wait between "homeserver back" and "everything answered". */
const RESUME_BOUND_MS = 20_000;
const JITTER = 0.5;
const SEND = /\/send\/m\.room\.message\//;
const WARN = 40;

/**
 * The most sync failures an outage of `ms` can log: the first comes at once, each later one
 * after a backoff wait of at least half its ceiling (the smallest jitter).
 */
function maxSyncFailures(ms: number, backoff: Backoff): number {
  let t = 0;
  for (let n = 1; ; n++) {
    t += backoffDelay(n - 1, backoff, () => 0);
    if (t > ms) return n;
  }
}

/**
 * A tiny wrapper over the fake: the next reply the bot sends is stored by the homeserver,
 * and in that same instant the homeserver goes away — the response is lost and the outage
 * has begun. A send in flight when the outage starts, as exactly as it can be staged.
 */
function outageAtNextSend(hs: FakeHomeserver, mode: "reset" | "502"): Promise<number> {
  hs.fault({ method: "PUT", path: SEND, action: { kind: "drop-response" } });
  return new Promise((resolve) => {
    const push = hs.sent.push.bind(hs.sent);
    hs.sent.push = (...items: SentMessage[]) => {
      const n = push(...items);
      hs.sent.push = push;
      hs.down(mode);
      resolve(Date.now());
      return n;
    };
  });
}

describe("a 30-second homeserver outage mid-conversation", () => {
  it.concurrent.for(["reset", "502"] as const)(
    "(%s) answers every message sent during it exactly once, and nothing twice",
    { timeout: 75_000 },
    async (mode, { expect, onTestFinished }) => {
      const h = await Harness.create({
        adapter: { sync: SYNC_DEFAULTS, send: SEND_DEFAULTS.policy, random: () => JITTER },
      });
      onTestFinished(() => h.close());
      const { hs } = h;
      const roomA = hs.createRoom({ members: [alice, bob, carol] });
      const roomB = hs.createRoom({ members: [bob, carol, dave] });
      await h.start();

      // ---- the conversation before the outage -------------------------------------------
      const beforeA: string[] = [];
      const beforeB: string[] = [];
      beforeA.push(hs.message(roomA, alice, "!virt numa"));
      await hs.until(() => hs.sent.length === 1, "the first reply");
      beforeB.push(hs.message(roomB, dave, "virt-talks: live migration"));
      beforeA.push(hs.message(roomA, bob, "!virt vfio"));
      await hs.until(() => hs.sent.length === 3, "the replies before the outage");
      await h.synced();

      // The last question before the outage: its reply is in flight when the homeserver
      // goes away (stored, but the bot never hears so).
      const outageStarted = outageAtNextSend(hs, mode);
      const inFlight = hs.message(roomA, carol, "!virt xen");
      beforeA.push(inFlight);
      const tDown = await outageStarted;
      const inFlightTxn = hs.sent.at(-1)!.txnId;

      // ---- 30 s of wall-clock outage, with people still talking ------------------------
      const schedule: [number, string, string, string][] = [
        [500, roomA, alice, "!virt qemu"],
        [3_000, roomB, bob, "virt-talks: kvm on arm"],
        [6_000, roomA, bob, "is the bot down? it's not answering"], // chat, not a question
        [8_000, roomB, dave, "!virt sev"],
        [14_000, roomA, carol, "virt-talks: nested virtualization"],
        [20_000, roomB, carol, "!virt xen"],
        [26_000, roomA, alice, "!virt vhost"],
        [29_500, roomB, bob, "!virt confidential computing"],
      ];
      const duringA: string[] = [];
      const duringB: string[] = [];
      for (const [at, room, sender, body] of schedule) {
        await sleep(tDown + at - Date.now());
        const id = hs.message(room, sender, body);
        if (body.startsWith("!virt") || body.startsWith("virt-talks:"))
          (room === roomA ? duringA : duringB).push(id);
      }
      await sleep(tDown + OUTAGE_MS - Date.now());
      const sentDuringOutage = hs.sent.length;
      const attemptsBeforeUp = hs.sendAttempts.length;
      expect(sentDuringOutage, "nothing can be stored while the homeserver is away").toBe(4);
      expect(h.adapter.health()).toMatchObject({
        state: "down",
        detail: expect.stringMatching(
          /^(sync failing|cannot reach the homeserver to send) \(\d+×\)/,
        ),
      });
      hs.up();
      const tUp = Date.now();
      const outageMs = tUp - tDown;

      // ---- after: everything asked during the outage is answered, once -----------------
      const expectedA = [...beforeA, ...duringA];
      const expectedB = [...beforeB, ...duringB];
      await hs.until(
        () =>
          hs.sentTo(roomA).length >= expectedA.length &&
          hs.sentTo(roomB).length >= expectedB.length,
        `answers to the ${duringA.length + duringB.length} questions asked during the outage`,
        RESUME_BOUND_MS + 5_000,
      );
      const resumeMs = Date.now() - tUp;
      await h.synced();
      await sleep(300); // room for a stray late duplicate to show up before we count

      // Exactly once: the earlier answers are not repeated, none is missing. (A batch is
      // answered concurrently, so the order within it may differ.)
      expect(hs.sentTo(roomA).map(replyTo).sort()).toEqual([...expectedA].sort());
      expect(hs.sentTo(roomB).map(replyTo).sort()).toEqual([...expectedB].sort());
      // The fake dedupes by txnId, so also check the bot never used a second txnId for one
      // question (which a real homeserver would store as a second message).
      const txnIds = new Set(hs.sendAttempts.map((a) => a.txnId));
      expect(txnIds.size, "one transaction id per answer").toBe(hs.sent.length);
      // The reply in flight when the outage began: retried with its own txnId through the
      // outage, on the backoff schedule (bounded), and stored once. Once the homeserver is
      // back, its first retry goes through (the homeserver dedupes it by txnId).
      const inFlightAttempts = hs.sendAttempts.filter((a) => a.txnId === inFlightTxn);
      const sendBound = maxSyncFailures(outageMs, SEND_DEFAULTS.policy.backoff);
      expect(inFlightAttempts.length).toBeLessThanOrEqual(sendBound + 2);
      expect(
        hs.sendAttempts.slice(attemptsBeforeUp).filter((a) => a.txnId === inFlightTxn).length,
        "the in-flight reply: one more attempt once the homeserver is back",
      ).toBeLessThanOrEqual(1);
      expect(hs.sentTo(roomA).filter((s) => replyTo(s) === inFlight)).toHaveLength(1);
      expect(h.logText()).not.toContain("matrix answer failed");

      // Health: up → degraded → down → up.
      await hs.until(() => h.healthSeen.at(-1) === "up", "health back up");
      const transitions = h.healthSeen.filter((s) => s !== "starting");
      const order = ["up", "degraded", "down", "up"];
      let i = 0;
      for (const s of transitions) if (s === order[i]) i++;
      expect(i, `health went ${transitions.join(" → ")}`).toBe(order.length);
      expect(h.adapter.health()).toEqual({ state: "up" });

      // The log: bounded warnings (no flood) and a line saying the send got through.
      const entries = h.logEntries();
      const noisy = entries.filter(
        (e) => (e.level as number) >= WARN && (e.time as number) >= tDown,
      );
      const syncBound = maxSyncFailures(outageMs, SYNC_DEFAULTS.backoff);
      const failures = noisy.filter((e) => e.msg === "matrix sync failed; backing off");
      const sendRetries = noisy.filter((e) => e.msg === "matrix send failed; retrying");
      expect(sendRetries.length).toBeLessThanOrEqual(sendBound + 1);
      expect(
        noisy.length,
        `warnings and errors during the outage: ${noisy.map((e) => e.msg).join(" | ")}`,
      ).toBeLessThanOrEqual(syncBound + sendBound + 1);
      expect(entries.filter((e) => e.msg === "matrix send succeeded after retry")).toHaveLength(1);
      expect(
        resumeMs,
        `homeserver back → all answered took ${resumeMs} ms (outage ${outageMs} ms)`,
      ).toBeLessThanOrEqual(RESUME_BOUND_MS);
      console.info(
        `[matrix-outage ${mode}] outage ${outageMs} ms; all answered ${resumeMs} ms after the homeserver came back; ` +
          `${failures.length} sync-failure and ${sendRetries.length} send-retry lines; ${inFlightAttempts.length} attempts of the in-flight reply`,
      );

      h.expectClean(expect);
    },
  );
});

// A reply whose request reached the homeserver as it went away (no answer, nothing stored):
// it used to be given up after SEND_DEFAULTS.policy.attempts, well inside a 30 s outage, and
// so was never answered (found by the test above). The sender now keeps trying for as long
// as the homeserver is unreachable (up to 5 minutes). FAST options: a short outage will do.
describe("a reply that could not be delivered when the outage began", () => {
  it.concurrent.for(["reset", "502"] as const)(
    "(%s) is answered once the homeserver is back",
    { timeout: 15_000 },
    async (mode, { expect, onTestFinished }) => {
      const h = await Harness.create({ adapter: FAST });
      onTestFinished(() => h.close());
      const { hs } = h;
      const room = hs.createRoom({ members: [alice, bob] });
      await h.start();
      const before = hs.message(room, alice, "!virt numa");
      await hs.until(() => hs.sent.length === 1, "the first reply");

      // The reply's request reaches the homeserver, which goes away before storing it.
      hs.fault({ method: "PUT", path: SEND, action: { kind: "hang" } });
      const q = hs.message(room, bob, "!virt vfio");
      await hs.until(() => hs.sendAttempts.length === 2, "the reply on its way");
      hs.down(mode);
      await hs.until(() => h.adapter.health().state === "down", "health down");
      await sleep(1_000); // well past FAST's maxAttempts (6 × ≤ 50 ms)
      expect(h.logText()).not.toContain("matrix answer failed");
      hs.up();
      await hs.until(() => h.adapter.health().state === "up", "health back up");
      await h.synced();
      await sleep(500);
      expect(hs.sentTo(room).map(replyTo)).toEqual([before, q]);
    },
  );
});
