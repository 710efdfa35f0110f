// PostgreSQL unreachable at start: the replica says so, keeps trying (backoff), and all
// that time answers on its port: /healthz 503 with the reason, Slack's requests 503 (Slack
// sends them again), nothing answered without its state. Once PostgreSQL accepts, the bot
// starts on the same port. PostgreSQL is reached through a local proxy that first refuses
// connections (test/support/tcp-proxy.ts), then accepts them.
import { afterEach, expect, it, vi } from "vitest";
import { freePort } from "../../bench/shared/bot-process.ts";
import { type FakeSlack, startFakeSlack } from "../../bench/shared/fakes/slack-web-api.ts";
import { mentionBody, sendSigned } from "../../bench/shared/slack-signing.ts";
import { REAL_ADAPTERS } from "../../src/adapters/registry.ts";
import { type Bot, startBot } from "../../src/app/start.ts";
import { loadConfig } from "../../src/config.ts";
import { consoleStreams } from "../support/console-streams.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { SLACK_HARNESS } from "../support/secrets.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { captureLogger, removeTempDirs, tempDir } from "../support/totd-helpers.ts";

let cleanUp: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanUp.reverse()) await f();
  cleanUp = [];
  removeTempDirs();
});

interface Health {
  readonly status: number;
  readonly body: { status?: string; detail?: string; store?: { kind?: string } };
}

async function health(port: number): Promise<Health | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as Health["body"] };
  } catch {
    return null;
  }
}

describePg("PostgreSQL unreachable at start", () => {
  it("answers /healthz 503 with the reason and refuses Slack's requests until it can reach it, then starts", async () => {
    const schema: TestSchema = freshSchema("start_waiting");
    cleanUp.push(() => schema.drop());
    const target = new URL(schema.url);
    const proxy: TcpProxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    cleanUp.push(() => proxy.close());
    await proxy.down(); // refusing: what a stopped server looks like
    const fake: FakeSlack = await startFakeSlack({ token: SLACK_HARNESS.botToken });
    cleanUp.push(() => fake.close());
    const url = new URL(schema.url);
    url.port = String(proxy.port);
    const port = await freePort();
    const { logger, lines } = captureLogger();
    const { input, output } = consoleStreams();
    const config = loadConfig(
      {
        HOST: "127.0.0.1",
        PORT: String(port),
        STATE_DIR: tempDir(),
        DATABASE_URL: url.toString(),
        DATABASE_SCHEMA: schema.name,
        SLACK_BOT_TOKEN: SLACK_HARNESS.botToken,
        SLACK_SIGNING_SECRET: SLACK_HARNESS.signingSecret,
        SLACK_API_URL: fake.apiUrl,
      },
      false,
    );
    const starting = startBot(config, {
      adapters: REAL_ADAPTERS,
      logger,
      io: { input: () => input, output },
    });
    let bot: Bot | null = null;
    cleanUp.push(async () => (bot ?? (await starting.catch(() => null)))?.stop());

    // Waiting: the reason on /healthz, a retry after the first failure, Slack turned away.
    await vi.waitFor(
      async () => {
        const h = await health(port);
        expect(h?.status).toBe(503);
        expect(h?.body.detail).toContain("state store unreachable");
      },
      { timeout: 10_000, interval: 50 },
    );
    const h = await health(port);
    expect(h?.body).toMatchObject({ status: "starting", store: { kind: "postgres" } });
    expect(h?.body.detail).toMatch(/attempt \d+; next in/);
    const refused = await sendSigned(
      `http://127.0.0.1:${port}/slack/events`,
      mentionBody({ eventId: "Ev0WAIT1", text: "<@UBOT0001> numa", userId: "U0USER001" }),
      { secret: SLACK_HARNESS.signingSecret, contentType: "application/json" },
    );
    expect(refused.status).toBe(503);
    await vi.waitFor(
      () =>
        expect(
          lines.filter(
            (l) => l.msg === "state store unreachable at start; not answering until it is",
          ).length,
        ).toBeGreaterThanOrEqual(2),
      { timeout: 10_000, interval: 50 },
    );
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);

    // PostgreSQL accepts again: the bot starts, on the same port.
    await proxy.up();
    bot = await starting;
    expect(bot.http?.address.port).toBe(port);
    await bot.ready;
    const up = await health(port);
    expect(up?.status).toBe(200);
    expect(up?.body.store?.kind).toBe("postgres");
  }, 30_000);
});
