// Two whole bots (the composition, in this process) on one PostgreSQL schema and the fake
// Slack Web API: `/virt subscribe` answered by one replica is on the other's schedule at
// once (the wiring's LISTEN/NOTIFY announcement), and `/virt unsubscribe` through the
// other takes it off both, before its post time comes. Each replica listens on one
// connection for both the catalog reloads and the subscription changes.
import { afterEach, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../../bench/shared/fakes/slack-web-api.ts";
import { commandBody, FORM, sendSigned } from "../../bench/shared/slack-signing.ts";
import { REAL_ADAPTERS } from "../../src/adapters/registry.ts";
import { type Bot, startBot } from "../../src/app/start.ts";
import { loadConfig } from "../../src/config.ts";
import { consoleStreams } from "../support/console-streams.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { captureLogger, removeTempDirs, tempDir } from "../support/totd-helpers.ts";

const SLACK_TOKEN = "xoxb-totd-replicas-0000-token";
const SIGNING_SECRET = "totd-replicas-signing-secret-0";
const CHANNEL = "C0SUBS0001";
/** 09:00:02 in Berlin: the subscription at 18:00 is later today on both replicas. */
const FAKE_AT = Date.parse("2026-05-04T07:00:02Z");

const bots: Bot[] = [];
let slack: FakeSlack | null = null;
let schema: TestSchema | null = null;
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
  await slack?.close();
  await schema?.drop();
  removeTempDirs();
});

async function replica(): Promise<Bot> {
  if (!schema || !slack) throw new Error("set up first");
  const logs = captureLogger([SLACK_TOKEN, SIGNING_SECRET]);
  const { input, output } = consoleStreams();
  const config = loadConfig(
    {
      HOST: "127.0.0.1",
      PORT: "0",
      STATE_DIR: tempDir(),
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.name,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TOTD_TIME: "09:00",
      TOTD_TIMEZONE: "Europe/Berlin",
    },
    false,
  );
  const realAt = Date.now();
  const bot = await startBot(config, {
    adapters: REAL_ADAPTERS,
    logger: logs.logger,
    io: { input: () => input, output },
    now: () => new Date(FAKE_AT + (Date.now() - realAt)),
  });
  bots.push(bot);
  return bot;
}

/** `/virt <text>` in the channel, sent to this replica; the answer's text. */
async function command(bot: Bot, text: string): Promise<string> {
  const url = `http://127.0.0.1:${bot.http!.address.port}/slack/events`;
  const body = commandBody({
    text,
    userId: "U0USER001",
    responseUrl: slack!.responseUrl(`r${Math.random().toString(36).slice(2)}`),
    channelId: CHANNEL,
  });
  const res = await sendSigned(url, body, { secret: SIGNING_SECRET, contentType: FORM });
  expect(res.status).toBe(200);
  return String((JSON.parse(res.body) as { text?: unknown }).text);
}

const scheduled = (bot: Bot) => bot.health().body.totd.destinations[`slack:${CHANNEL}`]?.time;

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describePg("subscriptions on replicas of the whole bot", () => {
  it("subscribed through one replica: on the other's schedule at once; unsubscribed through the other: off both", async () => {
    slack = await startFakeSlack({ token: SLACK_TOKEN });
    schema = freshSchema("totd_subs_bots");
    const [a, b] = await Promise.all([replica(), replica()]);
    await Promise.all([a.ready, b.ready]);

    expect(await command(b, "subscribe 18:00 Europe/Berlin")).toMatch(/subscribed this channel/);
    await until(() => scheduled(a) === "18:00", "replica A to hear of the subscription");
    expect(scheduled(b)).toBe("18:00");
    // Each replica (listening for subscription changes by now, as A heard B) listens for
    // them and for catalog reloads on one connection.
    const { rows } = await schema.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE $1",
      [`LISTEN %${schema.name}%`],
    );
    expect(rows[0]?.n).toBe("2");

    expect(await command(a, "subscribe 19:30")).toMatch(/19:30/);
    await until(() => scheduled(b) === "19:30", "replica B to hear of the new time");

    expect(await command(a, "unsubscribe")).toMatch(/unsubscribed this channel/);
    await until(() => scheduled(b) === undefined, "replica B to hear of the unsubscribe");
    expect(scheduled(a)).toBeUndefined();
    expect(slack.messagesIn(CHANNEL)).toEqual([]);
  });
});
