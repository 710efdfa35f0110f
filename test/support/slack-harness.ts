// The Slack adapter under test, for real: createSlackAdapter (the real Bolt App) mounted on
// a node:http server on 127.0.0.1, its WebClient and response_urls pointed at the fake Web
// API, the real conversation turn over the real catalog, the file state store in a
// temporary directory, and a logger writing to a captured stream.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
} from "../../src/adapters/slack/app.ts";
import type { SlackConfig } from "../../src/config.ts";
import type { Core } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary, type Library } from "../../src/core/library.ts";
import type { AdapterDeps, AnsweredRequest } from "../../src/core/ports.ts";
import { createRateLimiter, type RateLimiter } from "../../src/core/rate-limit.ts";
import type { StateStore } from "../../src/core/state-store.ts";
import type { SubscriptionCommands } from "../../src/core/subscription-commands.ts";
import { createTurn } from "../../src/core/turn.ts";
import { createLogger, type Logger } from "../../src/log.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import { createTalkOfTheDay, type TalkOfTheDay } from "../../src/totd/talk-of-the-day.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-web-api.ts";
import { SLACK_HARNESS } from "./secrets.ts";
import {
  blockActionBody,
  commandBody,
  FORM,
  JSON_TYPE,
  mentionBody,
  messageBody,
  type SendOptions,
  type SendResult,
  sendSigned,
} from "./slack-signing.ts";

export const SECRETS = Object.freeze({
  botToken: SLACK_HARNESS.botToken,
  signingSecret: SLACK_HARNESS.signingSecret,
});

let sharedLibrary: Library | undefined;
/** The real library over the real catalog, built once per test file. */
export function testLibrary(): Library {
  sharedLibrary ??= createLibrary({ catalog: loadCatalog(), timeZone: "UTC" });
  return sharedLibrary;
}
/** The core the harness answers from. */
export const testCore = (): Core => testLibrary().current();

/** What the wiring gives the adapter: the real turn, the file store in `stateDir`. */
export function testDeps(options: {
  logger: Logger;
  stateDir: string;
  rateLimiter?: RateLimiter;
  observer?: AdapterDeps["observer"];
  /** The subscription commands the turn answers (chat subscriptions). */
  subscriptions?: SubscriptionCommands;
  state?: StateStore;
}): AdapterDeps {
  return {
    turn: createTurn({
      library: testLibrary(),
      // Generous by default so that only the flood tests meet the limiter.
      rateLimiter: options.rateLimiter ?? createRateLimiter({ burst: 1000, perSecond: 1000 }),
      ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
    }),
    logger: options.logger,
    observer: options.observer ?? { answered() {} },
    state: options.state ?? createFileStore({ dir: options.stateDir, logger: options.logger }),
    stateDir: options.stateDir,
  };
}

/** A fresh temporary state directory. */
export const tempStateDir = (): string => mkdtempSync(join(tmpdir(), "virt-talks-slack-"));

export interface Harness {
  readonly fake: FakeSlack;
  /** With `subscriptions`: the talk of the day, started. */
  readonly totd: TalkOfTheDay | null;
  readonly adapter: SlackAdapter;
  /** http://127.0.0.1:PORT/slack/events */
  readonly url: string;
  readonly logs: string[];
  readonly observed: AnsweredRequest[];
  /** Everything the logger wrote, as one string. */
  logText(): string;
  command(
    text: string,
    opts?: { user?: string; responseId?: string; channel?: string },
  ): Promise<SendResult>;
  click(opts: {
    actionId: string;
    value?: string;
    user?: string;
    responseId?: string;
    url?: string;
  }): Promise<SendResult>;
  mention(opts: {
    eventId: string;
    text: string;
    user?: string;
    botId?: string;
    threadTs?: string;
    ts?: string;
    channel?: string;
    retryNum?: number;
  }): Promise<SendResult>;
  /** A message event: by default a person's DM to the bot. */
  message(opts: Parameters<typeof messageBody>[0]): Promise<SendResult>;
  send(body: string, opts: Omit<SendOptions, "secret"> & { secret?: string }): Promise<SendResult>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly rateLimiter?: RateLimiter;
  readonly adapter?: SlackAdapterOptions;
  /** Call adapter.start() (auth.test) first; the listener works without it. */
  readonly start?: boolean;
  /** Reuse a state directory (a restart); a fresh one, removed on close, otherwise. */
  readonly stateDir?: string;
  /** Reuse a running fake (a restart); it is then not closed on close. */
  readonly fake?: FakeSlack;
  /** Extra Slack settings (SUBSCRIBE_ADMINS_ONLY, ...). */
  readonly config?: Partial<SlackConfig>;
  /** Chat subscriptions: the real talk of the day (TOTD_TIME 09:00 UTC), posting through the adapter. */
  readonly subscriptions?: boolean;
}

