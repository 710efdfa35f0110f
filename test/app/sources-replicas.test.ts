// Schedule sources with replicas: two bots (the whole composition, in this process) on one
// fresh PostgreSQL schema, sharing the sources file and its catalog folder. Only the holder
// of the "sources-sync" lease fetches; its sync's reload reaches the other replica, which
// then serves the new talks too. When the holder stops, the other one takes the lease over.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import {
  type ScheduleServer,
  startScheduleServer,
} from "../../bench/shared/fakes/schedule-server.ts";
import { REAL_ADAPTERS } from "../../src/adapters/registry.ts";
import { type Bot, startBot } from "../../src/app/start.ts";
import { loadConfig } from "../../src/config.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { consoleStreams } from "../support/console-streams.ts";
import { fixture, tempDir } from "../support/import-helpers.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { captureLogger } from "../support/totd-helpers.ts";

const builtIn = loadCatalog().talks.length;
const bots: Bot[] = [];
let server: ScheduleServer | null = null;
let schema: TestSchema | null = null;
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
  await server?.close();
  await schema?.drop();
});

async function replica(sourcesFile: string, db: TestSchema) {
  const { input, output } = consoleStreams();
  const logs = captureLogger();
  const env = {
    STATE_DIR: tempDir(),
    SOURCES_FILE: sourcesFile,
    DATABASE_URL: db.url,
    DATABASE_SCHEMA: db.name,
  };
  const bot = await startBot(loadConfig(env, false), {
    adapters: REAL_ADAPTERS,
    logger: logs.logger,
    io: { input: () => input, output },
  });
  bots.push(bot);
  return { bot, lines: logs.lines };
}

const syncing = (lines: readonly { msg?: unknown }[]) =>
  lines.filter((l) => l.msg === "syncing the sources").length;

describePg("schedule sources with replicas", () => {
  it("exactly one replica fetches; both serve the new talks; the other takes over", async () => {
    server = await startScheduleServer();
    schema = freshSchema("sources_sync");
    server.serve({ body: readFileSync(fixture("kvm-forum-2026.json"), "utf8"), etag: '"v1"' });
    const shared = tempDir("virt-sources-replicas-");
    const sourcesFile = join(shared, "sources.json");
    writeFileSync(sourcesFile, JSON.stringify({ sources: [{ url: server.url }] }));
    const [a, b] = await Promise.all([replica(sourcesFile, schema), replica(sourcesFile, schema)]);
    await vi.waitFor(
      () => {
        expect(a.bot.health().body.catalog.talks).toBe(builtIn + 3);
        expect(b.bot.health().body.catalog.talks).toBe(builtIn + 3);
      },
      { timeout: 10_000 },
    );
    expect(server.requests).toHaveLength(1);
    expect([syncing(a.lines), syncing(b.lines)].sort()).toEqual([0, 1]);
    const [holder, standby] = syncing(a.lines) ? [a, b] : [b, a];
    // /healthz on both lists the source as the holder recorded it; the standby says who syncs.
    const [held] = holder.bot.health().body.sources ?? [];
    expect(held).toMatchObject({ source: server.url, state: "ok", syncedBy: "this replica" });
    expect(held?.lastSuccess).toEqual(expect.any(String));
    await vi.waitFor(
      () =>
        expect(standby.bot.health().body.sources).toEqual([
          { ...held, syncedBy: "another replica", nextDue: expect.any(String) },
        ]),
      { timeout: 10_000, interval: 1_000 },
    );
    // The holder stops (gives the lease up): the standby starts syncing, from the state the
    // holder stored (the source is not due again, so nothing is fetched twice).
    await holder.bot.stop();
    await vi.waitFor(() => expect(syncing(standby.lines)).toBe(1), { timeout: 10_000 });
    expect(server.requests).toHaveLength(1);
  });
});
