// Flood control (the conversation turn's, seen through the real adapter): one user's burst
// is answered up to the limit, then told once to slow down, then ignored; everyone else is
// unaffected.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRateLimiter, SLOW_DOWN_PREFIX } from "../../../src/core/rate-limit.ts";
import { escapeText } from "../../../src/render/slack/escape.ts";
import { answerOf, type Harness, startHarness } from "../../support/slack-harness.ts";

const BURST = 6;
let h: Harness;
beforeAll(async () => {
  // A bucket that does not refill during the test, so the counts are exact.
  h = await startHarness({ rateLimiter: createRateLimiter({ burst: BURST, perSecond: 0.0001 }) });
});
afterAll(async () => {
  await h.close();
});

describe("per-user rate limit", () => {
  it("100 commands from one user: answers up to the limit, then each one says when to try again", async () => {
    const acks: string[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await h.command("numa", { user: "U0FLOOD01", responseId: `flood${i}` });
      expect(res.status).toBe(200); // every command is acked, answered or not
      acks.push(res.body);
    }
    await vi.waitFor(() => expect(h.observed).toHaveLength(100), { timeout: 10_000 });
    // The answers travel in the ack bodies; every limited command is acked with the
    // slow-down line, seen by the asker alone (ephemeral), naming when to try again.
    const answered = acks.map((b) => JSON.parse(b) as { text: string; response_type: string });
    expect(answered).toHaveLength(100);
    const slowDowns = answered.filter((a) => a.text.startsWith(escapeText(SLOW_DOWN_PREFIX)));
    expect(slowDowns).toHaveLength(100 - BURST);
    expect(slowDowns.every((a) => a.response_type === "ephemeral")).toBe(true);
    expect(slowDowns[0]!.text).toMatch(/please try again in \d+ seconds?\.$/);
    // The answers were the first BURST commands; the slow-down answered every later one.
    expect(
      answered.slice(0, BURST).some((a) => a.text.startsWith(escapeText(SLOW_DOWN_PREFIX))),
    ).toBe(false);
    expect(h.fake.callsTo("response", { all: true })).toHaveLength(0);

    const outcomes = h.observed.map((o) => o.outcome);
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(BURST);
    expect(outcomes.filter((o) => o === "rate-limited")).toHaveLength(100 - BURST);

    // Another user is unaffected.
    const res = await h.command("vfio", { user: "U0OTHER01", responseId: "other1" });
    expect(res.status).toBe(200);
    expect(String(answerOf(res).body.text)).toContain("vfio");
  });

  it("a flooding mention gets its one slow-down as an ephemeral note in the thread", async () => {
    h.fake.reset();
    for (let i = 0; i < BURST + 3; i++) {
      await h.mention({
        eventId: `Ev0FLOOD${i}`,
        text: "<@UBOT0001> numa",
        user: "U0MENTION1",
        ts: "1700000900.000100",
      });
    }
    await h.fake.waitFor(
      (calls) => calls.filter((c) => c.method === "chat.postMessage").length >= BURST,
    );
    await h.fake.settle(300);
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(BURST);
    const notes = h.fake.callsTo("chat.postEphemeral");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toMatchObject({ user: "U0MENTION1", thread_ts: "1700000900.000100" });
  });
});
