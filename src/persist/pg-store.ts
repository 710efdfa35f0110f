// The state store on PostgreSQL, shared by every replica: one row per key in
// <schema>.state_entries (pg-schema.ts). Nothing is cached in the process, so what one
// replica stores the next read of another sees.
//
// Expiry is a column compared in SQL against the caller's clock when it has one (tests on
// a fake clock), else against the database's clock, which all replicas share.
// A statement that fails because the connection or the server went away (a restart, a
// failover) is tried again on a fresh connection (src/core/retry.ts); every operation is
// safe to repeat, put-if-absent included: each call writes a token of its own, so a retry
// of a put that did commit recognises its own row instead of reporting "taken".
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { RetryPolicy } from "../core/retry.ts";
import type { KeyValue, PutOptions, StateStore, Validate } from "../core/state-store.ts";
import type { Logger } from "../log.ts";
import { checkNamespaceName } from "./namespace.ts";
import { describeDatabase, pgErrorText } from "./pg-errors.ts";
import { migrate } from "./pg-schema.ts";
import { type Fence, sql, type Target } from "./pg-sql.ts";
import { createStatementRunner, LeaseLostError, PG_RETRY } from "./pg-statement.ts";

interface PgStoreOptions {
  readonly connectionString: string;
  /** Where the tables live; created if missing. */
  readonly schema: string;
  readonly logger: Logger;
  /** Connections at most (the pool's bound). */
  readonly poolMax?: number;
  /** Server-side limit per statement; the client gives up a second later. */
  readonly statementTimeoutMs?: number;
  /** Milliseconds since the epoch for expiry; the database's clock without it. */
  readonly now?: () => number;
  /** Retries of a statement whose connection failed. */
  readonly retry?: RetryPolicy;
  /** Called for every failed statement, retried or not (the /metrics counter). */
  readonly onDatabaseError?: () => void;
}

export interface PgStateStore extends StateStore {
  /** `host:port/database`, without credentials: for logs and /healthz. */
  readonly target: string;
  /** Creates or migrates the schema; open() waits for it. Rejects with StateStoreError. */
  ready(): Promise<void>;
  /** true when a trivial query answers (for /healthz). */
  ping(): Promise<boolean>;
  /**
   * A namespace whose writes happen only while `fence()` (a lease, src/persist/lease.ts)
   * still holds, checked atomically with each write; otherwise they reject with
   * LeaseLostError. Reads are not fenced.
   */
  openFenced<T>(name: string, validate: Validate<T>, fence: () => Fence): Promise<KeyValue<T>>;
  /** The pool, for modules sharing the database (src/persist/lease.ts). */
  readonly pool: pg.Pool;
  /** The schema name quoted for SQL. */
  readonly schema: string;
  close(): Promise<void>;
}

const PURGE_EVERY_MS = 60_000;

