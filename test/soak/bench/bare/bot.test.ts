// The floor bench:bot measures us against must itself work: the bare Bolt /
// matrix-bot-sdk bot, bundled and started the way the benchmark starts it, becomes ready
// on /healthz and answers one signed /virt (through the response_url) and one Matrix
// message (a reply PUT) — timed by the benchmark's own load code. No timings are asserted.
import { afterEach, expect, it } from "vitest";
import { buildBare } from "../../../../bench/bot/bare/build.ts";
import { MATRIX_NOTICE, SLACK_ANSWER } from "../../../../bench/bot/bare/message.ts";
import { Arrivals } from "../../../../bench/bot/load.ts";
import { runMatrixLevel, tapMatrixReplies } from "../../../../bench/bot/matrix.ts";
import { runSlackLevel, tapSlackResponses } from "../../../../bench/bot/slack.ts";
import { ROOT } from "../../../../bench/shared/bot-command.ts";
import {
  type BotChild,
  freePort,
  spawnBot,
  stopBot,
  waitReady,
} from "../../../../bench/shared/bot-process.ts";
import { FakeHomeserver, type SentMessage } from "../../../../bench/shared/fakes/homeserver.ts";
import {
  type FakeSlack,
  type RecordedCall,
  startFakeSlack,
} from "../../../../bench/shared/fakes/slack-web-api.ts";

const TOKEN = "xoxb-test-bare-bot";
const SECRET = "bare-bot-signing-secret";
const MATRIX_TOKEN = "syt_bare_bot_token";

const open: { bot?: BotChild; slack?: FakeSlack; hs?: FakeHomeserver } = {};

afterEach(async () => {
  if (open.bot) await stopBot(open.bot, 2_000);
  await Promise.allSettled([open.slack?.close(), open.hs?.close()]);
});

it("starts like our bot and answers one /virt and one Matrix message", async () => {
  const entry = buildBare();
  const slack = await startFakeSlack({ token: TOKEN });
  open.slack = slack;
  const hs = await FakeHomeserver.start({ accessToken: MATRIX_TOKEN });
  open.hs = hs;
  const roomId = hs.createRoom({ members: [`@alice:${hs.serverName}`] });
  const port = await freePort();
  const bot = spawnBot({
    root: ROOT,
    entry,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOST: "127.0.0.1",
      PORT: String(port),
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      MATRIX_HOMESERVER_URL: hs.url,
      MATRIX_ACCESS_TOKEN: MATRIX_TOKEN,
    },
  });
  open.bot = bot;
  // Generous: a loaded 2-core machine takes many seconds to start a bot; the bench measures speed.
  await waitReady(bot, port, { everyMs: 20, timeoutMs: 60_000 });

  const slackArrivals = new Arrivals<RecordedCall>();
  tapSlackResponses(slack, slackArrivals, 5_000);
  const once = { concurrency: 1, count: 1, deadlineMs: 3_000 };
  const slackRun = await runSlackLevel(
    {
      fake: slack,
      arrivals: slackArrivals,
      eventsUrl: new URL(`http://127.0.0.1:${port}/slack/events`),
      signingSecret: SECRET,
      replyTimeoutMs: 3_000,
    },
    once,
    ["numa"],
    "bare-test",
  );
  expect(slackRun.samples).toMatchObject([{ ok: true, via: "response_url" }]);
  expect(slack.callsTo("response").map((c) => c.body.blocks)).toEqual([SLACK_ANSWER.blocks]);

  const matrixArrivals = new Arrivals<SentMessage>();
  tapMatrixReplies(hs, matrixArrivals);
  const matrixRun = await runMatrixLevel(
    { hs, arrivals: matrixArrivals, roomId, replyTimeoutMs: 3_000 },
    once,
    ["numa"],
  );
  expect(matrixRun.samples).toMatchObject([{ ok: true }]);
  expect(hs.sentTo(roomId).map((m) => m.content.body)).toEqual([MATRIX_NOTICE.body]);
});
