// The statements of the PostgreSQL store, each built with its own numbered parameters
// (PostgreSQL refuses a parameter a statement does not use), optionally fenced by a lease:
// a fenced write happens only while the lease is held at the given epoch, checked in the
// same statement, with the lease row locked FOR SHARE so a takeover waits for the write.
import type { QueryConfig } from "pg";

/** Who must still hold which lease for a fenced write to happen. */
export interface Fence {
  readonly lease: string;
  readonly holder: string;
  readonly epoch: number;
}

/** The database's clock in ms: what lease expiry is always measured on. */
export const DB_NOW = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ""}`;
  }
}

export interface Target {
  /** Quoted schema name. */
  readonly schema: string;
  readonly namespace: string;
  /** The caller's clock in ms, or null for the database's. */
  readonly now: number | null;
}

const build = (p: Params, text: string): QueryConfig => ({ text, values: p.values });
const table = (t: Target) => `${t.schema}.state_entries`;
const nowOf = (p: Params, t: Target) => `COALESCE(${p.add(t.now, "bigint")}, ${DB_NOW})`;
const live = (p: Params, t: Target) => `(expires_at IS NULL OR expires_at > ${nowOf(p, t)})`;

function fenceHolds(p: Params, t: Target, f: Fence): string {
  return `EXISTS (SELECT 1 FROM ${t.schema}.leases WHERE name = ${p.add(f.lease, "text")}
    AND holder = ${p.add(f.holder, "text")} AND epoch = ${p.add(f.epoch, "bigint")}
    AND expires_at > ${DB_NOW} FOR SHARE)`;
}

export const sql = {
  readAll(t: Target): QueryConfig {
    const p = new Params();
    return build(p, `SELECT key, value FROM ${table(t)} WHERE namespace = ${p.add(t.namespace)}`);
  },
  moveAside(t: Target, to: string): QueryConfig {
    const p = new Params();
    return build(
      p,
      `UPDATE ${table(t)} SET namespace = ${p.add(to)} WHERE namespace = ${p.add(t.namespace)}`,
    );
  },
  purge(t: Target): QueryConfig {
    const p = new Params();
    return build(
      p,
      `DELETE FROM ${table(t)} WHERE namespace = ${p.add(t.namespace)} AND expires_at <= ${nowOf(p, t)}`,
    );
  },
  get(t: Target, key: string): QueryConfig {
    const p = new Params();
    return build(
      p,
      `SELECT value FROM ${table(t)}
       WHERE namespace = ${p.add(t.namespace)} AND key = ${p.add(key)} AND ${live(p, t)}`,
    );
  },
  entries(t: Target): QueryConfig {
    const p = new Params();
    return build(
      p,
      `SELECT key, value FROM ${table(t)}
       WHERE namespace = ${p.add(t.namespace)} AND ${live(p, t)} ORDER BY seq`,
    );
  },
  /** RETURNING writer: one row when stored. `onlyIfAbsent`: absent or expired keys only. */
  upsert(
    t: Target,
    w: { key: string; json: string; ttlMs: number | null; token: string; onlyIfAbsent: boolean },
    fence?: Fence,
  ): QueryConfig {
    const p = new Params();
    const ttl = p.add(w.ttlMs, "bigint");
    const expires = `CASE WHEN ${ttl} IS NULL THEN NULL ELSE ${nowOf(p, t)} + ${ttl} END`;
    const row = `${p.add(t.namespace, "text")}, ${p.add(w.key, "text")}, ${p.add(w.json, "jsonb")}, ${expires}, ${p.add(w.token, "uuid")}`;
    const guard = fence ? `WHERE ${fenceHolds(p, t, fence)}` : "";
    const absent = w.onlyIfAbsent
      ? `WHERE t.expires_at IS NOT NULL AND t.expires_at <= ${nowOf(p, t)}`
      : "";
    return build(
      p,
      `INSERT INTO ${table(t)} AS t (namespace, key, value, expires_at, writer)
       SELECT ${row} ${guard}
       ON CONFLICT (namespace, key) DO UPDATE
         SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at, writer = EXCLUDED.writer
       ${absent}
       RETURNING writer`,
    );
  },
  /** One row, `held`: whether the fence held (always true unfenced). */
  delete(t: Target, key: string, fence?: Fence): QueryConfig {
    const p = new Params();
    const held = fence ? fenceHolds(p, t, fence) : "true";
    return build(
      p,
      `WITH f AS (SELECT ${held} AS held),
       d AS (DELETE FROM ${table(t)} WHERE namespace = ${p.add(t.namespace)} AND key = ${p.add(key)}
             AND (SELECT held FROM f) RETURNING 1)
       SELECT (SELECT held FROM f) AS held, (SELECT count(*) FROM d) AS deleted`,
    );
  },
  /** One row when `token` wrote the key (a put-if-absent retry recognising its own commit). */
  writtenBy(t: Target, key: string, token: string): QueryConfig {
    const p = new Params();
    return build(
      p,
      `SELECT 1 FROM ${table(t)}
       WHERE namespace = ${p.add(t.namespace)} AND key = ${p.add(key)} AND writer = ${p.add(token, "uuid")}`,
    );
  },
  /** One row, `held`: whether the fence holds now. */
  fenceHolds(t: Target, fence: Fence): QueryConfig {
    const p = new Params();
    return build(p, `SELECT ${fenceHolds(p, t, fence)} AS held`);
  },
};
