// The PostgreSQL schema, versioned. Migrations run at every start and are safe when several
// replicas start at once, without advisory locks (they break behind transaction-pooling
// proxies such as PgBouncer):
//   - the schema and the migrations table come from CREATE ... IF NOT EXISTS; two of those
//     racing can still fail on a catalog unique index (23505) or as a duplicate (42P06,
//     42P07, or 42710 for the table's row type), and the loser simply tries again and
//     finds them there;
//   - each migration runs in one transaction that first inserts its version into
//     schema_migrations. The primary key makes a second replica's insert wait for the
//     first's transaction: if that commits, the insert does nothing and the migration is
//     skipped; if it rolls back, the second replica applies it. DDL is transactional in
//     PostgreSQL, so a migration is all there or not at all.
// Append only: never edit an applied migration, add the next version.
import type { Pool, PoolClient } from "pg";
import type { Logger } from "../log.ts";

interface Migration {
  readonly version: number;
  readonly name: string;
  /** The statements, given the quoted schema name. */
  readonly statements: (schema: string) => readonly string[];
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "state entries",
    statements: (s) => [
      `CREATE TABLE IF NOT EXISTS ${s}.state_entries (
         namespace text NOT NULL,
         key text NOT NULL,
         value jsonb NOT NULL,
         expires_at bigint,
         seq bigint GENERATED ALWAYS AS IDENTITY,
         writer uuid,
         PRIMARY KEY (namespace, key)
       )`,
      `CREATE INDEX IF NOT EXISTS state_entries_expiry
         ON ${s}.state_entries (expires_at) WHERE expires_at IS NOT NULL`,
    ],
  },
  {
    version: 2,
    name: "leases",
    statements: (s) => [
      `CREATE TABLE IF NOT EXISTS ${s}.leases (
         name text PRIMARY KEY,
         holder text NOT NULL,
         epoch bigint NOT NULL,
         expires_at bigint NOT NULL
       )`,
    ],
  },
];

/** The newest schema version this build knows. */
const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Catalog races of concurrent CREATE ... IF NOT EXISTS: the object is there, look again. */
const CREATED_MEANWHILE = new Set(["23505", "42P06", "42P07", "42710"]);
const codeOf = (err: unknown) => (err as { code?: unknown }).code;

async function ensureBase(pool: Pool, schema: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await pool.query(
        `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      return;
    } catch (err) {
      if (attempt >= 3 || !CREATED_MEANWHILE.has(codeOf(err) as string)) throw err;
    }
  }
}

async function applyOne(client: PoolClient, schema: string, m: Migration): Promise<boolean> {
  await client.query("BEGIN");
  try {
    const claimed = await client.query(
      `INSERT INTO ${schema}.schema_migrations (version, name) VALUES ($1, $2)
       ON CONFLICT (version) DO NOTHING RETURNING version`,
      [m.version, m.name],
    );
    if (claimed.rowCount === 0) {
      await client.query("ROLLBACK");
      return false; // another replica applied it
    }
    for (const sql of m.statements(schema)) await client.query(sql);
    await client.query("COMMIT");
    return true;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

/** Brings `schema` to SCHEMA_VERSION; returns the versions this call applied. */
export async function migrate(pool: Pool, schema: string, logger: Logger): Promise<number[]> {
  await ensureBase(pool, schema);
  const { rows } = await pool.query<{ version: number }>(
    `SELECT version FROM ${schema}.schema_migrations`,
  );
  const done = new Set(rows.map((r) => r.version));
  const newer = [...done].filter((v) => v > SCHEMA_VERSION);
  if (newer.length)
    logger.warn(
      { schema, database: Math.max(...newer), build: SCHEMA_VERSION },
      "the database schema is newer than this build; running on the parts it knows",
    );
  const applied: number[] = [];
  const client = await pool.connect();
  // Between two statements a checked-out client has no query to report a dropped
  // connection to: without a listener its "error" event would crash the process.
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on("error", onError);
  try {
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      if (await applyOne(client, schema, m)) applied.push(m.version);
    }
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
  if (applied.length) logger.info({ schema, applied }, "database schema migrated");
  return applied;
}
