// End to end: `npm start` (node + the dist/ bundle) as a child process, talking to the
// local Slack Web API fake and the local homeserver fake. It posts the talk of the day
// exactly once on each, answers /healthz, and exits 0 on SIGTERM.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FakeHomeserver } from "../../bench/shared/fakes/homeserver.ts";
import { type FakeSlack, startFakeSlack } from "../../bench/shared/fakes/slack-web-api.ts";
import { type Core, createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { dateInZone } from "../../src/totd/today.ts";
import { localTime, noonZone, removeTempDirs, tempDir } from "../support/totd-helpers.ts";
import { type BotProcess, killBot, spawnBot } from "../support/totd-spawn.ts";

const SLACK_TOKEN = "xoxb-e2e-0000-test-token";
const SIGNING_SECRET = "e2e-signing-secret-0000";
const MATRIX_TOKEN = "syt_e2e_matrix_token_0000";
const CHANNEL = "C0TOTD0001";

let core: Core;
beforeAll(() => {
  core = createCore({ catalog: loadCatalog(), timeZone: "UTC" });
});

let slack: FakeSlack | null = null;
let hs: FakeHomeserver | null = null;
const bots: BotProcess[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) killBot(b);
  await slack?.close();
  await hs?.close();
  slack = null;
  hs = null;
  removeTempDirs();
});

async function fakes() {
  slack = await startFakeSlack({ token: SLACK_TOKEN });
  hs = await FakeHomeserver.start({ accessToken: MATRIX_TOKEN });
  const room = hs.createRoom();
  return { slack, hs, room };
}

function botEnv(
  f: Awaited<ReturnType<typeof fakes>>,
  totd: { time: string; zone: string; stateDir: string },
): Record<string, string> {
  return {
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    HOST: "127.0.0.1",
    PORT: "0",
    STATE_DIR: totd.stateDir,
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: f.slack.apiUrl,
    MATRIX_HOMESERVER_URL: f.hs.url,
    MATRIX_ACCESS_TOKEN: MATRIX_TOKEN,
    TOTD_TIME: totd.time,
    TOTD_TIMEZONE: totd.zone,
    TOTD_SLACK_CHANNELS: CHANNEL,
    TOTD_MATRIX_ROOMS: f.room,
  };
}

function start(env: Record<string, string>): BotProcess {
  const bot = spawnBot(env, { cwd: tempDir(), stdin: "ignore" }); // stdin is /dev/null
  bots.push(bot);
  return bot;
}

/** HH:MM:SS of the instant `at` in `zone` (the one local-time formatter of the tests). */
const clockIn = (zone: string, at: number) => localTime(new Date(at).toISOString(), zone).slice(11);