let responseCounter = 0;
export const nextResponseId = (): string => `r${++responseCounter}`;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = options.fake ?? (await startFakeSlack({ token: SECRETS.botToken }));
  const stateDir = options.stateDir ?? tempStateDir();
  const logs: string[] = [];
  const logger = createLogger({
    level: "debug",
    pretty: false,
    destination: { write: (line: string) => void logs.push(line) },
    secrets: [SECRETS.botToken, SECRETS.signingSecret],
  });
  const observed: AnsweredRequest[] = [];
  const state = createFileStore({ dir: stateDir, logger });
  const totd = options.subscriptions
    ? createTalkOfTheDay({
        totd: { time: "09:00", timeZone: "UTC", slackChannels: [], matrixRooms: [] },
        state,
        core: { today: (date) => testLibrary().current().today(date) },
        logger,
      })
    : null;
  const adapter = createSlackAdapter(
    {
      botToken: SECRETS.botToken,
      signingSecret: SECRETS.signingSecret,
      appToken: undefined,
      apiUrl: fake.apiUrl,
      ...options.config,
    } as SlackConfig,
    testDeps({
      logger,
      stateDir,
      observer: { answered: (r) => void observed.push(r) },
      ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
      ...(totd ? { subscriptions: totd.commands } : {}),
      state,
    }),
    options.adapter,
  );
  if (options.start) await adapter.start();
  if (totd) {
    totd.attach({ slack: adapter });
    await totd.start();
  }

  const server: Server = createServer((req, res) => {
    // What main.ts does: route /slack/events to the adapter, nothing else.
    if (req.url?.split("?")[0] === "/slack/events") return adapter.requestListener(req, res);
    res.writeHead(404);
    res.end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

  const send: Harness["send"] = (body, opts) =>
    sendSigned(url, body, { secret: SECRETS.signingSecret, ...opts });

  return {
    fake,
    totd,
    adapter,
    url,
    logs,
    observed,
    logText: () => logs.join(""),
    send,
    command(text, opts = {}) {
      const body = commandBody({
        text,
        userId: opts.user ?? "U0USER001",
        responseUrl: fake.responseUrl(opts.responseId ?? nextResponseId()),
        ...(opts.channel ? { channelId: opts.channel } : {}),
      });
      return send(body, { contentType: FORM });
    },
    click(opts) {
      const body = blockActionBody({
        userId: opts.user ?? "U0USER001",
        responseUrl: fake.responseUrl(opts.responseId ?? nextResponseId()),
        actionId: opts.actionId,
        ...(opts.value !== undefined ? { value: opts.value } : {}),
        ...(opts.url !== undefined ? { url: opts.url } : {}),
      });
      return send(body, { contentType: FORM });
    },
    mention(opts) {
      const body = mentionBody({
        eventId: opts.eventId,
        text: opts.text,
        ...(opts.botId ? { botId: opts.botId } : { userId: opts.user ?? "U0USER001" }),
        ...(opts.threadTs ? { threadTs: opts.threadTs } : {}),
        ...(opts.channel ? { channelId: opts.channel } : {}),
        ...(opts.ts ? { ts: opts.ts } : {}),
      });
      return send(body, {
        contentType: JSON_TYPE,
        ...(opts.retryNum !== undefined
          ? {
              headers: {
                "x-slack-retry-num": String(opts.retryNum),
                "x-slack-retry-reason": "http_timeout",
              },
            }
          : {}),
      });
    },
    message(opts) {
      return send(messageBody({ userId: "U0USER001", ...opts }), { contentType: JSON_TYPE });
    },
    async close() {
      await totd?.stop();
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.fake) await fake.close();
      if (!options.stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** An ack body (a /virt answer) as the fake records calls: the parsed body and the raw text. */
export interface AckedAnswer {
  readonly body: Record<string, unknown>;
  readonly raw: string;
}

/** The answer a slash command got in its ack body; throws when the ack was empty. */
export function answerOf(res: SendResult): AckedAnswer {
  if (res.status !== 200 || !res.body) throw new Error(`no answer in the ack: ${res.status}`);
  return { body: JSON.parse(res.body) as Record<string, unknown>, raw: res.body };
}

/**
 * Every string Slack would render in a JSON-able message, depth first (for "never raw"
 * assertions). Button `value`s are skipped: opaque data Slack hands back, never shows.
 */
export function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => (k === "value" ? [] : allStrings(v)));
  return [];
}
