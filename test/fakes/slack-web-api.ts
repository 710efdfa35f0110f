// A local stand-in for Slack's Web API and its response_url hooks, on 127.0.0.1. It records
// every call, answers the way Slack does ({ok:true, ts, channel} ...), and fails on demand:
// 429 with Retry-After, an error code (channel_not_found, not_in_channel), or an HTTP 500.
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
  reset(): void;
  close(): Promise<void>;
}

export interface FakeSlackOptions {
  /** The bot token the fake accepts; any other gets invalid_auth. */
  readonly token: string;
  readonly botUserId?: string;
  readonly botId?: string;
  readonly teamId?: string;
}

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
  let tsCounter = 0;
  let lastCallAt = Date.now();
  const botUserId = options.botUserId ?? "UBOT0001";
  const botId = options.botId ?? "BBOT0001";
  const teamId = options.teamId ?? "T0TEAM001";

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
        const ts = `1700000000.${String(++tsCounter).padStart(6, "0")}`;
        return { ok: true, channel: body.channel, ts, message: { text: body.text, ts } };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: `1700000000.${String(++tsCounter).padStart(6, "0")}` };
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
    send(res, 200, answer);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
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
    reset() {
      calls.length = 0;
      failures.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
