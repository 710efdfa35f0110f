// createSlackAdapter: the real Bolt App, wired to the core.
//
// HTTP mode (no app token): main.ts owns the one HTTP server and routes /slack/events
// (commands, events and interactivity) to `requestListener`. The adapter never listens on
// its own: Bolt's HTTPReceiver is used only for its request listener, which works without
// app.start() because App's constructor already calls receiver.init(app). In front of it
// sits http-guard.ts (size limit, timestamp window both ways, signature), the one place
// requests are verified: no request reaches Bolt without passing it.
//
// Socket Mode (SLACK_APP_TOKEN set): Bolt's SocketModeReceiver; start() connects, and
// requestListener answers 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, type Authorize, ErrorCode, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { SlackConfig } from "../../config.ts";
import type { TalkCard } from "../../core/card.ts";
import { renderPostedCard } from "../../render/slack/answer.ts";
import type { AdapterDeps, AdapterHealth, ChatAdapter } from "../types.ts";
import { boltLogger } from "./bolt-logger.ts";
import { errorText, type SlackContext } from "./context.ts";
import { createSeenSet } from "./dedupe.ts";
import { findPost, postMetadata } from "./find-post.ts";
import { createHealthTracker, isFatalAuth } from "./health.ts";
import { createHttpGuard, MAX_BODY_BYTES, type RequestListener } from "./http-guard.ts";
import { createIdentity } from "./identity.ts";
import { registerCommand } from "./listeners/command.ts";
import { registerEventDedupe } from "./listeners/dedupe-events.ts";
import { registerLinkButton } from "./listeners/link-button.ts";
import { registerMention } from "./listeners/mention.ts";
import { registerMoreResults } from "./listeners/more-results.ts";
import { registerShareCard } from "./listeners/share-card.ts";
import { createResponder } from "./response-url.ts";
import { classifyWebApiError, createSlackApi, webClientOptions } from "./web-client.ts";

/** The one path Slack posts to: slash commands, events and interactivity alike. */
export const EVENTS_PATH = "/slack/events";

export interface SlackAdapterOptions {
  /** Milliseconds since the epoch; for the timestamp check and the rate limiter. */
  readonly clock?: () => number;
  /** Largest request body accepted. */
  readonly maxBodyBytes?: number;
  /** How long stop() waits for answers in flight. */
  readonly stopTimeoutMs?: number;
  /** How long a request waits for the first auth.test before going on without it. */
  readonly authorizeWaitMs?: number;
}

export interface SlackAdapter extends ChatAdapter {
  readonly platform: "slack";
  readonly mode: "http" | "socket";
  /** For main.ts's HTTP server: mount on POST /slack/events. */
  readonly requestListener: RequestListener;
}

