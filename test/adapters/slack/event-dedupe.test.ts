// What the claims namespace accepts: claims, and the plain timestamps an earlier version
// stored for every answered event (read as done, so an upgrade answers nothing twice).
import { expect, it } from "vitest";
import { EVENTS_NAMESPACE, openEventLog } from "../../../src/adapters/slack/event-claims.ts";
import { createMemoryStore, type MemoryDisk } from "../../../src/persist/memory-store.ts";

it("reads an earlier version's answered-event timestamps as done claims", async () => {
  const disk: MemoryDisk = new Map([
    [EVENTS_NAMESPACE, new Map([["Ev0OLD", { value: 1_700_000_000_000 }]])],
  ]);
  const log = await openEventLog(createMemoryStore({ disk }));
  expect(log.recovered).toBe(false);
  expect(await log.get("Ev0OLD")).toEqual({
    holder: "earlier version",
    state: "done",
    at: 1_700_000_000_000,
  });
});

it("refuses a claim without a holder or state, starting the namespace afresh", async () => {
  const disk: MemoryDisk = new Map([
    [EVENTS_NAMESPACE, new Map([["Ev0BAD", { value: { at: 1 } }]])],
  ]);
  expect((await openEventLog(createMemoryStore({ disk }))).recovered).toBe(true);
});
