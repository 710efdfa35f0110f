// createSlackAdapter: the real Bolt App, wired to the conversation turn.
//
// HTTP mode (no app token): main.ts owns the one HTTP server and routes /slack/events
// (commands, events and interactivity) to `requestListener`. The adapter never listens on
// its own: Bolt's HTTPReceiver is used for its request listener, which works without
// app.start() because App's constructor already calls receiver.init(app). Bolt verifies
// every request (signature, timestamp, body size); http-entry.ts in front of it adds only
// the 503 while stopping and what Bolt's options cannot express.
//
// Socket Mode (SLACK_APP_TOKEN set): Bolt's SocketModeReceiver; start() connects, and
// requestListener answers 404.
import { App, type Authorize, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { SlackConfig } from "../../config.ts";
import type {
  AdapterDeps,
  AdapterHealth,
  HttpReceivingAdapter,
  WithdrawnReason,
} from "../../core/adapter.ts";
import { boltLogger } from "./bolt-logger.ts";
import { createRunTracker, createSlackContext, errorText } from "./context.ts";
import { type ClaimOptions, registerEventDedupe } from "./event-dedupe.ts";
import { findAnswer } from "./find-answer.ts";
import { createHealthTracker, isFatalAuth } from "./health.ts";
import { createHttpEntry, MAX_BODY_BYTES, type RequestListener } from "./http-entry.ts";
import { createIdentity } from "./identity.ts";
import { registerCommand } from "./listeners/command.ts";
import { registerDirectMessage } from "./listeners/direct-message.ts";
import { registerLinkButton } from "./listeners/link-button.ts";
import {
  createMembershipListeners,
  type MembershipChange,
  registerMembership,
} from "./listeners/membership.ts";
import { registerMention } from "./listeners/mention.ts";
import { registerMoreResults } from "./listeners/more-results.ts";
import { registerShareCard } from "./listeners/share-card.ts";
import { registerUnfurl } from "./listeners/unfurl.ts";
import { createCardPoster } from "./post-card.ts";
import { createResponder } from "./response-url.ts";
import { unclaimedSettler } from "./unclaimed-answers.ts";
import { classifyWebApiError } from "./web-api-failure.ts";
import { createSlackApi, webClientOptions } from "./web-client.ts";

/**
 * The path Bolt serves. main.ts's server routes only SLACK_EVENTS_PATH (src/http/server.ts,
 * the same path) here; Bolt checks it again and 404s anything else.
 */
const BOLT_ENDPOINT = "/slack/events";

export interface SlackAdapterOptions {
  /** Milliseconds since the epoch; for the timestamp check and latencies. */
  readonly clock?: () => number;
  /** Largest request body accepted. */
  readonly maxBodyBytes?: number;
  /** How long stop() waits for answers in flight. */
  readonly stopTimeoutMs?: number;
  /** How long a request waits for the first auth.test before going on without it. */
  readonly authorizeWaitMs?: number;
  /** Lease and polling of event claims across replicas (event-dedupe.ts). */
  readonly claims?: ClaimOptions;
  /** Each answer withdrawn as a second answer to one event (unclaimed-answers.ts). */
  readonly onAnswerWithdrawn?: (reason: WithdrawnReason) => void;
}

export interface SlackAdapter extends HttpReceivingAdapter {
  readonly platform: "slack";
  readonly mode: "http" | "socket";
  /** For main.ts's HTTP server: mount on POST /slack/events. */
  readonly requestListener: RequestListener;
  /**
   * Calls `listener` when the bot is invited to a channel or removed from one: the daily
   * post resumes or pauses that channel's subscription. Returns how to stop listening.
   */
  onMembership(listener: (change: MembershipChange) => void): () => void;
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
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;

  // One bot token for one workspace. The bot's ids come from our cached auth.test, waited
  // for only briefly so that a slow Slack API cannot push an ack past its 3 s.
  let identity: ReturnType<typeof createIdentity> | undefined;
  const waitMs = options.authorizeWaitMs ?? 1000;
  const authorize: Authorize<boolean> = async () => {
    const id = await identity?.peek(waitMs);
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
          endpoints: BOLT_ENDPOINT,
          logger: sdkLogger,
          bodyLimit: maxBodyBytes,
          processBeforeResponse: false,
        });

  const app = new App({
    receiver,
    authorize,
    logger: sdkLogger,
    clientOptions: webClientOptions(config.apiUrl, sdkLogger, config.botToken),
    ignoreSelf: true,
    convoStore: false,
  });
  app.error(async (error) => {
    // The last stop for anything a listener did not catch: log it, never crash.
    logger.error({ err: errorText(error), code: error.code }, "slack listener error");
  });

  // app.client is the one WebClient.
  const api = createSlackApi({
    client: app.client,
    logger,
    onOutcome: tracker.outcome,
  });
  identity = createIdentity(api);
  const respond = createResponder({ apiUrl: config.apiUrl, logger, onOutcome: tracker.outcome });
  const runs = createRunTracker(logger);
  const ctx = createSlackContext({
    deps,
    logger,
    api,
    respond,
    identity,
    clock,
    run: runs.run,
    adminsOnly: config.subscribeAdminsOnly === true,
  });

  const claims = registerEventDedupe(app, deps.state, logger, clock, {
    // A takeover first looks for the dead holder's answer (find-answer.ts).
    findAnswer: (eventId, body) =>
      findAnswer({ api, identity: () => identity.get(), eventId, body }),
    // Two replicas without a claim may both answer: the later answer is taken back.
    settleUnclaimed: unclaimedSettler({
      api,
      identity: () => identity.get(),
      logger,
      ...(options.onAnswerWithdrawn ? { onWithdrawn: options.onAnswerWithdrawn } : {}),
    }),
    ...options.claims,
  });
  // The receiver hands deliveries to this front: an event is claimed before Bolt acks it.
  receiver.init(claims.claimFirst(app));
  registerCommand(app, ctx);
  registerMention(app, ctx);
  registerDirectMessage(app, ctx);
  registerMoreResults(app, ctx);
  registerShareCard(app, ctx);
  registerLinkButton(app);
  if (deps.pages) registerUnfurl(app, ctx, deps.pages);
  const membership = createMembershipListeners(ctx);
  registerMembership(app, ctx, membership.announce);

  let accepting = true;
  let started = false;
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
      ? createHttpEntry({
          logger,
          clock,
          maxBodyBytes,
          signingSecret: config.signingSecret,
          accepting: () => accepting,
          bolt: receiver.requestListener,
        })
      : (_req, res) => {
          res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
          res.end("slack runs in socket mode\n");
        };

  async function start(): Promise<void> {
    if (!accepting) throw new Error("Slack adapter was stopped");
    try {
      const id = await identity!.get();
      logger.info({ mode, botUserId: id.userId }, "slack adapter authenticated");
    } catch (error) {
      const failure = classifyWebApiError(error);
      if (isFatalAuth(failure)) {
        tracker.set("down", `auth.test: ${failure.detail}`);
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
    claims.startSweeping();
    if (tracker.health().state === "starting") tracker.set("up");
  }

  async function stop(): Promise<void> {
    if (!accepting) return;
    accepting = false;
    const left = await runs.drain(options.stopTimeoutMs ?? 10_000);
    await claims.drain(options.stopTimeoutMs ?? 10_000); // done marks of answered events
    if (left) logger.warn({ inFlight: left }, "slack adapter stopped with answers in flight");
    if (started && receiver instanceof SocketModeReceiver) await app.stop().catch(() => undefined);
    tracker.set("stopped");
  }

  return {
    platform: "slack",
    mode,
    requestListener,
    start,
    stop,
    health: (): AdapterHealth => tracker.health(),
    onMembership: membership.onMembership,
    post: createCardPoster({ api, identity, logger }),
  };
}