export function createPgStore(options: PgStoreOptions): PgStateStore {
  const { logger } = options;
  const target = describeDatabase(options.connectionString);
  const statementTimeoutMs = options.statementTimeoutMs ?? 5_000;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolMax ?? 5,
    connectionTimeoutMillis: statementTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 1_000,
    keepAlive: true,
    application_name: "virt-talks",
  });
  // An idle connection the server closed (a restart) errors here; the pool drops it and
  // the next query opens a new one. Without a listener the process would crash.
  pool.on("error", (err) =>
    logger.warn({ database: target, err: pgErrorText(err) }, "database connection lost"),
  );
  const schema = pg.escapeIdentifier(options.schema);
  const clock = options.now;

  const run = createStatementRunner({
    target,
    logger,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.onDatabaseError ? { onDatabaseError: options.onDatabaseError } : {}),
  });

  let migrated: Promise<void> | null = null;
  const ready = () => {
    // Without patience: at start the caller (open-store.ts) waits, saying so in the log.
    migrated ??= run(
      "(schema)",
      `migrating schema ${options.schema}`,
      () => migrate(pool, schema, logger).then(() => {}),
      { ...(options.retry ?? PG_RETRY), patienceMs: 0 },
    ).catch((err: unknown) => {
      migrated = null; // the next call tries again
      throw err;
    });
    return migrated;
  };

  async function openNamespace<T>(
    name: string,
    validate: Validate<T>,
    fence?: () => Fence,
  ): Promise<KeyValue<T>> {
    checkNamespaceName(name, "postgres");
    await ready();
    const t = (): Target => ({ schema, namespace: name, now: clock?.() ?? null });
    const q = (what: string, query: () => pg.QueryConfig) =>
      run(name, what, () => pool.query(query()));
    const read = (key: string, raw: unknown): T | undefined => {
      const value = validate(raw);
      if (value === undefined)
        logger.warn({ namespace: name, key }, "stored value is not valid; treated as absent");
      return value;
    };
    const lost = (f: Fence) => new LeaseLostError(name, f);

    // Like the file store: a namespace holding a value this build refuses is moved aside
    // (renamed, kept for inspection) and starts empty.
    const all = await q("reading", () => sql.readAll(t()));
    const bad = all.rows.find((r: { value: unknown }) => validate(r.value) === undefined);
    if (bad) {
      const aside = `${name}.corrupt-${new Date().toISOString()}`;
      await q("moving aside", () => sql.moveAside(t(), aside));
      logger.error(
        { namespace: name, database: target, movedTo: aside, problem: `entry "${bad.key}"` },
        "stored namespace is not valid; starting empty",
      );
    }
    // Expired rows are invisible at once and deleted now and then (at most once a minute
    // a namespace, after a put with a time to live), so a claims namespace stays small.
    let purgedAt = 0;
    const expiry = (opts?: PutOptions) => {
      if (opts?.ttlMs === undefined) return null;
      if (Date.now() - purgedAt >= PURGE_EVERY_MS) {
        purgedAt = Date.now();
        q("purging expired", () => sql.purge(t())).catch((err: unknown) =>
          logger.warn({ namespace: name, err: pgErrorText(err) }, "purging expired entries failed"),
        );
      }
      return opts.ttlMs;
    };
    const write = (key: string, value: T, opts: PutOptions | undefined, onlyIfAbsent: boolean) => ({
      key,
      json: JSON.stringify(value),
      ttlMs: expiry(opts),
      token: randomUUID(),
      onlyIfAbsent,
    });

    return {
      recovered: bad !== undefined,
      async get(key) {
        const r = await q("get", () => sql.get(t(), key));
        return r.rows[0] ? read(key, r.rows[0].value) : undefined;
      },
      async put(key, value, opts) {
        const w = write(key, value, opts, false);
        const f = fence?.();
        const r = await q("put", () => sql.upsert(t(), w, f));
        if (f && r.rowCount === 0) throw lost(f);
      },
      async putIfAbsent(key, value, opts) {
        const w = write(key, value, opts, true);
        const f = fence?.();
        return run(name, "put-if-absent", async (attempt) => {
          if ((await pool.query(sql.upsert(t(), w, f))).rowCount === 1) return true;
          if (f && !(await pool.query(sql.fenceHolds(t(), f))).rows[0].held) throw lost(f);
          if (attempt === 1) return false;
          // A retry: the first attempt may have committed before its connection died.
          return (await pool.query(sql.writtenBy(t(), key, w.token))).rowCount === 1;
        });
      },
      async delete(key) {
        const f = fence?.();
        const r = await q("delete", () => sql.delete(t(), key, f));
        if (f && !r.rows[0].held) throw lost(f);
      },
      async entries() {
        const r = await q("entries", () => sql.entries(t()));
        const out: Array<readonly [string, T]> = [];
        for (const row of r.rows as Array<{ key: string; value: unknown }>) {
          const value = read(row.key, row.value);
          if (value !== undefined) out.push([row.key, value]);
        }
        return out;
      },
    };
  }

  return {
    target,
    pool,
    schema,
    ready,
    open: (name, validate) => openNamespace(name, validate),
    openFenced: openNamespace,
    async ping() {
      try {
        await pool.query("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}
