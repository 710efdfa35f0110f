// The bot on the state store its configuration names: files in STATE_DIR (locked to one
// process) or PostgreSQL with DATABASE_URL; /healthz says which, and stop() lets go of it.
import { afterEach, describe, expect, it } from "vitest";
import { REAL_ADAPTERS } from "../../src/adapters/registry.ts";
import { type Bot, startBot } from "../../src/app/start.ts";
import { loadConfig } from "../../src/config.ts";
import { consoleStreams } from "../support/console-streams.ts";
import { describePg, freshSchema } from "../support/postgres.ts";
import { captureLogger, tempDir } from "../support/totd-helpers.ts";

const bots: Bot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
});

async function consoleBot(env: Record<string, string>): Promise<Bot> {
  const { input, output } = consoleStreams();
  const bot = await startBot(loadConfig(env, false), {
    adapters: REAL_ADAPTERS,
    logger: captureLogger().logger,
    io: { input: () => input, output },
  });
  bots.push(bot);
  return bot;
}

describe("the state store of a running bot", () => {
  it("is STATE_DIR's files without DATABASE_URL, and the directory is free again after stop", async () => {
    const dir = tempDir();
    const bot = await consoleBot({ STATE_DIR: dir });
    expect(bot.health().body.store).toEqual({ kind: "file", where: dir });
    await bot.stop();
    const again = await consoleBot({ STATE_DIR: dir });
    expect(again.health().body.store?.kind).toBe("file");
  });
});

describePg("the state store on PostgreSQL", () => {
  it("is PostgreSQL for every namespace with DATABASE_URL, named without a password", async () => {
    const schema = freshSchema("start");
    try {
      const bot = await consoleBot({ DATABASE_URL: schema.url, DATABASE_SCHEMA: schema.name });
      const store = bot.health().body.store;
      expect(store?.kind).toBe("postgres");
      expect(store?.where).toContain(`schema ${schema.name}`);
      await bot.stop();
      const tables = await schema.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1",
        [schema.name],
      );
      expect(tables.rows.length).toBeGreaterThan(0);
    } finally {
      await schema.drop();
    }
  });
});
