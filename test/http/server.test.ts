// The operator server: routes, status codes, and what it never does (read bodies it
// does not need, answer routes it does not have).
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { AdapterHealth } from "../../src/core/adapter.ts";
import { healthReport } from "../../src/http/health.ts";
import { createMetrics } from "../../src/http/metrics.ts";
import { type OperatorServer, startOperatorServer } from "../../src/http/server.ts";
import { captureLogger } from "../support/totd-helpers.ts";

const servers: OperatorServer[] = [];
const OPERATOR_9AM = { source: "operator", time: "09:00", timeZone: "Europe/Berlin" } as const;
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

interface Setup {
  slack?: AdapterHealth;
  matrix?: AdapterHealth;
  slackEvents?: boolean;
}

async function serve(setup: Setup = {}) {
  const { logger } = captureLogger();
  const metrics = createMetrics({ platforms: ["slack", "matrix"], postPlatforms: ["slack"] });
  metrics.setCatalogTalks(70);
  const slackCalls: string[] = [];
  const server = await startOperatorServer({
    host: "127.0.0.1",
    port: 0,
    logger,
    health: () =>
      healthReport({
        adapters: () => ({
          slack: setup.slack ?? { state: "up" },
          matrix: setup.matrix ?? { state: "up" },
        }),
        catalogTalks: () => 70,
        totd: () => ({
          "slack:C123": { ...OPERATOR_9AM, lastPosted: "2026-05-04", state: "active" },
          "matrix:!r:example.org": {
            ...OPERATOR_9AM,
            lastPosted: null,
            state: "paused",
            lastError: "M_FORBIDDEN",
          },
        }),
      }),
    metrics: () => metrics.render(),
    ...(setup.slackEvents
      ? {
          slackEvents: (req, res) => {
            let body = "";
            req.setEncoding("utf8");
            req.on("data", (c: string) => {
              body += c;
            });
            req.on("end", () => {
              slackCalls.push(body);
              res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
            });
          },
        }
      : {}),
  });
  servers.push(server);
  const base = `http://127.0.0.1:${server.address.port}`;
  return { server, base, metrics, slackCalls };
}

describe("GET /healthz", () => {
  it("is 200 with adapters, catalog and daily-post state when all adapters are up", async () => {
    const { base } = await serve({ matrix: { state: "degraded", detail: "sync slow" } });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await res.json()).toEqual({
      status: "degraded",
      adapters: { slack: { state: "up" }, matrix: { state: "degraded", detail: "sync slow" } },
      catalog: { talks: 70 },
      totd: {
        destinations: {
          "slack:C123": { ...OPERATOR_9AM, lastPosted: "2026-05-04", state: "active" },
          "matrix:!r:example.org": {
            ...OPERATOR_9AM,
            lastPosted: null,
            state: "paused",
            lastError: "M_FORBIDDEN",
          },
        },
      },
    });
  });

  it("is 503 when any adapter is down", async () => {
    const { base } = await serve({ slack: { state: "down", detail: "invalid_auth" } });
    const res = await fetch(`${base}/healthz?probe=1`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: "down",
      adapters: { slack: { state: "down", detail: "invalid_auth" } },
    });
  });

  it("answers HEAD without a body", async () => {
    const { base } = await serve();
    const res = await fetch(`${base}/healthz`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});

describe("GET /metrics", () => {
  it("serves the Prometheus text format", async () => {
    const { base, metrics } = await serve();
    metrics.request({
      platform: "slack",
      command: "results",
      results: 3,
      latencyMs: 4,
      outcome: "ok",
    });
    metrics.dailyPost("slack", "sent");
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    expect(text).toContain('virt_talks_requests_total{platform="slack",outcome="ok"} 1');
    expect(text).toContain('virt_talks_daily_posts_total{platform="slack",result="sent"} 1');
    expect(text).toContain("virt_talks_catalog_talks 70");
    expect(text).toContain('virt_talks_search_latency_seconds_count{platform="slack"} 1');
  });
});

describe("routing", () => {
  it("sends POST /slack/events to Slack's listener in HTTP mode", async () => {
    const { base, slackCalls } = await serve({ slackEvents: true });
    const res = await fetch(`${base}/slack/events`, { method: "POST", body: '{"type":"x"}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(slackCalls).toEqual(['{"type":"x"}']);
    expect((await fetch(`${base}/slack/events`)).status).toBe(404); // GET is not Slack's
  });

  it("is 404 for /slack/events without Slack HTTP mode, and for everything else", async () => {
    const { base } = await serve();
    for (const [method, path] of [
      ["POST", "/slack/events"],
      ["GET", "/"],
      ["GET", "/healthz/x"],
      ["POST", "/metrics"],
      ["DELETE", "/healthz"],
      ["GET", "/../etc/passwd"],
    ] as const) {
      const res = await fetch(`${base}${path}`, { method });
      expect([method, path, res.status]).toEqual([method, path, 404]);
      await res.text();
    }
  });

  it("never reads a body it has no use for: answers at once and closes the connection", async () => {
    const { server } = await serve();
    // Headers promise 10 MB that never come; the answer must not wait for them.
    const answer = await new Promise<{ status: number; connection: string | undefined }>(
      (resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: server.address.port,
            method: "POST",
            path: "/healthz",
            headers: { "content-length": String(10 * 1024 * 1024) },
          },
          (res) => {
            res.resume();
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
          },
        );
        req.on("error", reject);
        req.write("x".repeat(1024));
      },
    );
    expect(answer).toEqual({ status: 404, connection: "close" });
  });
});

describe("close", () => {
  it("stops accepting connections", async () => {
    const { server, base } = await serve();
    await server.close();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
