// startBot in-process: the composition main.ts runs, with recording stand-ins where Slack
// and Matrix would be (the real console adapter is used as is).
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createConsoleAdapter } from "../../src/adapters/console/adapter.ts";
import type { AdapterFactories } from "../../src/app/factories.ts";
import { type Bot, startBot } from "../../src/app/start.ts";
import { loadConfig } from "../../src/config.ts";
import type { ChatAdapter, HttpReceivingAdapter } from "../../src/core/adapter.ts";
import type { MembershipChange } from "../../src/core/platform.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import { openWatches } from "../../src/watch/watches.ts";
import { localDate } from "../../src/week/times.ts";
import { consoleStreams } from "../support/console-streams.ts";
import {
  captureLogger,
  type FakeChat,
  fakeChat,
  noonZone,
  removeTempDirs,
  tempDir,
} from "../support/totd-helpers.ts";

const SLACK_TOKEN = "xoxb-0000-test-token";
const MATRIX_TOKEN = "syt_matrix_test_token_0000";

const bots: Bot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  removeTempDirs();
});

interface Fakes {
  slack: FakeChat & HttpReceivingAdapter;
  matrix: FakeChat & Required<Pick<ChatAdapter, "onMembership">>;
  /** What the Matrix stand-in tells the bot about its room memberships. */
  membership: (change: MembershipChange) => void;
  slackRequests: string[];
  factories: AdapterFactories;
}