async function stopWithSigterm(bot: BotProcess): Promise<number> {
  const asked = Date.now();
  bot.child.kill("SIGTERM");
  const exit = await bot.exited;
  expect(exit).toEqual({ code: 0, signal: null });
  return Date.now() - asked;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("npm start, end to end", () => {
  it("posts the talk of the day once to Slack and Matrix at TOTD_TIME, then stops cleanly on SIGTERM", async () => {
    const f = await fakes();
    const zone = noonZone();
    // Start-up takes a few seconds (longer on a busy machine); the post time is after it.
    const postAt = Math.floor(Date.now() / 1000 + 15) * 1000; // TOTD_TIME has whole seconds
    const time = clockIn(zone, postAt);
    const bot = start(botEnv(f, { time, zone, stateDir: tempDir() }));

    const scheduled = await bot.waitForLog((l) => l.msg === "daily post scheduled", 20_000);
    const started = await bot.waitForLog((l) => l.msg === "virt-talks started", 20_000);
    // Scheduled for today at TOTD_TIME, not caught up (start-up did not outlast the lead).
    expect(Date.parse(scheduled.nextRun as string)).toBe(postAt);
    expect(f.slack.callsTo("chat.postMessage", { all: true })).toEqual([]); // not before the time
    expect(f.hs.sentTo(f.room)).toEqual([]);

    await f.slack.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"), 30_000);
    await f.hs.until(() => f.hs.sentTo(f.room).length > 0, "the Matrix post", 10_000);
    const posted = f.slack.callsTo("chat.postMessage")[0]!;
    expect(posted.at).toBeGreaterThanOrEqual(postAt);
    expect(posted.body.channel).toBe(CHANNEL);

    // The same talk on both, the one for today in the zone.
    const today = dateInZone(new Date(), zone);
    const card = core.today(today).card;
    expect(JSON.stringify(posted.body)).toContain(JSON.stringify(card.title).slice(1, -1));
    expect(JSON.stringify(f.hs.sentTo(f.room)[0]!.content)).toContain(card.title);

    // The operator server reports it, once the post is recorded (a post reaches the
    // platform a moment before the bot hears back and writes it down).
    const port = started.port as number;
    await vi.waitFor(
      async () => {
        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({
          status: "ok",
          totd: {
            destinations: {
              [`slack:${CHANNEL}`]: { lastPosted: today },
              [`matrix:${f.room}`]: { lastPosted: today },
            },
          },
        });
      },
      { timeout: 10_000, interval: 50 },
    );
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('virt_talks_daily_posts_total{platform="slack",result="sent"} 1');
    expect(metrics).toContain('virt_talks_daily_posts_total{platform="matrix",result="sent"} 1');

    await sleep(1_500); // nothing more arrives
    expect(f.slack.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
    expect(f.hs.sentTo(f.room)).toHaveLength(1);

    expect(await stopWithSigterm(bot)).toBeLessThan(10_000);
    const everything = bot.stdout() + bot.stderr();
    for (const secret of [SLACK_TOKEN, SIGNING_SECRET, MATRIX_TOKEN]) {
      expect(everything).not.toContain(secret);
    }
    expect(bot.logs().some((l) => l.msg === "virt-talks stopped")).toBe(true);
    expect(bot.logs().filter((l) => (l.level as number) >= 40)).toEqual([]);
  }, 60_000);

  it("catches up after the post time, once; a restart the same day posts nothing", async () => {
    const f = await fakes();
    const zone = noonZone();
    const env = botEnv(f, { time: "06:00", zone, stateDir: tempDir() });

    const first = start(env);
    await f.slack.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"), 20_000);
    await f.hs.until(() => f.hs.sentTo(f.room).length > 0, "the Matrix post", 20_000);
    await stopWithSigterm(first);

    const second = start(env);
    await second.waitForLog((l) => l.msg === "virt-talks started", 20_000);
    await sleep(1_500);
    expect(f.slack.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
    expect(f.hs.sentTo(f.room)).toHaveLength(1);
    expect(f.hs.sendAttempts.filter((s) => s.roomId === f.room)).toHaveLength(1);
    await stopWithSigterm(second);
  }, 60_000);

  it("SIGTERM while the homeserver is away exits 0 at once; the next start posts once", async () => {
    const f = await fakes();
    f.hs.down("reset");
    const env = {
      ...botEnv(f, { time: "06:00", zone: noonZone(), stateDir: tempDir() }),
      SLACK_BOT_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      TOTD_SLACK_CHANNELS: "",
    };
    const first = start(env);
    // The catch-up post is being tried (and retried inside the adapter) when SIGTERM comes.
    await first.waitForLog((l) => l.msg === "virt-talks started", 20_000);
    await sleep(1_000);
    expect(await stopWithSigterm(first)).toBeLessThan(6_000);
    expect(f.hs.sent).toEqual([]);

    // Back up: the interrupted post is sent again with the same transaction id, once.
    f.hs.up();
    const second = start(env);
    await f.hs.until(() => f.hs.sentTo(f.room).length > 0, "the Matrix post", 20_000);
    await sleep(1_000);
    expect(f.hs.sentTo(f.room)).toHaveLength(1);
    await stopWithSigterm(second);
  }, 60_000);
});
