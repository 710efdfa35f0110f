// The Slack adapter under test, for real: createSlackAdapter (the real Bolt App) mounted on
// a node:http server on 127.0.0.1, its WebClient and response_urls pointed at the fake Web
// API, the real core and catalog, and a logger writing to a captured stream.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
} from "../../src/adapters/slack/app.ts";
import type { AnsweredRequest } from "../../src/adapters/types.ts";
import { type Core, createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createRateLimiter, type RateLimiter } from "../../src/core/rate-limit.ts";
import { createLogger } from "../../src/log.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-web-api.ts";
import { SLACK_HARNESS } from "./secrets.ts";
import {
  blockActionBody,
  commandBody,
  FORM,
  JSON_TYPE,
  mentionBody,
  type SendOptions,
  type SendResult,
  sendSigned,
} from "./slack-signing.ts";

export const SECRETS = Object.freeze({
  botToken: SLACK_HARNESS.botToken,
  signingSecret: SLACK_HARNESS.signingSecret,
});

let sharedCore: Core | undefined;
/** The real core over the real catalog, built once per test file. */
export function testCore(): Core {
  sharedCore ??= createCore({ catalog: loadCatalog(), timeZone: "UTC" });
  return sharedCore;
}

export interface Harness {
  readonly fake: FakeSlack;
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
    retryNum?: number;
  }): Promise<SendResult>;
  send(body: string, opts: Omit<SendOptions, "secret"> & { secret?: string }): Promise<SendResult>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly rateLimiter?: RateLimiter;
  readonly adapter?: SlackAdapterOptions;
  /** Call adapter.start() (auth.test) first; the listener works without it. */
  readonly start?: boolean;
}

let responseCounter = 0;
export const nextResponseId = (): string => `r${++responseCounter}`;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeSlack({ token: SECRETS.botToken });
  const logs: string[] = [];
  const logger = createLogger({
    level: "debug",
    pretty: false,
    destination: { write: (line: string) => void logs.push(line) },
    secrets: [SECRETS.botToken, SECRETS.signingSecret],
  });
  const observed: AnsweredRequest[] = [];
  const adapter = createSlackAdapter(
    {
      botToken: SECRETS.botToken,
      signingSecret: SECRETS.signingSecret,
      appToken: undefined,
      apiUrl: fake.apiUrl,
    },
    {
      core: testCore(),
      logger,
      observer: { answered: (r) => void observed.push(r) },
      // Generous by default so that only the flood test meets the limiter.
      rateLimiter: options.rateLimiter ?? createRateLimiter({ burst: 1000, perSecond: 1000 }),
      stateDir: "/nonexistent-state-dir",
    },
    options.adapter,
  );
  if (options.start) await adapter.start();

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
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
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
