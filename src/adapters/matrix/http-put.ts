// The one HTTP request the adapter makes itself (sender.ts): a PUT over node:http with a
// keep-alive agent. Everything else (sync, joins, state) goes through the SDK's client.
//
// Not fetch: measured with the whole bot (BENCH_QUICK=1 npm run bench:bot, Matrix at 50
// concurrent askers, 2 CPUs), fetch made an answer cost 2.3–2.6 ms of CPU against 1.3 ms
// with this (the sync, the search and the rendering unchanged); a PUT per answer is the
// adapter's hottest request. No retries here: src/core/retry.ts decides those.
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

const agents = {
  http: new HttpAgent({ keepAlive: true }),
  https: new HttpsAgent({ keepAlive: true }),
};

interface PutResponse {
  readonly status: number;
  readonly text: string;
  /** A response header by name (the first value if repeated), or null. */
  header(name: string): string | null;
}

/** A transport failure with a Node-style `code`, as classifyTransportError expects. */
function transportError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

const headerOf = (headers: IncomingHttpHeaders) => (name: string) => {
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? null;
};

/**
 * PUTs `body`; resolves with any HTTP answer, rejects on transport failures: the whole
 * exchange past `timeoutMs` (ETIMEDOUT), a connection cut mid-answer (ECONNRESET), an
 * abort of `signal` (ABORT_ERR).
 */
export function put(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<PutResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === "https:";
    const req = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method: "PUT",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        agent: secure ? agents.https : agents.http,
        ...(signal ? { signal } : {}),
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text, header: headerOf(res.headers) }),
        );
        res.on("close", () => {
          if (!res.complete) reject(transportError("response cut short", "ECONNRESET"));
        });
      },
    );
    const timer = setTimeout(
      () => req.destroy(transportError(`no answer within ${timeoutMs} ms`, "ETIMEDOUT")),
      timeoutMs,
    );
    req.on("error", reject);
    req.on("close", () => clearTimeout(timer));
    req.end(body);
  });
}
