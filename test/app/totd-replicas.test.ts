// Three whole bots (the composition, in this process) on one PostgreSQL schema, the fake
// Slack Web API and the fake homeserver, their daily-post clocks just past 09:00 in
// Berlin: each channel and room gets the day's talk once, whichever replica posts it (on
// Matrix, only the syncer can); /healthz and /metrics show each replica's claims.
import { afterEach, expect, it } from "vitest";
import { FakeHomeserver } from "../../bench/shared/fakes/homeserver.ts";
import { type FakeSlack, startFakeSlack } from "../../bench/shared/fakes/slack-web-api.ts";
import { REAL_ADAPTERS } from "../../src/adapters/registry.ts";
import { type Bot, startBot } from "../../src/app/start.ts";
import { loadConfig } from "../../src/config.ts";
import { consoleStreams } from "../support/console-streams.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { replicaEnv } from "../support/replica-env.ts";
import { MATRIX_HARNESS_TOKEN } from "../support/secrets.ts";
import { captureLogger, removeTempDirs } from "../support/totd-helpers.ts";

const SLACK_TOKEN = "xoxb-totd-replicas-0000-token";
const SIGNING_SECRET = "totd-replicas-signing-secret-0";
const CHANNELS = ["C0REPL0001", "C0REPL0002"];
/** 09:00:02 in Berlin: every start is a catch-up post. */
const FAKE_AT = Date.parse("2026-05-04T07:00:02Z");

const bots: Bot[] = [];
let hs: FakeHomeserver | null = null;
let slack: FakeSlack | null = null;
let schema: TestSchema | null = null;
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
  await hs?.close();
  await slack?.close();
  await schema?.drop();
  removeTempDirs();
});

async function replica(rooms: readonly string[]): Promise<Bot> {
  if (!hs || !schema || !slack) throw new Error("set up first");
  const logs = captureLogger([MATRIX_HARNESS_TOKEN, SLACK_TOKEN, SIGNING_SECRET]);
  const { input, output } = consoleStreams();
  const config = loadConfig(
    {
      ...replicaEnv(schema, hs),
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TOTD_TIME: "09:00",
      TOTD_TIMEZONE: "Europe/Berlin",
      TOTD_SLACK_CHANNELS: CHANNELS.join(","),
      TOTD_MATRIX_ROOMS: rooms.join(","),
    },
    false,
  );
  const realAt = Date.now();
  const bot = await startBot(config, {
    adapters: REAL_ADAPTERS,
    logger: logs.logger,
    io: { input: () => input, output },
    now: () => new Date(FAKE_AT + (Date.now() - realAt)),
    backoff: { initialMs: 100, maxMs: 300 },
    dailyClaimTtlMs: 2_000,
  });
  bots.push(bot);
  return bot;
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 1_500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describePg("the daily post on replicas of the whole bot", () => {
  it("three replicas: one post per channel and room; /healthz and /metrics count the claims", async () => {
    hs = await FakeHomeserver.start({ accessToken: MATRIX_HARNESS_TOKEN });
    slack = await startFakeSlack({ token: SLACK_TOKEN });
    schema = freshSchema("totd_replica_bots");
    const rooms = [hs.createRoom(), hs.createRoom()];
    const replicas = await Promise.all([replica(rooms), replica(rooms), replica(rooms)]);
    await Promise.all(replicas.map((b) => b.ready));

    const posted = () =>
      CHANNELS.every((c) => slack!.messagesIn(c).length > 0) &&
      rooms.every((r) => hs!.sentTo(r).length > 0);
    await until(posted, "the daily post everywhere");
    // Past the replicas' retries (claims lost, Matrix standbys refused): nothing more comes.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(CHANNELS.map((c) => slack!.messagesIn(c).length)).toEqual([1, 1]);
    expect(rooms.map((r) => hs!.sentTo(r).length)).toEqual([1, 1]);

    const claims = replicas.map((b) => b.health().body.replica?.dailyPostClaims);
    const won = claims.reduce((n, c) => n + (c?.won ?? 0), 0);
    expect(won).toBeGreaterThanOrEqual(4);
    for (const b of replicas) {
      expect(b.health().body.totd.destinations[`slack:${CHANNELS[0]}`]?.lastPosted).toBe(
        "2026-05-04",
      );
    }
    const metrics = await replicas[0]!.metrics.render();
    expect(metrics).toMatch(/virt_talks_daily_post_claims_total\{outcome="won"\} \d+/);
    expect(metrics).toMatch(/virt_talks_daily_post_claims_total\{outcome="lost"\} \d+/);
  });
});
