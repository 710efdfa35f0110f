// PostgreSQL for the tests: the real server this machine kind runs (127.0.0.1:5432, or
// DATABASE_URL), probed once per run by test/global-setup.ts. Suites that need it use
// describePg: they run when the server answered and are skipped otherwise, with one line
// saying so for the whole run; with CI=true or REQUIRE_POSTGRES=1 (.ci/run) an unreachable
// server fails the run instead.
// (The probe: test/support/postgres-probe.ts.) Each test file works in a schema of its own
// (freshSchema), dropped afterwards, so parallel workers and parallel runs never meet.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The database the PostgreSQL suites use; null when none answered (they skip). */
    postgresUrl: string | null;
  }
}

/** The database URL when the PostgreSQL suites run in this worker, else null. */
export function postgresUrl(): string | null {
  try {
    return inject("postgresUrl") ?? null;
  } catch {
    return null; // not under the suite's global setup
  }
}

/** describe() when PostgreSQL answered at the start of the run, describe.skip() otherwise. */
export const describePg: typeof describe = ((name: string, fn: () => void) =>
  postgresUrl() ? describe(name, fn) : describe.skip(name, fn)) as typeof describe;

export interface TestSchema {
  readonly url: string;
  /** Unquoted, lower-case: a fresh schema no other test uses. */
  readonly name: string;
  /** Runs one statement on a connection of its own (planting rows, inspecting). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
  ): Promise<pg.QueryResult<R>>;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** A schema name nobody else uses (created by the store under test, or by `create`). */
export function freshSchema(label: string): TestSchema {
  const url = postgresUrl();
  if (!url) throw new Error("freshSchema: PostgreSQL is not available in this run");
  const name = `vt_${label.replace(/[^a-z0-9]/g, "_")}_${randomBytes(5).toString("hex")}`;
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    name,
    query: (sql, params) => pool.query(sql, params),
    async drop() {
      await pool.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(name)} CASCADE`);
      await pool.end();
    },
  };
}
