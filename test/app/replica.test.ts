// Two bots (the whole composition, in this process) on one PostgreSQL and the fake
// homeserver: /healthz names each one's role, lease epoch, database reachability and
// catalog version; /metrics counts the syncer's takeover; POST /admin/reload on the
// standby reloads the syncer too.
import { afterEach, expect, it } from "vitest";
import { FakeHomeserver } from "../../bench/shared/fakes/homeserver.ts";
import { REAL_ADAPTERS } from "../../src/adapters/registry.ts";
import { type Bot, startBot } from "../../src/app/start.ts";
import { loadConfig } from "../../src/config.ts";
import { consoleStreams } from "../support/console-streams.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { replicaEnv } from "../support/replica-env.ts";
import { MATRIX_HARNESS_TOKEN } from "../support/secrets.ts";
import { captureLogger } from "../support/totd-helpers.ts";

/** Listed in TEST_SECRETS (the import tests use it too). */
const ADMIN = "admin-token-for-tests-0123456789";
const bots: Bot[] = [];
let hs: FakeHomeserver | null = null;
let schema: TestSchema | null = null;
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
  await hs?.close();
  await schema?.drop();
});

async function replica() {
  const logs = captureLogger([MATRIX_HARNESS_TOKEN, ADMIN]);
  if (!hs || !schema) throw new Error("set up first");
  const { input, output } = consoleStreams();
  const config = loadConfig({ ...replicaEnv(schema, hs), ADMIN_TOKEN: ADMIN }, false);
  const bot = await startBot(config, {
    adapters: REAL_ADAPTERS,
    logger: logs.logger,
    io: { input: () => input, output },
  });
  bots.push(bot);
  await bot.ready;
  return { bot, lines: logs.lines };
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 1_000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describePg("replicas of the whole bot", () => {
  it("report role, epoch, database and catalog version; an admin reload on one reaches the other", async () => {
    hs = await FakeHomeserver.start({ accessToken: MATRIX_HARNESS_TOKEN });
    schema = freshSchema("replica_bot");
    const { bot: first, lines } = await replica();
    await until(() => first.health().body.replica?.role === "syncer", "the first one syncing");
    const { bot: second } = await replica();
    const [a, b] = [first.health().body, second.health().body];
    expect(a.replica).toEqual({ database: "reachable", role: "syncer", epoch: 1 });
    expect(b.replica).toEqual({ database: "reachable", role: "standby", epoch: null });
    expect(b.adapters.matrix).toEqual({ state: "up", detail: "standby: another replica syncs" });
    expect(a.catalog.version).toMatch(/^\d+-[0-9a-f]{12}$/);
    expect(b.catalog.version).toBe(a.catalog.version);
    expect(await first.metrics.render()).toContain("virt_talks_matrix_sync_takeovers_total 1\n");
    expect(await second.metrics.render()).toContain("virt_talks_matrix_sync_takeovers_total 0\n");

    const port = second.http?.address.port;
    const res = await fetch(`http://127.0.0.1:${port}/admin/reload`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.status).toBe(200);
    // The other replica reloads for this one, and says why.
    await until(
      () => lines.some((l) => l.msg === "catalog reloaded" && l.reason === "replica"),
      "the syncer reloading for the standby",
    );
  });
});
