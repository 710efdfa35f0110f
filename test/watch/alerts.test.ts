// Alert delivery: never the same talk twice to a room (also after a restart), at most one
// message per watch an hour with what came sooner sent together when the hour is up.
import { describe, expect, it } from "vitest";
import type { StateStore } from "../../src/core/state-store.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import { ALERT_INTERVAL_MS, openAlertDelivery } from "../../src/watch/alerts.ts";
import type { PlannedAlert } from "../../src/watch/plan.ts";
import { tempDir } from "../support/import-helpers.ts";
import { captureLogger } from "../support/totd-helpers.ts";
import { type MemoryStore, memoryStore, reopen } from "../support/totd-memory-store.ts";

const alert = (talks: string[], why: "new" | "video" = "new"): PlannedAlert => ({
  platform: "slack",
  destination: "C1",
  watch: 1,
  query: "vfio",
  items: talks.map((talk) => ({ talk, why })),
});
const T0 = Date.parse("2026-11-01T09:00:00Z");

async function harness<S extends StateStore>(disk: S | MemoryStore = memoryStore()) {
  const sent: string[][] = [];
  const { logger } = captureLogger();
  const delivery = await openAlertDelivery(
    disk,
    async (a) => void sent.push(a.items.map((i) => `${i.talk}:${i.why}`)),
    logger,
  );
  return { delivery, sent, disk };
}

describe("watch alerts", () => {
  it("sends once, holds what comes within the hour, and sends it together after", async () => {
    const { delivery, sent } = await harness();
    await delivery.deliver([alert(["a", "b"])], T0);
    await delivery.deliver([alert(["b", "c"])], T0 + 10 * 60_000);
    await delivery.deliver([alert(["d"])], T0 + 20 * 60_000);
    expect(sent).toEqual([["a:new", "b:new"]]);
    expect(await delivery.flush(T0 + 30 * 60_000)).toBe(T0 + ALERT_INTERVAL_MS);
    expect(await delivery.flush(T0 + ALERT_INTERVAL_MS)).toBeNull();
    expect(sent).toEqual([
      ["a:new", "b:new"],
      ["c:new", "d:new"],
    ]);
  });

  it("never tells a room about a talk twice, across a restart", async () => {
    const first = await harness();
    await first.delivery.deliver([alert(["a"])], T0);
    const second = await harness(reopen(first.disk as MemoryStore));
    await second.delivery.deliver([alert(["a"])], T0 + 2 * ALERT_INTERVAL_MS);
    expect(second.sent).toEqual([]);
    const told = await second.delivery.told();
    expect([told("slack", "C1", "a"), told("slack", "C1", "b"), told("matrix", "C1", "a")]).toEqual(
      [true, false, false],
    );
    await second.delivery.deliver([alert(["a"], "video")], T0 + 3 * ALERT_INTERVAL_MS);
    expect(second.sent).toEqual([["a:video"]]);
  });

  it("two syncs delivering the same plan at once send it once (the file store)", async () => {
    const { logger } = captureLogger();
    const { delivery, sent } = await harness(
      createFileStore({ dir: tempDir("virt-watch-"), logger }),
    );
    await Promise.all([delivery.deliver([alert(["a"])], T0), delivery.deliver([alert(["a"])], T0)]);
    expect(sent).toEqual([["a:new"]]);
  });

  it("tells kept claims from lost ones: kept, absent (first start or deleted), recovered", async () => {
    const first = await harness();
    expect(first.delivery.claimsLost).toBe("absent");
    expect(await first.delivery.adopt([])).toBe(0);
    await first.delivery.deliver([alert(["a"])], T0);
    const disk = first.disk as MemoryStore;
    expect((await harness(reopen(disk))).delivery.claimsLost).toBeNull();

    // Claims an earlier build wrote, without the marker: kept.
    const earlier = reopen(disk);
    earlier.disk.get("watch-announced")!.delete("~claims-kept");
    expect((await harness(earlier)).delivery.claimsLost).toBeNull();
    expect((await harness(reopen(disk))).delivery.claimsLost).toBeNull();

    const corrupt = reopen(disk);
    corrupt.corrupt.add("watch-announced");
    const recovered = await harness(corrupt);
    expect(recovered.delivery.claimsLost).toBe("recovered");
    const item = { talk: "a", why: "new" } as const;
    const room = { platform: "slack", destination: "C1" } as const;
    expect(await recovered.delivery.adopt([{ ...room, items: [item, item] }])).toBe(1);
    await recovered.delivery.deliver([alert(["a", "b"])], T0 + 2 * ALERT_INTERVAL_MS);
    expect(recovered.sent).toEqual([["b:new"]]);
    expect((await harness(reopen(disk))).delivery.claimsLost).toBeNull();
  });
});
