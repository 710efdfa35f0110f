// src/net/http-request.ts against a real local server: answers, transport failures with
// the codes the retry classifiers expect, and the one retry after a reused connection was
// reset.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { send } from "../../src/net/http-request.ts";

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const servers: Server[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      body += c;
    });
    req.on("end", () => handler(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: NodeJS.ErrnoException) => e.code,
  );

describe("send", () => {
  it("returns status, text and headers, and sends the body with its length", async () => {
    const seen: string[] = [];
    const base = await serve((req, res, body) => {
      seen.push(`${req.method} ${req.url} ${req.headers["content-length"]} ${body}`);
      res.writeHead(429, { "retry-after": "3", "content-type": "application/json" });
      res.end('{"ok":false}');
    });
    const res = await send(`${base}/hook/1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"text":"é"}',
      timeoutMs: 2_000,
    });
    expect([res.status, res.text, res.header("retry-after"), res.header("x-none")]).toEqual([
      429,
      '{"ok":false}',
      "3",
      null,
    ]);
    expect(seen).toEqual(['POST /hook/1 13 {"text":"é"}']);
  });

  it("fails with ECONNREFUSED when nothing listens (never sent)", async () => {
    const base = await serve(() => {});
    const port = new URL(base).port;
    const s = servers.pop()!;
    await new Promise((r) => s.close(r));
    const p = send(`http://127.0.0.1:${port}/`, { method: "GET", timeoutMs: 2_000 });
    expect(await codeOf(p)).toBe("ECONNREFUSED");
  });

  it("fails with ETIMEDOUT when the whole exchange takes longer than timeoutMs", async () => {
    const base = await serve(() => {}); // never answers
    const p = send(`${base}/slow`, { method: "GET", timeoutMs: 50 });
    expect(await codeOf(p)).toBe("ETIMEDOUT");
  });

  it("fails with ABORT_ERR when the caller's signal aborts", async () => {
    const base = await serve(() => {});
    const controller = new AbortController();
    const p = send(`${base}/`, { method: "GET", timeoutMs: 5_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await codeOf(p)).toBe("ABORT_ERR");
  });

  it("refuses other schemes and invalid URLs without a request", async () => {
    expect(await codeOf(send("ftp://127.0.0.1/x", { method: "GET", timeoutMs: 100 }))).toBe(
      "EPROTO",
    );
    expect(await codeOf(send("not a url", { method: "GET", timeoutMs: 100 }))).toBe(
      "ERR_INVALID_URL",
    );
  });

  it("reuses the connection, and retries once on a fresh one if a reused one is reset", async () => {
    const sockets = new Set<unknown>();
    let requests = 0;
    const base = await serve((req, res) => {
      requests++;
      sockets.add(req.socket);
      // The second request arrives on the kept-alive socket: drop it unanswered, as a
      // server closing an idle connection at that very moment would.
      if (requests === 2) {
        req.socket.destroy();
        return;
      }
      res.end(`answer ${requests}`);
    });
    const get = () => send(`${base}/`, { method: "GET", timeoutMs: 2_000 });
    expect((await get()).text).toBe("answer 1");
    expect((await get()).text).toBe("answer 3");
    expect([requests, sockets.size]).toEqual([3, 2]);
  });

  it("does not retry a reset after the answer began (it may have been acted on)", async () => {
    let requests = 0;
    const base = await serve((req, res) => {
      requests++;
      if (requests === 2) {
        res.writeHead(200, { "content-length": "100" });
        res.write("partial");
        setTimeout(() => req.socket.destroy(), 10);
        return;
      }
      res.end("ok");
    });
    const get = () => send(`${base}/`, { method: "GET", timeoutMs: 2_000 });
    await get();
    expect(await codeOf(get())).toBe("ECONNRESET");
    expect(requests).toBe(2);
  });
});
