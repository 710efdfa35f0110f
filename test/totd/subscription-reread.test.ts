// A re-read of the subscriptions: what changed here meanwhile wins over what was read, and
// what the difference means for the schedule (the operator's destinations only counted).
import { describe, expect, it } from "vitest";
import { destinationId } from "../../src/totd/records.ts";
import type { SubscriptionRecord } from "../../src/totd/subscription-records.ts";
import { keepLocalChanges, rereadChanges } from "../../src/totd/subscription-reread.ts";

const record = (destination: string, time = "09:00"): SubscriptionRecord => ({
  platform: "slack",
  destination,
  time,
  timeZone: "Europe/Paris",
  byUser: "U1",
  by: "alice",
  at: "2026-11-22T08:00:00.000Z",
});
const id = (destination: string) => destinationId("slack", destination);
const records = (...list: SubscriptionRecord[]) => new Map(list.map((r) => [id(r.destination), r]));

describe("keepLocalChanges", () => {
  it("keeps what changed here after the read began, and takes the read for the rest", () => {
    const read = {
      records: records(record("C1", "10:00"), record("C2")),
      leftOut: new Set([id("C4")]),
    };
    const here = { records: records(record("C1"), record("C3")), leftOut: new Set<string>() };
    const touched = new Map([
      [id("C1"), 5],
      [id("C2"), 2],
      [id("C3"), 6],
      [id("C4"), 7],
    ]);
    const next = keepLocalChanges(read, here, touched, 4);
    expect([...next.records.values()].map((r) => [r.destination, r.time])).toEqual([
      ["C1", "09:00"],
      ["C2", "09:00"],
      ["C3", "09:00"],
    ]);
    expect([...next.leftOut]).toEqual([]);
  });
});

describe("rereadChanges", () => {
  it("counts added, removed and moved, scheduling only the chat ones", () => {
    const before = records(record("C1"), record("C2"), record("OP"));
    const after = records(record("C1", "11:30"), record("C3"));
    const changes = rereadChanges(before, after, new Set([id("OP")]));
    expect(changes.counts).toEqual({ added: 1, removed: 2, moved: 1 });
    expect(changes.removed.map((r) => r.destination)).toEqual(["C2"]);
    expect(changes.rescheduled.map((r) => [r.destination, r.time])).toEqual([
      ["C1", "11:30"],
      ["C3", "09:00"],
    ]);
  });

  it("finds nothing to do when nothing changed", () => {
    const same = records(record("C1"));
    expect(rereadChanges(same, records(record("C1")), new Set())).toEqual({
      counts: { added: 0, removed: 0, moved: 0 },
      removed: [],
      rescheduled: [],
    });
  });
});
