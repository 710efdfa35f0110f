// A local stand-in for Slack's Web API and its response_url hooks, on 127.0.0.1. It records
// every call, answers the way Slack does ({ok:true, ts, channel} ...), and fails on demand:
// 429 with Retry-After, an error code (channel_not_found, not_in_channel, missing_scope),
// or an HTTP 500. Posted messages (with their metadata) land in the channel, and
// conversations.history and conversations.replies (a thread) serve them back. The bot is in every channel unless a test says it
// left one (then posts and history reads there answer not_in_channel, as Slack does), and
// users.info tells who is a workspace admin or owner. Hooks let a test act between the fake taking a
// call and answering it (to kill the caller there) and right after the answer.
import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ChannelMessage, createChannels } from "./slack-channels.ts";
import { createMethods, parseBody, type Roles, readBody } from "./slack-methods.ts";

export interface RecordedCall {
  /** "chat.postMessage", "auth.test", ... or "response" for a response_url post. */
  readonly method: string;
  /** For response_url posts: the id in /response/<id>. */
  readonly responseId?: string;
  /** The body, parsed: form fields (JSON fields like blocks decoded) or the JSON body. */
  readonly body: Record<string, unknown>;
  readonly raw: string;
  readonly authorization: string | undefined;
  /** The HTTP status the fake answered with. */
  readonly status: number;
  /** Whether the fake reported success (HTTP 200 and, for the API, ok:true). */
  readonly ok: boolean;
  readonly at: number;
}

export type Failure =
  | { readonly status: 429; readonly retryAfter: number }
  | { readonly status: 500 }
  | { readonly error: string };

interface PendingFailure {
  readonly match: string;
  readonly failure: Failure;
  remaining: number;
}

export type { ChannelMessage } from "./slack-channels.ts";

export interface AnswerHooks {
  /** Awaited after the call took effect (a post is in the channel), before the answer. */
  before?(call: RecordedCall): void | Promise<void>;
  /** Called right after the answer was written. */
  after?(call: RecordedCall): void;
}

export interface FakeSlack {
  /** Base URL for SLACK_API_URL / WebClient slackApiUrl, ending in /api/. */
  readonly apiUrl: string;
  readonly calls: readonly RecordedCall[];
  /** A response_url served by the fake. */
  responseUrl(id: string): string;
  /** The next `times` calls to `match` ("chat.postMessage", "response", "*") fail so. */
  failNext(match: string, failure: Failure, times?: number): void;
  /** Calls to a method (successful ones only unless `all`). */
  callsTo(method: string, options?: { all?: boolean; responseId?: string }): RecordedCall[];
  /** Resolves once `predicate` holds for the recorded calls; rejects after `timeoutMs`. */
  waitFor(
    predicate: (calls: readonly RecordedCall[]) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
  /** Waits until no call has arrived for `quietMs`. */
  settle(quietMs?: number): Promise<void>;
  /** A channel's messages, oldest first. */
  messagesIn(channel: string): readonly ChannelMessage[];
  /** Someone else's message in a channel (a person, another app); returns its ts. */
  inject(channel: string, message: Omit<ChannelMessage, "type" | "ts">): string;
  /** The bot is not (or no longer) a member of `channel`; `join` undoes it. */
  leave(channel: string): void;
  join(channel: string): void;
  /** What users.info says about a user (default: a plain member). */
  setUser(id: string, role: { readonly isAdmin?: boolean; readonly isOwner?: boolean }): void;
  /** Acts around every API answer (not response_url posts); null removes them. */
  hooks: AnswerHooks | null;
  /** Forgets calls, pending failures and channel messages. */
  reset(): void;
  close(): Promise<void>;
}

interface FakeSlackOptions {
  /** The bot token the fake accepts; any other gets invalid_auth. */
  readonly token: string;
  readonly botUserId?: string;
  readonly botId?: string;
  readonly teamId?: string;
  readonly appId?: string;
  /** Milliseconds since the epoch that message timestamps are taken from. */
  readonly clock?: () => number;
}

export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const failures: PendingFailure[] = [];
  const waiters = new Set<() => void>();
  const channels = createChannels(options.clock ?? Date.now);
  const roles: Roles = new Map();
  let lastCallAt = Date.now();

  function takeFailure(method: string): Failure | undefined {
    const i = failures.findIndex((f) => f.match === method || f.match === "*");
    if (i < 0) return undefined;
    const f = failures[i]!;
    f.remaining--;
    if (f.remaining <= 0) failures.splice(i, 1);
    return f.failure;
  }

  function send(res: ServerResponse, status: number, body: unknown, headers = {}) {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  }

  const methods = createMethods({
    channels,
    roles,
    botUserId: options.botUserId ?? "UBOT0001",
    botId: options.botId ?? "BBOT0001",
    teamId: options.teamId ?? "T0TEAM001",
    appId: options.appId ?? "A0APP0001",
  });

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const body = parseBody(raw, req.headers["content-type"]);
    const api = /^\/api\/([\w.]+)$/.exec(path);
    const hook = /^\/response\/([\w-]+)$/.exec(path);
    const method = api ? api[1]! : hook ? "response" : `unknown:${path}`;
    const record = (status: number, ok: boolean) => {
      calls.push({
        method,
        ...(hook ? { responseId: hook[1]! } : {}),
        body,
        raw,
        authorization: req.headers.authorization,
        status,
        ok,
        at: Date.now(),
      });
      lastCallAt = Date.now();
      for (const w of waiters) w();
    };

    const failure = takeFailure(method);
    if (failure && "status" in failure && failure.status === 429) {
      record(429, false);
      return send(
        res,
        429,
        { ok: false, error: "ratelimited" },
        {
          "retry-after": String(failure.retryAfter),
        },
      );
    }
    if (failure && "status" in failure) {
      record(500, false);
      return send(res, 500, "internal server error");
    }
    if (hook) {
      if (failure && "error" in failure) {
        record(404, false);
        return send(res, 404, failure.error);
      }
      record(200, true);
      return send(res, 200, { ok: true });
    }
    if (!api) {
      record(404, false);
      return send(res, 404, "not found");
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      record(200, false);
      return send(res, 200, { ok: false, error: "invalid_auth" });
    }
    if (failure && "error" in failure) {
      record(200, false);
      return send(res, 200, { ok: false, error: failure.error });
    }
    const answer = methods.answer(method, body);
    record(200, answer.ok === true);
    const hooks = fake.hooks;
    const call = calls.at(-1)!;
    await hooks?.before?.(call);
    send(res, 200, answer);
    hooks?.after?.(call);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    hooks: null,
    calls,
    responseUrl: (id) => `${base}/response/${id}`,
    failNext(match, failure, times = 1) {
      failures.push({ match, failure, remaining: times });
    },
    callsTo(method, opts = {}) {
      return calls.filter(
        (c) =>
          c.method === method &&
          (opts.all || c.ok) &&
          (opts.responseId === undefined || c.responseId === opts.responseId),
      );
    },
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(calls)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `fake slack: condition not met within ${timeoutMs} ms (${calls.length} calls)`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async settle(quietMs = 150) {
      while (Date.now() - lastCallAt < quietMs) {
        await new Promise((r) => setTimeout(r, quietMs / 3));
      }
    },
    messagesIn: channels.messagesIn,
    leave: channels.leave,
    join: channels.join,
    setUser: (id, role) => void roles.set(id, role),
    inject: channels.append,
    reset() {
      calls.length = 0;
      failures.length = 0;
      channels.clear();
      roles.clear();
      fake.hooks = null;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
