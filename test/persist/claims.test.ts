// Claims on PostgreSQL (src/persist/claims.ts): one replica at a time per key, a claim
// that lapses is taken over (its epoch moves on), a write under a lapsed claim is refused
// in the database, and held() answers on the process's own clock (a paused process finds
// its claim over before it asks anyone).
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPgClaims } from "../../src/persist/claims.ts";
import { LeaseLostError } from "../../src/persist/pg-statement.ts";
import { createPgStore, type PgStateStore } from "../../src/persist/pg-store.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { silent } from "./store-places.ts";

const text = (raw: unknown) => (typeof raw === "string" ? raw : undefined);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describePg("claims on PostgreSQL", () => {
  let schema: TestSchema;
  const stores: PgStateStore[] = [];
  /** One replica: a store of its own, and its claims, on a clock the test may move. */
  const replica = (skew = { ms: 0 }) => {
    const store = createPgStore({
      connectionString: schema.url,
      schema: schema.name,
      logger: silent,
      poolMax: 2,
    });
    stores.push(store);
    return {
      store,
      claims: createPgClaims(store, silent, () => performance.now() + skew.ms),
      skew,
    };
  };
  const leaseRows = async () =>
    (
      await schema.query<{ name: string; epoch: string }>(
        `SELECT name, epoch FROM "${schema.name}".leases ORDER BY name`,
      )
    ).rows.map((r) => [r.name, Number(r.epoch)]);

  beforeAll(() => {
    schema = freshSchema("claims");
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await schema.drop();
  });

  it("lets one replica at a time work on a key; a release hands it on at once", async () => {
    const a = await replica().claims.open("ns1", text, { ttlMs: 60_000 });
    const b = await replica().claims.open("ns1", text, { ttlMs: 60_000 });
    const won: boolean[] = [];
    const c = await replica().claims.open("ns1", text, { onClaim: (w) => won.push(w) });

    const first = await a.claim("slack:C1");
    expect(first).not.toBeNull();
    expect(await b.claim("slack:C1")).toBeNull();
    expect(await c.claim("slack:C1")).toBeNull();
    // Another key is free.
    const other = await b.claim("slack:C2");
    expect(other).not.toBeNull();
    await a.write(first!, "slack:C1", "posted by a");
    expect(await b.read("slack:C1")).toBe("posted by a");

    await a.release(first!);
    const next = await c.claim("slack:C1");
    expect(next).not.toBeNull();
    await c.write(next!, "slack:C1", "then c");
    expect(await a.read("slack:C1")).toBe("then c");
    expect(won).toEqual([false, true]);
    // Every take moved the epoch on (ns1's rows: the file's other tests share the schema).
    expect((await leaseRows()).filter(([name]) => String(name).startsWith("claim:ns1:"))).toEqual([
      ["claim:ns1:slack:C1", 2],
      ["claim:ns1:slack:C2", 1],
    ]);
  });

  it("takes over a lapsed claim; the old holder's writes are refused and held() says it is over", async () => {
    const paused = replica();
    const a = await paused.claims.open("ns2", text, { ttlMs: 300 });
    const b = await replica().claims.open("ns2", text, { ttlMs: 300 });
    const mine = await a.claim("matrix:!r");
    expect(mine!.held(100)).toBe(true);
    expect(await b.claim("matrix:!r")).toBeNull();

    await sleep(350); // a's process stood still past its claim (SIGSTOP, a GC pause)
    expect(mine!.held(0)).toBe(false);
    const taken = await b.claim("matrix:!r");
    expect(taken).not.toBeNull();
    await b.write(taken!, "matrix:!r", "b's record");
    await expect(a.write(mine!, "matrix:!r", "a's stale record")).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    // a's release of its old claim leaves b's alone.
    await a.release(mine!);
    expect(await a.claim("matrix:!r")).toBeNull();
    expect(await a.read("matrix:!r")).toBe("b's record");
  });

  it("held() counts on the process's own clock, from before the claim was asked for", async () => {
    const r = replica();
    const values = await r.claims.open("ns3", text, { ttlMs: 10_000 });
    const claim = await values.claim("k");
    expect(claim!.held(5_000)).toBe(true);
    r.skew.ms = 6_000; // the process was stopped for six seconds
    expect(claim!.held(5_000)).toBe(false);
    expect(claim!.held(0)).toBe(true);
    r.skew.ms = 10_000;
    expect(claim!.held(0)).toBe(false);
  });

  it("a process may take its own claim again (an answer lost with its connection): a new epoch", async () => {
    const r = replica();
    const values = await r.claims.open("ns4", text, { ttlMs: 60_000 });
    const lost = await values.claim("k"); // as if the answer never came back
    const again = await values.claim("k");
    expect(again).not.toBeNull();
    await values.write(again!, "k", "new");
    await expect(values.write(lost!, "k", "old")).rejects.toBeInstanceOf(LeaseLostError);
    expect(await values.read("k")).toBe("new");
  });

  it("refuses a write outside a claim", async () => {
    const values = await replica().claims.open("ns5", text);
    const other = await replica().claims.open("ns6", text);
    const claim = await other.claim("k");
    await expect(values.write(claim!, "k", "x")).rejects.toThrow();
  });
});
