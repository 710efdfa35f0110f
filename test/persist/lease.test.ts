// The syncer lease on the real PostgreSQL: one holder, standbys, takeover with a new epoch,
// writes fenced by the epoch, a paused holder that finds its lease over by its own clock,
// a release that hands over at once, and takeover on timers when the holder dies.
// Expiry is made by moving the row's expires_at into the past (what time would do), so
// most tests wait for nothing.
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { createLease, type Lease } from "../../src/persist/lease.ts";
import { LeaseLostError } from "../../src/persist/pg-statement.ts";
import { createPgStore, type PgStateStore } from "../../src/persist/pg-store.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { silent } from "./store-places.ts";

const text = (raw: unknown) => (typeof raw === "string" ? raw : undefined);

describePg("lease with an epoch", () => {
  let schema: TestSchema;
  let store: PgStateStore;
  let leaseNo = 0;
  let leases: Lease[] = [];
  let name: string;
  const lease = (extra: Partial<Parameters<typeof createLease>[0]> = {}) => {
    const l = createLease({ store, name, logger: silent, ...extra });
    leases.push(l);
    return l;
  };
  /** As if the holder had stopped renewing a lease-length ago. */
  const expire = () =>
    schema.query(`UPDATE "${schema.name}".leases SET expires_at = 0 WHERE name = $1`, [name]);

  beforeAll(async () => {
    schema = freshSchema("lease");
    store = createPgStore({ connectionString: schema.url, schema: schema.name, logger: silent });
    await store.ready();
  });
  afterEach(async () => {
    await Promise.all(leases.map((l) => l.stop()));
    leases = [];
    name = `matrix-sync-${++leaseNo}`;
  });
  afterAll(async () => {
    await store.close();
    await schema.drop();
  });
  name = `matrix-sync-${leaseNo}`;

  it("has one holder; the others stand by; renewing keeps the epoch", async () => {
    const [a, b] = [lease(), lease()];
    expect(await a.tick()).toBe(true);
    expect(await b.tick()).toBe(false);
    expect(await a.tick()).toBe(true);
    expect([a.role(), a.epoch(), b.role(), b.epoch()]).toEqual(["holder", 1, "standby", null]);
  });

  it("lets exactly one of many replicas starting at once take it", async () => {
    const all = Array.from({ length: 6 }, () => lease());
    const held = await Promise.all(all.map((l) => l.tick()));
    expect(held.filter(Boolean)).toHaveLength(1);
  });

  it("is taken over with the next epoch when its holder stops renewing, and the old holder learns it", async () => {
    const [a, b] = [lease(), lease()];
    const seen: Array<[string, number | null]> = [];
    a.onChange((role, epoch) => seen.push([role, epoch]));
    await a.tick();
    await expire();
    expect(await b.tick()).toBe(true);
    expect(b.epoch()).toBe(2);
    expect(await a.tick()).toBe(false);
    expect(seen).toEqual([
      ["holder", 1],
      ["standby", null],
    ]);
  });

  it("refuses every fenced write of an old epoch, atomically with the write", async () => {
    const [a, b] = [lease(), lease()];
    await a.tick();
    const asA = await store.openFenced("sync-token", text, a.fence);
    await asA.put("token", "from-a-epoch-1");
    // A pauses (SIGSTOP) with its fence taken; B takes over meanwhile.
    const staleFence = a.fence();
    await expire();
    await b.tick();
    const paused = await store.openFenced("sync-token", text, () => staleFence);
    await expect(paused.put("token", "from-a-after-wake")).rejects.toThrow(LeaseLostError);
    await expect(paused.putIfAbsent("other", "x")).rejects.toThrow(
      `lease "${name}" is no longer held by ${a.holder} at epoch 1; write refused`,
    );
    await expect(paused.delete("token")).rejects.toThrow(LeaseLostError);
    const asB = await store.openFenced("sync-token", text, b.fence);
    expect(await asB.get("token")).toBe("from-a-epoch-1");
    await asB.put("token", "from-b-epoch-2");
    expect(await asB.entries()).toEqual([["token", "from-b-epoch-2"]]);
  });

  it("tells a holder woken from a pause longer than the lease that it holds nothing, before any query", async () => {
    let now = 0;
    const a = lease({ ttlMs: 6_000, monotonic: () => now });
    await a.tick();
    expect(a.assertHeld(1_000)).toBe(1);
    now = 5_500; // close to the end: not enough left for a 1 s send
    expect(() => a.assertHeld(1_000)).toThrow(LeaseLostError);
    now = 60_000; // SIGSTOPped for a minute
    expect(() => a.assertHeld()).toThrow(LeaseLostError);
    expect(() => a.fence()).toThrow(LeaseLostError);
  });

  it("hands over at once when its holder stops", async () => {
    const [a, b] = [lease(), lease()];
    await a.tick();
    await a.stop();
    expect(a.role()).toBe("standby");
    expect(await b.tick()).toBe(true);
    expect(b.epoch()).toBe(2);
  });

  it("is taken over on timers after its holder dies without a word", async () => {
    const crashed = createPgStore({
      connectionString: schema.url,
      schema: schema.name,
      logger: silent,
    });
    const a = createLease({ store: crashed, name, logger: silent, ttlMs: 400, renewEveryMs: 100 });
    const b = lease({ ttlMs: 400, renewEveryMs: 100, standbyPollMs: 50 });
    await a.tick();
    a.start();
    b.start();
    expect(b.role()).toBe("standby");
    await crashed.close(); // every later round of A fails, as if it had been SIGKILLed
    await vi.waitFor(() => expect(b.role()).toBe("holder"), { timeout: 5_000, interval: 20 });
    expect(b.epoch()).toBe(2);
    await vi.waitFor(() => expect(a.role()).toBe("standby"), { timeout: 5_000, interval: 20 });
    await a.stop();
  });
});
