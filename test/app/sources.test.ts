// Schedule sources in a running bot: with SOURCES_FILE listing a schedule served on
// 127.0.0.1, the bot imports it at start into the sources' folder, serves the new talks
// and shows the source in /healthz; a failing source leaves the catalog as it was.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
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
import { captureLogger } from "../support/totd-helpers.ts";

/** The built-in catalog's size: what the bot serves before any source is imported. */
const builtIn = loadCatalog().talks.length;
let server: ScheduleServer;
const bots: Bot[] = [];
beforeEach(async () => {
  server = await startScheduleServer();
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
  await server.close();
});

async function botWithSources() {
  const dir = tempDir("virt-bot-sources-");
  const sourcesFile = join(dir, "sources.json");
  writeFileSync(sourcesFile, JSON.stringify({ sources: [{ url: server.url }] }));
  const { input, output } = consoleStreams();
  const { logger, lines } = captureLogger();
  const bot = await startBot(
    loadConfig({ STATE_DIR: tempDir(), SOURCES_FILE: sourcesFile }, false),
    {
      adapters: REAL_ADAPTERS,
      logger,
      io: { input: () => input, output },
    },
  );
  bots.push(bot);
  return { bot, dir, lines };
}

describe("schedule sources in the running bot", () => {
  it("imports a source at start, serves its talks and shows it in /healthz", async () => {
    server.serve({ body: readFileSync(fixture("kvm-forum-2026.json"), "utf8"), etag: '"v1"' });
    const { bot, dir } = await botWithSources();
    await vi.waitFor(() => expect(bot.health().body.catalog.talks).toBe(builtIn + 3), {
      timeout: 10_000,
    });
    expect(bot.health().body.sources).toMatchObject([
      { source: server.url, state: "ok", failures: 0 },
    ]);
    // Written beside the sources file (no CATALOG_DIRS), which the bot loads too.
    expect(JSON.parse(readFileSync(join(dir, "kvm-forum-2026.json"), "utf8")).talks).toHaveLength(
      3,
    );
  });

  it("a failing source at start keeps the catalog and shows as failing", async () => {
    server.serve({ status: 503 });
    const { bot, lines } = await botWithSources();
    await vi.waitFor(() => expect(bot.health().body.sources?.[0]?.state).toBe("failing"), {
      timeout: 10_000,
    });
    expect(bot.health().body.catalog.talks).toBe(builtIn);
    expect(bot.health().body.sources?.[0]?.lastError).toBe("the server answered HTTP 503");
    expect(
      lines.filter((l) => l.msg === "schedule source failing: keeping its last good talks"),
    ).toHaveLength(1);
  });
});
