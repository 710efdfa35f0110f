// Run once by test/global-setup.ts (no vitest imports here: it runs in vitest's main
// process): is a PostgreSQL server there for the suites that need one?
import pg from "pg";
import { describeDatabase } from "../../src/persist/pg-errors.ts";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";

/**
 * For test/global-setup.ts: the URL when a server answers, else null; throws instead
 * under CI=true or REQUIRE_POSTGRES=1 (.ci/run sets it), so CI never skips these suites.
 */
export async function probePostgres(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const url = env.DATABASE_URL?.trim() || DEFAULT_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return url;
  } catch (err) {
    const where = `${describeDatabase(url)} (${(err as Error).message})`;
    if (env.CI === "true" || env.REQUIRE_POSTGRES === "1")
      throw new Error(
        `CI=true (or REQUIRE_POSTGRES=1) requires the PostgreSQL suites, but no server answered at ${where}`,
      );
    console.warn(`PostgreSQL suites skipped: no server at ${where}`);
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}
