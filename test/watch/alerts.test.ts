// Alert delivery: never the same talk twice to a room (also after a restart), at most one
// message per watch an hour with what came sooner sent together when the hour is up.
import { describe, expect, it } from "vitest";
import { DeliveryError } from "../../src/core/post-port.ts";
import type { Failure } from "../../src/core/retry.ts";
import type { StateStore } from "../../src/core/state-store.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import { ALERT_INTERVAL_MS, ALERT_RETRY_MS, openAlertDelivery } from "../../src/watch/alerts.ts";
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

  describe("a send the platform refused", () => {
    /** A replica whose post port refuses every alert so (a Matrix standby, a 429). */
    async function refusing(disk: MemoryStore, failure: Failure) {
      const { logger } = captureLogger();
      let refused = 0;
      const delivery = await openAlertDelivery(
        disk,
        async () => {
          refused++;
          throw new DeliveryError(failure);
        },
        logger,
      );
      return { delivery, refused: () => refused };
    }

    it("before taking it: the items wait, and the replica that can post sends them once", async () => {
      const disk = memoryStore();
      const standby = await refusing(disk, { kind: "not-sent", detail: "a Matrix standby" });
      await standby.delivery.deliver([alert(["a"])], T0);
      expect(standby.refused()).toBe(1);
      expect((await standby.delivery.told())("slack", "C1", "a")).toBe(false);
      // Not due before the retry, on any replica; then the one that posts sends it.
      const syncer = await harness(reopen(disk));
      expect(await syncer.delivery.flush(T0 + 1_000)).toBe(T0 + ALERT_RETRY_MS);
      expect(syncer.sent).toEqual([]);
      await syncer.delivery.deliver([alert(["b"])], T0 + 2_000);
      expect(await syncer.delivery.flush(T0 + ALERT_RETRY_MS)).toBeNull();
      expect(syncer.sent).toEqual([["a:new", "b:new"]]);
      await standby.delivery.flush(T0 + 2 * ALERT_RETRY_MS);
      expect(standby.refused()).toBe(1);
    });

    it("rate-limited: tried again after the wait it named, at most ten times", async () => {
      const disk = memoryStore();
      const limited = await refusing(disk, {
        kind: "rate-limited",
        detail: "429",
        retryAfterMs: 120_000,
      });
      await limited.delivery.deliver([alert(["a"])], T0);
      expect(await limited.delivery.flush(T0)).toBe(T0 + 120_000);
      for (let i = 1; i <= 20; i++) await limited.delivery.flush(T0 + i * 120_000);
      expect(limited.refused()).toBe(10);
    });

    it("that may have arrived (unknown) is not sent again", async () => {
      const disk = memoryStore();
      const unknown = await refusing(disk, { kind: "unknown", detail: "timeout" });
      await unknown.delivery.deliver([alert(["a"])], T0);
      expect(await unknown.delivery.flush(T0 + ALERT_INTERVAL_MS)).toBeNull();
      expect(unknown.refused()).toBe(1);
      expect((await unknown.delivery.told())("slack", "C1", "a")).toBe(true);
    });
  });
});
