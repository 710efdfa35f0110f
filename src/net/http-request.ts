// One outgoing HTTP request with a text answer, over node:http/node:https and keep-alive
// agents: how the bot answers Slack's response_url and sends Matrix messages.
//
// Why not fetch: under load, undici's fetch cost ~0.3 ms more CPU per request than
// node:http (WHATWG streams, AbortSignal.timeout's transferable signal), about a fifth of
// all the bot spends on a slash command, and its first burst of fresh connections stalled
// the event loop (bench:bot at 50 clients).
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export interface HttpRequest {
  readonly method: "GET" | "POST" | "PUT";
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The whole exchange, connect to last byte; then the request fails with ETIMEDOUT. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly text: string;
  /** A response header by lower-case name (the first value if repeated), or null. */
  header(name: string): string | null;
}

/** An error with a Node-style `code`, as the callers' transport classifiers expect. */
export class HttpRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "HttpRequestError";
  }
}

// An idle socket is closed well before common servers' keep-alive timeouts (nginx 75 s,
// Node 5 s), so we rarely write into a connection the server is closing; when that race
// happens anyway, send() retries once on a fresh connection (see below).
const AGENT_OPTIONS = Object.freeze({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
const agents = { http: new HttpAgent(AGENT_OPTIONS), https: new HttpsAgent(AGENT_OPTIONS) };

const headerValue = (headers: IncomingHttpHeaders, name: string): string | null => {
  const v = headers[name];
  if (v === undefined) return null;
  return Array.isArray(v) ? (v[0] ?? null) : v;
};

function once(url: URL, init: HttpRequest, fresh: boolean): Promise<HttpResponse> {
  const https = url.protocol === "https:";
  if (!https && url.protocol !== "http:")
    return Promise.reject(new HttpRequestError(`unsupported URL scheme ${url.protocol}`, "EPROTO"));
  const send = https ? httpsRequest : httpRequest;
  const agent = https ? agents.https : agents.http;
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
  return new Promise((resolve, reject) => {
    let settled = false;
    let responded = false;
    const req = send(url, {
      method: init.method,
      headers,
      // A retry after a reset of a reused connection must not pick another old one.
      agent: fresh ? false : agent,
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const timer = setTimeout(() => {
      req.destroy(new HttpRequestError(`no answer within ${init.timeoutMs} ms`, "ETIMEDOUT"));
    }, init.timeoutMs);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The server closed a kept-alive connection just as we reused it: it read nothing
      // of this request. Node's docs recommend exactly this retry.
      const code = (error as NodeJS.ErrnoException).code;
      if (!fresh && !responded && req.reusedSocket && code === "ECONNRESET") {
        once(url, init, true).then(resolve, reject);
        return;
      }
      reject(error);
    };
    req.on("error", fail);
    req.on("response", (res) => {
      responded = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", fail);
      res.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString("utf8"),
          header: (name) => headerValue(res.headers, name),
        });
      });
    });
    req.end(init.body);
  });
}

/** Sends one request; rejects with an error carrying a `code` for transport failures. */
export function send(url: string, init: HttpRequest): Promise<HttpResponse> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    return Promise.reject(new HttpRequestError("invalid URL", "ERR_INVALID_URL", { cause: error }));
  }
  return once(parsed, init, false);
}
