// What a Slack listener callback is unit-tested with (as the Bolt starter template tests its
// listeners): the real SlackContext (src/adapters/slack/context.ts) with the real turn over
// the real catalog, and fakes only where Slack would be — a recording WebClient under the
// real SlackApi, a recording response_url poster, and fake `ack`s.
import type { webApi } from "@slack/bolt";
import {
  createRunTracker,
  createSlackContext,
  type SlackContext,
} from "../../src/adapters/slack/context.ts";
import { createIdentity } from "../../src/adapters/slack/identity.ts";
import type { ResponsePayload } from "../../src/adapters/slack/response-url.ts";
import { createSlackApi } from "../../src/adapters/slack/web-client.ts";
import type { AnsweredRequest } from "../../src/core/adapter.ts";
import type { RateLimiter } from "../../src/core/rate-limit.ts";
import { createLogger } from "../../src/log.ts";
import { tempStateDir, testDeps } from "./slack-deps.ts";

export const BOT = Object.freeze({ userId: "UBOT0001", botId: "B0BOT0001", teamId: "T0TEAM001" });

/** One Web API call the fake client received. */
export interface ClientCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
}

/** An error as the SDK throws it when Slack answers `{ok: false, error}`. */
export const platformError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: "slack_webapi_platform_error",
    data: { ok: false, error },
  });

/** The answers of the fake Web API, per method. */
const ANSWERS: Readonly<Record<string, Record<string, unknown>>> = {
  "auth.test": { ok: true, user_id: BOT.userId, bot_id: BOT.botId, team_id: BOT.teamId },
  "chat.postMessage": { ok: true, ts: "1700000000.000200" },
  "chat.postEphemeral": { ok: true, message_ts: "1700000000.000300" },
  "users.info": { ok: true, user: { is_admin: false, is_owner: false } },
  "conversations.history": { ok: true, messages: [], has_more: false },
};

export interface ListenerWorld {
  readonly ctx: SlackContext;
  /** Web API calls, in order. */
  readonly calls: ClientCall[];
  /** response_url posts, in order. */
  readonly responses: { readonly url: string; readonly payload: ResponsePayload }[];
  readonly observed: AnsweredRequest[];
  readonly logs: string[];
  /** The next call of `method` ("response_url": the next post there) throws `error`. */
  failNext(method: string, error: unknown): void;
  /** A fake `ack`: records the body it was called with (undefined: an empty ack). */
  readonly ack: ((body?: unknown) => Promise<void>) & { readonly bodies: unknown[] };
}

export async function listenerWorld(options: { rateLimiter?: RateLimiter } = {}) {
  const calls: ClientCall[] = [];
  const failures = new Map<string, unknown[]>();
  const method =
    (name: string) =>
    async (args: Record<string, unknown> = {}): Promise<Record<string, unknown>> => {
      calls.push({ method: name, args });
      const failure = failures.get(name)?.shift();
      if (failure !== undefined) throw failure;
      return ANSWERS[name] ?? { ok: true };
    };
  const client = {
    auth: { test: method("auth.test") },
    chat: { postMessage: method("chat.postMessage"), postEphemeral: method("chat.postEphemeral") },
    users: { info: method("users.info") },
    conversations: { history: method("conversations.history") },
  } as unknown as webApi.WebClient;

  const logs: string[] = [];
  const logger = createLogger({
    level: "debug",
    pretty: false,
    destination: { write: (line: string) => void logs.push(line) },
  });
  const observed: AnsweredRequest[] = [];
  const deps = testDeps({
    logger,
    stateDir: tempStateDir(),
    observer: { answered: (r) => void observed.push(r) },
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
  });
  const api = createSlackApi({ client, logger });
  const identity = createIdentity(api);
  await identity.get();
  calls.length = 0;
  const responses: ListenerWorld["responses"] = [];
  let now = 1_700_000_000_000;
  const ctx = createSlackContext({
    deps,
    logger,
    api,
    async respond(url, payload) {
      const failure = failures.get("response_url")?.shift();
      if (failure !== undefined) throw failure;
      responses.push({ url, payload });
    },
    identity,
    // Each reading 3 ms later: latencies are exact.
    clock: () => (now += 3),
    run: createRunTracker(logger).run,
    adminsOnly: false,
  });
  const bodies: unknown[] = [];
  const ack = Object.assign(async (body?: unknown) => void bodies.push(body), { bodies });
  const world: ListenerWorld = {
    ctx,
    calls,
    responses,
    observed,
    logs,
    ack,
    failNext(name, error) {
      failures.set(name, [...(failures.get(name) ?? []), error]);
    },
  };
  return world;
}
