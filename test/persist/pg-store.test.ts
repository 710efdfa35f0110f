// What only the PostgreSQL store has: a schema migrated by several replicas starting at
// once, connections that die (a server restart, seen through a proxy that cuts them), a
// server that is not there, a statement that hangs, a bounded pool, and errors that name
// the store, the namespace, the database and never the password.
import { afterAll, beforeAll, expect, it } from "vitest";
import { StateStoreError } from "../../src/core/state-store.ts";
import { createPgStore, type PgStateStore } from "../../src/persist/pg-store.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { silent } from "./store-places.ts";

const text = (raw: unknown) => (typeof raw === "string" ? raw : undefined);
const ONE_TRY = {
  attempts: 1,
  backoff: { initialMs: 1, maxMs: 1 },
  maxWaitMs: 0,
  idempotent: true,
};

describePg("PostgreSQL state store", () => {
  let schema: TestSchema;
  let proxy: TcpProxy;
  const stores: PgStateStore[] = [];
  const store = (extra: Partial<Parameters<typeof createPgStore>[0]> = {}) => {
    const s = createPgStore({
      connectionString: schema.url,
      schema: schema.name,
      logger: silent,
      ...extra,
    });
    stores.push(s);
    return s;
  };
  /** The same database, reached through the proxy. */
  const viaProxy = () => {
    const url = new URL(schema.url);
    url.hostname = "127.0.0.1";
    url.port = String(proxy.port);
    return url.toString();
  };

  beforeAll(async () => {
    schema = freshSchema("pgstore");
    const target = new URL(schema.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close().catch(() => {})));
    await proxy.close();
    await schema.drop();
  });

  it("migrates once when four replicas start at the same moment, and again is a no-op", async () => {
    const replicas = [1, 2, 3, 4].map(() => store());
    await Promise.all(replicas.map((r) => r.ready()));
    const applied = await schema.query<{ version: number }>(
      `SELECT version FROM "${schema.name}".schema_migrations ORDER BY version`,
    );
    expect(applied.rows.map((r) => r.version)).toEqual([1, 2]);
    await store().ready();
    expect((await schema.query(`SELECT * FROM "${schema.name}".schema_migrations`)).rowCount).toBe(
      2,
    );
  });

  it("reconnects after every connection was cut (a server restart) and loses nothing", async () => {
    const s = store({ connectionString: viaProxy() });
    const ns = await s.open("restart", text);
    await ns.put("before", "1");
    proxy.cut();
    await ns.put("after", "2");
    expect(await ns.putIfAbsent("claim", "x")).toBe(true);
    proxy.cut();
    expect(await ns.putIfAbsent("claim", "y")).toBe(false);
    expect(await ns.entries()).toEqual([
      ["before", "1"],
      ["after", "2"],
      ["claim", "x"],
    ]);
  });

  it("names a database that is down as a state-store failure, and works when it is back", async () => {
    let errors = 0;
    const s = store({
      connectionString: viaProxy(),
      retry: ONE_TRY,
      onDatabaseError: () => errors++,
    });
    const ns = await s.open("outage", text);
    await proxy.down();
    const error = await ns.put("k", "v").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as StateStoreError).store).toBe("postgres");
    expect((error as Error).message).toMatch(
      new RegExp(
        `^postgres state store "outage": put failed on 127\\.0\\.0\\.1:${proxy.port}/test: `,
      ),
    );
    expect(await s.ping()).toBe(false);
    expect(errors).toBe(1); // the put; a ping is a question, not a statement of ours
    await proxy.up();
    await ns.put("k", "v");
    expect(await ns.get("k")).toBe("v");
    expect(await s.ping()).toBe(true);
  });

  it("says which database it could not reach at start, without the password, and retries later", async () => {
    await proxy.down();
    const url = new URL(viaProxy());
    url.username = "postgres";
    url.password = "hunter2-not-logged";
    const s = store({ connectionString: url.toString(), retry: ONE_TRY });
    const error = await s.ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as Error).message).toContain(`on 127.0.0.1:${proxy.port}/test`);
    expect((error as Error).message).not.toContain("hunter2");
    expect(s.target).toBe(`127.0.0.1:${proxy.port}/test`);
    await proxy.up();
    await s.ready();
    expect(await (await s.open("late", text)).putIfAbsent("k", "v")).toBe(true);
  });

  it("gives up on a statement after its timeout instead of hanging", async () => {
    const s = store({ statementTimeoutMs: 300, retry: ONE_TRY });
    const ns = await s.open("locked", text);
    await ns.put("row", "old");
    // Another session holds the row: our update has to wait for it.
    const { default: pg } = await import("pg");
    const holder = new pg.Client({ connectionString: schema.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(
        `SELECT 1 FROM "${schema.name}".state_entries WHERE namespace = 'locked' FOR UPDATE`,
      );
      const error = await ns.put("row", "new").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateStoreError);
      expect((error as Error).message).toContain("statement timeout");
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
    expect(await ns.get("row")).toBe("old");
  });

  it("never opens more connections than its bound", async () => {
    const s = store({ poolMax: 2 });
    const ns = await s.open("bounded", text);
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        await ns.put(`k${i}`, "v");
        most = Math.max(most, s.pool.totalCount);
      }),
    );
    expect(most).toBeLessThanOrEqual(2);
    expect(await ns.entries()).toHaveLength(30);
  });
});
