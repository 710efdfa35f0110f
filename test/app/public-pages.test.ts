// PUBLIC_URL set: startBot serves the public pages on their own listener in either mode,
// every card the adapters get (answers and the daily post) links to its talk's page, and
// the pages stop with the bot.
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createConsoleAdapter } from "../../src/adapters/console/adapter.ts";
import type { AdapterFactories } from "../../src/app/factories.ts";
import { type Bot, startBot } from "../../src/app/start.ts";
import { loadConfig } from "../../src/config.ts";
import type { AdapterDeps, HttpReceivingAdapter } from "../../src/core/adapter.ts";
import type { TalkCard } from "../../src/core/card.ts";
import { permalinkOf } from "../../src/core/permalink.ts";
import { consoleStreams } from "../support/console-streams.ts";
import { captureLogger, fakeChat, removeTempDirs, tempDir } from "../support/totd-helpers.ts";

const bots: Bot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  removeTempDirs();
});

const PUBLIC = "https://talks.example.org";

describe("PUBLIC_URL in console mode", () => {
  it("serves the pages, links each card to its page, and keeps serving after the input ends", async () => {
    const { input, output, printed } = consoleStreams();
    const { logger } = captureLogger();
    const env = { STATE_DIR: tempDir(), PUBLIC_URL: PUBLIC, WEB_PORT: "0" };
    const bot = await startBot(loadConfig(env, false), {
      adapters: {
        slack: () => {
          throw new Error("no slack");
        },
        matrix: () => {
          throw new Error("no matrix");
        },
        console: createConsoleAdapter,
      },
      logger,
      io: { input: () => input, output },
    });
    bots.push(bot);
    const base = `http://127.0.0.1:${bot.web!.address.port}`;
    input.end("vfio\n");
    await new Promise<void>((resolve) => input.on("end", resolve));
    await bot.ready;
    const page = await fetch(`${base}/talks/kvm-forum-2011-vfio`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1 dir="auto">VFIO-based PCI device assignment</h1>');
    await expectEventually(() => printed().includes(`Page: ${PUBLIC}/talks/kvm-forum-2011-vfio`));
    await bot.stop();
    await expect(fetch(`${base}/`)).rejects.toThrow();
  });
});

describe("PUBLIC_URL in chat mode", () => {
  it("gives the adapters the pages and permalinked answers; the daily post links too", async () => {
    let deps: AdapterDeps | undefined;
    const posted: TalkCard[] = [];
    const slack = Object.assign(fakeChat("slack"), {
      requestListener() {},
    }) as unknown as HttpReceivingAdapter;
    const post = slack.post.postCard.bind(slack.post);
    slack.post.postCard = (destination, card, key) => {
      posted.push(card);
      return post(destination, card, key);
    };
    const factories: AdapterFactories = {
      slack: (_config, d) => {
        deps = d;
        return slack;
      },
      matrix: () => {
        throw new Error("no matrix");
      },
      console: () => {
        throw new Error("no console");
      },
    };
    const env = {
      SLACK_BOT_TOKEN: "xoxb-0000-test-token",
      SLACK_SIGNING_SECRET: "signing-secret-0000",
      PORT: "0",
      STATE_DIR: tempDir(),
      TOTD_TIME: "00:00",
      TOTD_SLACK_CHANNELS: "C1",
      PUBLIC_URL: PUBLIC,
      WEB_PORT: "0",
    };
    const { logger } = captureLogger();
    const bot = await startBot(loadConfig(env, false), {
      adapters: factories,
      logger,
      io: { input: () => new PassThrough(), output: new PassThrough() },
    });
    bots.push(bot);
    await bot.ready;
    const { reply } = await deps!.turn.handle({
      platform: "slack",
      conversation: "C1",
      user: "U1",
      text: "vfio",
    });
    if (reply?.kind !== "results") throw new Error("vfio finds talks");
    expect(reply.hits.map((h) => permalinkOf(h.card))).toEqual(
      reply.hits.map((h) => `${PUBLIC}/talks/${h.card.id}`),
    );
    expect(deps!.pages!.cardAt(`${PUBLIC}/talks/kvm-forum-2011-vfio`)?.id).toBe(
      "kvm-forum-2011-vfio",
    );
    await expectEventually(() => posted.length > 0);
    expect(permalinkOf(posted[0]!)).toBe(`${PUBLIC}/talks/${posted[0]!.id}`);
    // The operator server and the public pages are two listeners.
    expect(bot.web!.address.port).not.toBe(bot.http!.address.port);
    expect((await fetch(`http://127.0.0.1:${bot.web!.address.port}/metrics`)).status).toBe(404);
  });
});

async function expectEventually(check: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: 5_000 });
}