export function createSlackAdapter(
  config: SlackConfig,
  deps: AdapterDeps,
  options: SlackAdapterOptions = {},
): SlackAdapter {
  // Signature verification cannot be switched off: without a secret there is no adapter.
  if (!config.signingSecret?.trim())
    throw new Error(
      "Slack: SLACK_SIGNING_SECRET is required (request signatures are always verified)",
    );
  if (!config.botToken?.trim()) throw new Error("Slack: SLACK_BOT_TOKEN is required");

  const clock = options.clock ?? Date.now;
  const logger = deps.logger.child({ platform: "slack" });
  const sdkLogger = boltLogger(logger);
  const tracker = createHealthTracker();
  const mode: SlackAdapter["mode"] = config.appToken ? "socket" : "http";

  const api = createSlackApi({
    token: config.botToken,
    apiUrl: config.apiUrl,
    logger,
    boltLogger: sdkLogger,
    onOutcome: tracker.outcome,
  });
  const respond = createResponder({ apiUrl: config.apiUrl, logger, onOutcome: tracker.outcome });
  const identity = createIdentity(api);

  const inFlight = new Set<Promise<unknown>>();
  let accepting = true;
  let started = false;

  const ctx: SlackContext = {
    core: deps.core,
    logger,
    observer: deps.observer,
    rateLimiter: deps.rateLimiter,
    api,
    respond,
    identity,
    events: createSeenSet({ maxKeys: 10_000, ttlMs: 60 * 60_000 }),
    clock,
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(settled);
      void settled.then(() => inFlight.delete(settled));
    },
  };

  // One bot token for one workspace. The bot's ids come from our cached auth.test, waited
  // for only briefly so that a slow Slack API cannot push an ack past its 3 s.
  const waitMs = options.authorizeWaitMs ?? 1000;
  const authorize: Authorize<boolean> = async () => {
    const id = await identity.peek(waitMs);
    return { botToken: config.botToken, botId: id?.botId, botUserId: id?.userId };
  };

  const receiver =
    mode === "socket"
      ? new SocketModeReceiver({
          appToken: config.appToken!,
          logger: sdkLogger,
          installerOptions: { clientOptions: webClientOptions(config.apiUrl) },
        })
      : new HTTPReceiver({
          signingSecret: config.signingSecret,
          // http-guard.ts, in front of this receiver, has already verified the signature and
          // the timestamp (both ways) of every request that reaches it; verifying again cost
          // ~8% of the CPU of a slash command under load (bench:bot profile).
          signatureVerification: false,
          endpoints: EVENTS_PATH,
          logger: sdkLogger,
          bodyLimit: options.maxBodyBytes ?? MAX_BODY_BYTES,
          processBeforeResponse: false,
        });

  const app = new App({
    receiver,
    authorize,
    logger: sdkLogger,
    clientOptions: webClientOptions(config.apiUrl),
    ignoreSelf: true,
    convoStore: false,
  });
  app.error(async (error) => {
    // The last stop for anything a listener did not catch: log it, never crash.
    logger.error({ err: errorText(error), code: error.code }, "slack listener error");
  });

  registerEventDedupe(app, ctx);
  registerCommand(app, ctx);
  registerMention(app, ctx);
  registerMoreResults(app, ctx);
  registerShareCard(app, ctx);
  registerLinkButton(app);

  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on("connected", () => started && tracker.set("up"));
    receiver.client.on(
      "reconnecting",
      () => started && tracker.set("degraded", "socket mode: reconnecting"),
    );
    receiver.client.on(
      "disconnected",
      () => started && accepting && tracker.set("degraded", "socket mode: disconnected"),
    );
  }

  const requestListener: RequestListener =
    receiver instanceof HTTPReceiver
      ? createHttpGuard({
          signingSecret: config.signingSecret,
          logger,
          clock,
          ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
          accepting: () => accepting,
          next: (req: IncomingMessage, res: ServerResponse) => {
            try {
              receiver.requestListener(req, res);
            } catch (error) {
              // Bolt throws for paths it does not serve (main.ts should not route those).
              const deferred =
                (error as { code?: unknown }).code === ErrorCode.HTTPReceiverDeferredRequestError;
              if (!deferred) throw error;
              res.writeHead(404);
              res.end();
            }
          },
        })
      : (_req, res) => {
          res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
          res.end("slack runs in socket mode\n");
        };

  const posted = createSeenSet({ maxKeys: 1000, ttlMs: 7 * 24 * 60 * 60_000 });

  async function start(): Promise<void> {
    if (!accepting) throw new Error("Slack adapter was stopped");
    try {
      const id = await identity.get();
      logger.info({ mode, botUserId: id.userId }, "slack adapter authenticated");
    } catch (error) {
      const failure = classifyWebApiError(error);
      if (isFatalAuth(failure)) {
        tracker.set("down", `auth.test: ${failure.kind === "refused" ? failure.error : ""}`);
        throw new Error(`Slack rejected SLACK_BOT_TOKEN (${JSON.stringify(failure)})`);
      }
      // Slack unreachable for now: requests still work and auth.test is retried on demand.
      logger.warn({ failure }, "slack auth.test failed; starting degraded");
      tracker.set("degraded", `slack api: auth.test ${failure.kind}`);
    }
    if (receiver instanceof SocketModeReceiver) {
      try {
        await app.start();
      } catch (error) {
        tracker.set("down", `socket mode: ${errorText(error)}`);
        throw error;
      }
    }
    started = true;
    if (tracker.health().state === "starting") tracker.set("up");
  }

  async function stop(timeoutMs = options.stopTimeoutMs ?? 10_000): Promise<void> {
    if (!accepting) return;
    accepting = false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...inFlight]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    if (inFlight.size)
      logger.warn({ inFlight: inFlight.size }, "slack adapter stopped with answers in flight");
    if (started && receiver instanceof SocketModeReceiver) await app.stop().catch(() => undefined);
    tracker.set("stopped");
  }

  return {
    platform: "slack",
    mode,
    requestListener,
    start,
    stop: () => stop(),
    health: (): AdapterHealth => tracker.health(),
    async postCard(destination: string, card: TalkCard, idempotencyKey: string) {
      // Slack has no idempotency key for chat.postMessage: remember what we posted (in this
      // process) so a repeated call with the same key does not post twice. Across processes
      // the daily post asks findPost before it sends again.
      if (!posted.firstSighting(idempotencyKey, clock())) {
        logger.info({ idempotencyKey }, "slack card already posted; skipping");
        return;
      }
      try {
        // The key travels as message metadata, so findPost can tell later whether it arrived.
        await api.postMessage({
          channel: destination,
          ...renderPostedCard(card),
          metadata: postMetadata(idempotencyKey),
        });
      } catch (error) {
        posted.forget(idempotencyKey);
        throw error;
      }
    },
    findPost(destination: string, idempotencyKey: string, since: Date) {
      return findPost({
        api,
        identity: () => identity.get(),
        channel: destination,
        key: idempotencyKey,
        since,
      });
    },
  };
}