function fakes(): Fakes {
  const slackRequests: string[] = [];
  const slack = Object.assign(fakeChat("slack"), {
    requestListener(
      req: { url?: string },
      res: { writeHead(s: number): { end(b: string): void } },
    ) {
      slackRequests.push(req.url ?? "");
      res.writeHead(200).end("slack");
    },
  }) as FakeChat & HttpReceivingAdapter;
  const listeners = new Set<(change: MembershipChange) => void>();
  const matrix = Object.assign(fakeChat("matrix"), {
    onMembership(listener: (change: MembershipChange) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return {
    slack,
    matrix,
    membership: (change) => {
      for (const l of listeners) l(change);
    },
    slackRequests,
    factories: {
      slack: () => slack,
      matrix: () => matrix,
      console: () => {
        throw new Error("console adapter must not start when chat credentials are set");
      },
    },
  };
}

function chatEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_SIGNING_SECRET: "signing-secret-0000",
    MATRIX_HOMESERVER_URL: "http://127.0.0.1:9",
    MATRIX_ACCESS_TOKEN: MATRIX_TOKEN,
    HOST: "127.0.0.1",
    PORT: "0",
    STATE_DIR: tempDir(),
    TOTD_TIME: "06:00",
    TOTD_TIMEZONE: noonZone(),
    TOTD_SLACK_CHANNELS: "C1, C2",
    TOTD_MATRIX_ROOMS: "!room:example.org",
    ...extra,
  };
}

const noStdin = () => {
  throw new Error("stdin must be left alone when chat credentials are set");
};

async function startChat(f: Fakes, env: NodeJS.ProcessEnv, wait = true) {
  const { logger, lines } = captureLogger([SLACK_TOKEN, MATRIX_TOKEN]);
  const bot = await startBot(loadConfig(env, false), {
    adapters: f.factories,
    logger,
    io: { input: noStdin, output: new PassThrough() },
  });
  bots.push(bot);
  if (wait) await bot.ready;
  return { bot, lines, base: `http://127.0.0.1:${bot.http!.address.port}` };
}

/** Waits for what `check` looks for to happen (vitest polls it); fails after 5 s. */
const until = (check: () => boolean): Promise<void> =>
  vi.waitFor(() => expect(check()).toBe(true), { timeout: 5_000, interval: 10 });

describe("startBot with chat credentials", () => {
  it("pauses a room's talk of the day when the bot leaves it and resumes when it is back", async () => {
    const f = fakes();
    const { bot } = await startChat(f, chatEnv());
    await until(() => f.matrix.posts.length === 1);
    const room = () => bot.health().body.totd.destinations["matrix:!room:example.org"];
    await until(() => room()?.lastPosted !== null);
    f.membership({
      destination: "!other:example.org",
      aliases: ["!room:example.org"],
      membership: "leave",
    });
    await until(() => room()?.state === "paused");
    expect(room()).toMatchObject({ state: "paused" });
    f.membership({ destination: "!room:example.org", membership: "join" });
    await until(() => room()?.state === "active");
    // Today's post went out before the bot left: resuming does not post it again.
    expect(f.matrix.posts).toHaveLength(1);
  });

  it("starts the adapters, the operator server and the daily post; stops them in order", async () => {
    const f = fakes();
    const { bot, base } = await startChat(f, chatEnv());
    expect(bot.mode).toBe("chat");
    expect([f.slack.started, f.matrix.started]).toEqual([1, 1]);

    // 06:00 has passed in the zone: the day's post catches up, once per destination.
    await until(() => f.slack.posts.length === 2 && f.matrix.posts.length === 1);
    expect(f.slack.posts.map((p) => p.destination)).toEqual(["C1", "C2"]);
    expect(new Set([...f.slack.posts, ...f.matrix.posts].map((p) => p.talk)).size).toBe(1);

    const today = f.slack.posts[0]!.key.split(":")[1];
    // Each post is recorded once the platform confirmed it (an awaited, durable write).
    const destinations = () =>
      Object.values(bot.health().body.totd.destinations).map((d) => d.lastPosted);
    await until(() => destinations().length === 3 && destinations().every((d) => d === today));
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { totd: { destinations: Record<string, unknown> } };
    expect(body).toMatchObject({
      status: "ok",
      adapters: { slack: { state: "up" }, matrix: { state: "up" } },
      catalog: { talks: expect.any(Number) },
    });
    const operator = (lastPosted: string | undefined) => ({
      lastPosted,
      source: "operator",
      state: "active",
      time: expect.any(String),
      timeZone: expect.any(String),
    });
    expect(body.totd.destinations).toEqual({
      "slack:C1": operator(today),
      "slack:C2": operator(today),
      "matrix:!room:example.org": operator(today),
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('virt_talks_daily_posts_total{platform="slack",result="sent"} 2');
    expect(metrics).toContain('virt_talks_daily_posts_total{platform="matrix",result="sent"} 1');
    expect(metrics).toMatch(/^virt_talks_catalog_talks [1-9]\d*$/m);

    // HTTP mode: Slack's events reach its listener.
    const events = await fetch(`${base}/slack/events`, { method: "POST", body: "x" });
    expect(await events.text()).toBe("slack");
    expect(f.slackRequests).toEqual(["/slack/events"]);

    await bot.stop();
    expect([f.slack.stopped, f.matrix.stopped]).toEqual([1, 1]);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    await bot.stop(); // idempotent
    expect(f.slack.stopped).toBe(1);
  });

  it("a restarted bot on the same state posts nothing more that day", async () => {
    const env = chatEnv();
    const first = fakes();
    const one = await startChat(first, env);
    await until(() => first.slack.posts.length === 2 && first.matrix.posts.length === 1);
    await one.bot.stop();

    // The restart also posts to a new channel: its post shows the day's catch-up has run,
    // and stop() waits for every post that catch-up started.
    const second = fakes();
    const two = await startChat(second, { ...env, TOTD_SLACK_CHANNELS: "C1, C2, C3" });
    await until(() => second.slack.posts.length === 1);
    await two.bot.stop();
    expect(second.slack.attempts.map((a) => a.destination)).toEqual(["C3"]);
    expect(second.matrix.attempts.length).toBe(0);
  });

  it("Socket Mode: no /slack/events route; Matrix only: no Slack at all", async () => {
    const f = fakes();
    const { base } = await startChat(f, chatEnv({ SLACK_APP_TOKEN: "xapp-1-test" }));
    expect((await fetch(`${base}/slack/events`, { method: "POST", body: "x" })).status).toBe(404);
    expect(f.slackRequests).toEqual([]);

    const g = fakes();
    const matrixOnly = chatEnv({
      SLACK_BOT_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      TOTD_SLACK_CHANNELS: "",
    });
    const { bot, base: base2 } = await startChat(g, matrixOnly);
    expect(g.slack.started).toBe(0);
    const health = (await (await fetch(`${base2}/healthz`)).json()) as { adapters: object };
    expect(Object.keys(health.adapters)).toEqual(["matrix"]);
    expect(bot.http).not.toBeNull(); // the operator server runs for Matrix-only setups too
  });

  it("an adapter that cannot start is reported down (503) without its secrets; the others run", async () => {
    const f = fakes();
    f.slack.start = async () => {
      throw new Error(`invalid_auth for ${SLACK_TOKEN}`);
    };
    const { base, lines } = await startChat(f, chatEnv());
    await until(() => f.matrix.posts.length === 1);
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).not.toContain(SLACK_TOKEN);
    expect(JSON.parse(text).adapters.slack).toEqual({
      state: "down",
      detail: "start failed: invalid_auth for [Redacted]",
    });
    expect(JSON.stringify(lines)).not.toContain(SLACK_TOKEN);
  });

  it("a stop while an adapter is still connecting ends its start-up and posts nothing", async () => {
    const f = fakes();
    let connecting: boolean | null = null; // null: start() not called yet
    f.matrix.start = () =>
      new Promise<void>((resolve) => {
        connecting = true;
        // Like the real adapter: stop() ends the start-up retries.
        f.matrix.stop = async () => {
          connecting = false;
          f.matrix.stopped++;
          resolve();
        };
      });
    const { bot, lines } = await startChat(f, chatEnv(), false);
    await until(() => connecting !== null);
    expect(connecting).toBe(true);
    await bot.stop();
    await bot.ready;
    expect(connecting).toBe(false);
    expect(f.slack.attempts.length + f.matrix.attempts.length).toBe(0);
    expect(lines.some((l) => l.msg === "virt-talks started")).toBe(false);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it("a channel watching a conference running today gets the day's matching talks as its morning post", async () => {
    const env = chatEnv();
    const zone = env.TOTD_TIMEZONE!;
    // An invented conference with one vfio talk starting now, in the bot's zone.
    const catalogDir = join(tempDir(), "catalog");
    mkdirSync(catalogDir);
    const now = new Date();
    const talk = {
      id: "app-morning-vfio",
      title: "An invented VFIO talk on today's schedule",
      speakers: ["Ada Example"],
      date: localDate(now.getTime(), zone),
      summary: "An invented talk for the start-up test of the morning post.",
      start: now.toISOString(),
      end: new Date(now.getTime() + 30 * 60_000).toISOString(),
      timeZone: zone,
      room: "Room A",
      topics: ["vfio"],
      links: [{ kind: "page", url: "https://example.org/app-morning/vfio" }],
      source: {
        format: "frab-xml",
        origin: "https://example.org/app-morning/schedule.xml",
        key: "am-1",
        importedAt: now.toISOString(),
      },
    };
    const event = {
      id: "example-app-conf",
      name: "Example App Conf",
      shortName: "EAC",
      year: now.getUTCFullYear(),
      date: talk.date,
      location: "Berlin",
    };
    writeFileSync(join(catalogDir, "app-conf.json"), JSON.stringify({ event, talks: [talk] }));
    const { logger } = captureLogger();
    const watches = await openWatches(createFileStore({ dir: env.STATE_DIR!, logger }));
    await watches.add("slack", "C1", {
      query: "vfio",
      byUser: "U1",
      by: "u",
      at: now.toISOString(),
    });

    const f = fakes();
    await startChat(f, { ...env, CATALOG_DIRS: catalogDir });
    await until(() => f.slack.posts.length === 2 && f.matrix.posts.length === 1);
    const list = f.slack.posts.find((p) => p.destination === "C1")?.alert;
    expect(list?.heading).toBe(`Today at Example App Conf ${event.year}: 1 talk for your watches`);
    expect(list?.entries.map((e) => e.card.id)).toEqual(["app-morning-vfio"]);
    // The channel without watches, and the room, get the talk of the day.
    expect(
      [...f.slack.posts, ...f.matrix.posts].map((p) => [p.destination, Boolean(p.alert)]),
    ).toEqual([
      ["C1", true],
      ["C2", false],
      ["!room:example.org", false],
    ]);
  });

  it("a taken port fails start-up with a message naming HOST and PORT", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startChat(fakes(), chatEnv({ PORT: String(port) }))).rejects.toThrow(
        new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(check HOST and PORT\\)`),
      );
    } finally {
      blocker.close();
    }
  });
});

describe("startBot without chat credentials", () => {
  it("runs the console on the given streams, without HTTP server, and ends with the input", async () => {
    const { input, output, printed } = consoleStreams();
    const { logger } = captureLogger();
    const f = fakes();
    const bot = await startBot(loadConfig({ STATE_DIR: tempDir() }, false), {
      adapters: { ...f.factories, console: createConsoleAdapter },
      logger,
      io: { input: () => input, output },
    });
    bots.push(bot);
    expect(bot.mode).toBe("console");
    expect(bot.http).toBeNull();
    input.end("help\n");
    await bot.ended;
    expect(printed()).toMatch(/talks loaded/);
    expect(printed().length).toBeGreaterThan(100);
    expect(bot.health().body.adapters).toEqual({ console: { state: "stopped" } });
    expect(f.slack.started + f.matrix.started).toBe(0);
  });
});
