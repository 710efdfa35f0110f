// The Slack adapter under test, for real: createSlackAdapter (the real Bolt App) mounted on
// a node:http server on 127.0.0.1, its WebClient and response_urls pointed at the fake Web
// API, the real conversation turn over the real catalog, the file state store in a
// temporary directory, and a logger writing to a captured stream.
import { once } from "node:events";
import { rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeSlack, startFakeSlack } from "../../bench/shared/fakes/slack-web-api.ts";
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
} from "../../bench/shared/slack-signing.ts";
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
} from "../../src/adapters/slack/app.ts";
import type { SlackConfig } from "../../src/config.ts";
import type { AnsweredRequest } from "../../src/core/adapter.ts";
import type { Library } from "../../src/core/library.ts";
import type { TalkPages } from "../../src/core/permalink.ts";
import type { RateLimiter } from "../../src/core/rate-limit.ts";
import type { StateStore } from "../../src/core/state-store.ts";
import { createLogger } from "../../src/log.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import { createTalkOfTheDay, type TalkOfTheDay } from "../../src/totd/talk-of-the-day.ts";
import { acceptedIds } from "../../src/watch/watch-alerts.ts";
import { createWatchCommands } from "../../src/watch/watch-commands.ts";
import { openWatches } from "../../src/watch/watches.ts";
import { SLACK_HARNESS } from "./secrets.ts";
import { tempStateDir, testDeps, testLibrary } from "./slack-deps.ts";
import { subscriptionCommands } from "./totd-subscriptions.ts";

export { type AckedAnswer, allStrings, answerOf } from "./slack-answers.ts";
export { tempStateDir, testCore, testDeps, testLibrary } from "./slack-deps.ts";

export const SECRETS = Object.freeze({
  botToken: SLACK_HARNESS.botToken,
  signingSecret: SLACK_HARNESS.signingSecret,
});

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
    /** Where the clicked message is: a channel (default C0CHAN001) or a DM (D…). */
    channel?: string;
    /** Whether it is an ephemeral /virt answer (default) or a message the bot posted. */
    ephemeral?: boolean;
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

interface HarnessOptions {
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
  /** The state store (a shared PostgreSQL one: replicas); the file store in stateDir otherwise. */
  readonly state?: StateStore;
  /** Chat subscriptions: the real talk of the day (TOTD_TIME 09:00 UTC), posting through the adapter. */
  readonly subscriptions?: boolean;
  /** The public talk pages (PUBLIC_URL set): link_shared is answered with chat.unfurl. */
  readonly pages?: TalkPages;
  /** Another catalog to answer from (the conference week's); the real one by default. */
  readonly library?: Library;
  /** The watch commands, over a watch store in the harness's state store. */
  readonly watches?: boolean;
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
  const state = options.state ?? createFileStore({ dir: stateDir, logger });
  // The talk of the day posts through the adapter, which answers its commands: built
  // after the adapter, as the wiring does, and reached by the commands from then on.
  let totd: TalkOfTheDay | null = null;
  const commands = subscriptionCommands(() => totd!, { time: "09:00", timeZone: "UTC" }, logger);
  let watchStore: ReturnType<typeof openWatches> | undefined;
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
      ...(options.subscriptions ? { subscriptions: commands } : {}),
      ...(options.watches
        ? {
            watches: createWatchCommands({
              watches: () => (watchStore ??= openWatches(state)),
              matchesToday: (query) =>
                Boolean(acceptedIds(testLibrary().current(), query, 1)?.length),
            }),
          }
        : {}),
      ...(options.pages ? { pages: options.pages } : {}),
      ...(options.library ? { library: options.library } : {}),
      state,
    }),
    options.adapter,
  );
  if (options.start) await adapter.start();
  if (options.subscriptions) {
    totd = createTalkOfTheDay({
      totd: { time: "09:00", timeZone: "UTC", slackChannels: [], matrixRooms: [] },
      ports: { slack: adapter.post },
      state,
      core: { today: (date) => testLibrary().current().today(date) },
      logger,
    });
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
        ...(opts.channel !== undefined ? { channelId: opts.channel } : {}),
        ...(opts.ephemeral !== undefined ? { ephemeral: opts.ephemeral } : {}),
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
