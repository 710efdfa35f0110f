// Runs once around the whole run, in vitest's main process:
//   - builds dist/ so the tests that spawn the bot run exactly what `npm start` runs
//     (see bench/shared/bot-command.ts);
//   - makes the log sink directory, handed to the workers with provide/inject; every log
//     line the tests capture is copied there (test/support/log-sink.ts, log-tap.ts);
//   - probes PostgreSQL (test/support/postgres.ts): its suites run when it answers, are
//     skipped with one line when it does not, and CI=true or REQUIRE_POSTGRES=1 fails the
//     run instead;
//   - afterwards greps all of it for every test secret (test/support/secrets.ts) and fails
//     the run if one is found. The directory is removed when clean, kept when not.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildBot, ROOT } from "../bench/shared/bot-command.ts";
import { probePostgres } from "./support/postgres-probe.ts";
import { describeLeaks, scanLogDir } from "./support/secret-scan.ts";
import { TEST_SECRETS } from "./support/secrets.ts";

const DIST = join(ROOT, "dist");

export default async function setup(project: TestProject): Promise<() => void> {
  project.provide("postgresUrl", await probePostgres());
  try {
    buildBot();
  } catch (err) {
    // Only the tests that spawn the bot need dist/: they fail on their own (no bundle),
    // while the in-process tests still run and say what else is wrong.
    rmSync(DIST, { recursive: true, force: true });
    console.warn(`could not build dist/ (${(err as Error).message}); the spawning tests will fail`);
  }
  const dir = mkdtempSync(join(tmpdir(), "virt-talks-test-logs-"));
  project.provide("logSinkDir", dir);

  return function teardown() {
    const { files, lines, leaks } = scanLogDir(dir, TEST_SECRETS);
    if (leaks.length === 0) {
      // A worker closing under load can still append a line while the folder goes:
      // rmSync retries on ENOTEMPTY instead of failing the close.
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      console.log(
        `log check: ${lines} captured log lines (${files} files), none holds any of ${TEST_SECRETS.length} test secrets`,
      );
      return;
    }
    // vitest 4 reports an error thrown here ("error during close") but still exits 0;
    // the exit code has to be set as well.
    process.exitCode = 1;
    throw new Error(describeLeaks(dir, leaks));
  };
}
