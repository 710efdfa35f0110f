// One event's records in the store: the claim and the copy taken together, a second
// claim of the same event taken, a release removing both, and the done mark.
import { describe, expect, it } from "vitest";
import { createEventRecords } from "../../../src/adapters/slack/event-records.ts";
import type { ClaimOutcome } from "../../../src/core/adapter.ts";
import { createMemoryStore } from "../../../src/persist/memory-store.ts";
import { captureLogger } from "../../support/totd-helpers.ts";

function records(holder: string, state = createMemoryStore()) {
  const outcomes: ClaimOutcome[] = [];
  const { logger } = captureLogger();
  const r = createEventRecords(state, {
    holder,
    leaseMs: 30_000,
    pollMs: 10,
    clock: () => 1_000,
    logger,
    onOutcome: (o) => outcomes.push(o),
    stopped: () => false,
  });
  return { r, outcomes, state };
}

describe("event records", () => {
  it("claims an event once, storing its copy; another holder finds it taken", async () => {
    const a = records("a");
    expect(await a.r.decide("Ev1", { event_id: "Ev1", event: { type: "app_mention" } })).toBe(
      "won",
    );
    expect(a.outcomes).toEqual(["won"]);
    expect(await (await a.r.pending()).get("Ev1")).toMatchObject({ at: 1_000 });
    const b = records("b", a.state);
    expect(await b.r.decide("Ev1")).toBe("taken");
    expect(b.outcomes).toEqual([]);
  });

  it("releases a won claim and its copy, so the event can be claimed again", async () => {
    const a = records("a");
    const decided = a.r.decide("Ev2", { event_id: "Ev2" });
    await a.r.release("Ev2", decided);
    expect(await (await a.r.events()).get("Ev2")).toBeUndefined();
    expect(await (await a.r.pending()).get("Ev2")).toBeUndefined();
    expect(await records("b", a.state).r.decide("Ev2")).toBe("won");
  });

  it("marks an answered event done and drops its copy", async () => {
    const a = records("a");
    await a.r.decide("Ev3", { event_id: "Ev3" });
    await a.r.finish(await a.r.events(), "Ev3");
    expect(await (await a.r.events()).get("Ev3")).toEqual({
      holder: "a",
      state: "done",
      at: 1_000,
    });
    expect(await (await a.r.pending()).get("Ev3")).toBeUndefined();
  });
});
