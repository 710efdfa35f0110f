// A local stand-in for Slack's Web API and its response_url hooks, on 127.0.0.1. It records
// every call, answers the way Slack does ({ok:true, ts, channel} ...), and fails on demand:
// 429 with Retry-After, an error code (channel_not_found, not_in_channel, missing_scope),
// or an HTTP 500. Posted messages (with their metadata) land in the channel, and
// conversations.history serves them back. The bot is in every channel unless a test says it
// left one (then posts and history reads there answer not_in_channel, as Slack does), and
// users.info tells who is a workspace admin or owner. Hooks let a test act between the fake taking a
// call and answering it (to kill the caller there) and right after the answer.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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

/** A message in a channel, as conversations.history returns it. */
export interface ChannelMessage {
  readonly type: "message";
  readonly ts: string;
  readonly text: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly app_id?: string;
  readonly metadata?: { readonly event_type: string; readonly event_payload: unknown };
}

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

export interface FakeSlackOptions {
  /** The bot token the fake accepts; any other gets invalid_auth. */
  readonly token: string;
  readonly botUserId?: string;
  readonly botId?: string;
  readonly teamId?: string;
  readonly appId?: string;
  /** Milliseconds since the epoch that message timestamps are taken from. */
  readonly clock?: () => number;
}

/** conversations.history's page size when none (or nonsense) is asked for, and its cap. */
const HISTORY_DEFAULT_LIMIT = 100;
const HISTORY_MAX_LIMIT = 999;

const JSON_FIELDS = new Set(["blocks", "attachments", "metadata"]);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json")) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
  }
  return out;
}

export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const failures: PendingFailure[] = [];
  const waiters = new Set<() => void>();
  const channels = new Map<string, ChannelMessage[]>();
  /** Channels the bot is not in. */
  const outside = new Set<string>();
  const roles = new Map<string, { isAdmin?: boolean; isOwner?: boolean }>();
  /** The methods that need the bot in the channel. */
  const MEMBERS_ONLY = new Set(["chat.postMessage", "chat.postEphemeral", "conversations.history"]);
  let lastTsMicros = 0;
  let lastCallAt = Date.now();
  const botUserId = options.botUserId ?? "UBOT0001";
  const botId = options.botId ?? "BBOT0001";
  const teamId = options.teamId ?? "T0TEAM001";
  const appId = options.appId ?? "A0APP0001";
  const clock = options.clock ?? Date.now;

  /** Slack's "seconds.micros" timestamps: from the clock, unique and increasing. */
  function nextTs(): string {
    lastTsMicros = Math.max(lastTsMicros + 1, Math.floor(clock()) * 1000);
    return `${Math.floor(lastTsMicros / 1e6)}.${String(lastTsMicros % 1e6).padStart(6, "0")}`;
  }

  function append(channel: string, message: Omit<ChannelMessage, "type" | "ts">): string {
    const ts = nextTs();
    const list = channels.get(channel) ?? [];
    list.push({ type: "message", ts, ...message });
    channels.set(channel, list);
    return ts;
  }

  /** Newest first after `oldest`, a page of `limit` from the offset in `cursor`. */
  function history(body: Record<string, unknown>): Record<string, unknown> {
    const all = channels.get(String(body.channel)) ?? [];
    const oldest = Number(body.oldest ?? 0) || 0;
    const inclusive = body.inclusive === "true" || body.inclusive === true;
    const metadata = body.include_all_metadata === "true" || body.include_all_metadata === true;
    const asked = Number(body.limit);
    const limit =
      Number.isInteger(asked) && asked > 0
        ? Math.min(asked, HISTORY_MAX_LIMIT)
        : HISTORY_DEFAULT_LIMIT;
    const offset = body.cursor ? Number(Buffer.from(String(body.cursor), "base64").toString()) : 0;
    const matching = all
      .filter((m) => (inclusive ? Number(m.ts) >= oldest : Number(m.ts) > oldest))
      .reverse();
    const page = matching.slice(offset, offset + limit);
    const hasMore = offset + limit < matching.length;
    return {
      ok: true,
      messages: page.map(({ metadata: meta, ...rest }) =>
        metadata && meta ? { ...rest, metadata: meta } : rest,
      ),
      has_more: hasMore,
      pin_count: 0,
      response_metadata: {
        next_cursor: hasMore ? Buffer.from(String(offset + limit)).toString("base64") : "",
      },
    };
  }

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

  function apiAnswer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    if (MEMBERS_ONLY.has(method) && outside.has(String(body.channel)))
      return { ok: false, error: "not_in_channel" };
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://virt-test.slack.com/",
          team: "virt test",
          user: "virt-talks",
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
        };
      case "chat.postMessage": {
        const meta = body.metadata as ChannelMessage["metadata"] | undefined;
        const ts = append(String(body.channel), {
          text: String(body.text ?? ""),
          user: botUserId,
          bot_id: botId,
          app_id: appId,
          ...(meta?.event_type ? { metadata: meta } : {}),
        });
        return { ok: true, channel: body.channel, ts, message: { text: body.text, ts } };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: nextTs() };
      case "conversations.history":
        return history(body);
      case "users.info": {
        const id = String(body.user);
        const role = roles.get(id) ?? {};
        return {
          ok: true,
          user: {
            id,
            team_id: teamId,
            name: `user-${id.toLowerCase()}`,
            is_admin: role.isAdmin === true || role.isOwner === true,
            is_owner: role.isOwner === true,
            is_bot: false,
          },
        };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

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
    const answer = apiAnswer(method, body);
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
    messagesIn: (channel) => channels.get(channel) ?? [],
    leave: (channel) => void outside.add(channel),
    join: (channel) => void outside.delete(channel),
    setUser: (id, role) => void roles.set(id, role),
    inject: append,
    reset() {
      calls.length = 0;
      failures.length = 0;
      channels.clear();
      outside.clear();
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
