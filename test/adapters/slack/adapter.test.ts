// The adapter as main.ts and the talk-of-the-day scheduler use it: start/stop, health,
// postCard with its retry policy, and stop() waiting for answers in flight.
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../../src/adapters/slack/app.ts";
import { createResponder } from "../../../src/adapters/slack/response-url.ts";
import {
  classifyTransportError,
  retryDelay,
  SEND_POLICY,
  withRetry,
} from "../../../src/adapters/slack/retry.ts";
import { createRateLimiter } from "../../../src/core/rate-limit.ts";
import { createLogger } from "../../../src/log.ts";
import type { Block } from "../../../src/render/slack/blocks.ts";
import { type Harness, SECRETS, startHarness, testCore } from "../../support/slack-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
});

const totd = () => testCore().today("2026-11-22").card;
const blocksOf = (body: Record<string, unknown>) => (body.blocks ?? []) as Block[];

describe("lifecycle and health", () => {
  it("is starting until start(), which runs auth.test and reports up", async () => {
    const fresh = await startHarness();
    try {
      expect(fresh.adapter.health().state).toBe("starting");
      await fresh.adapter.start();
      expect(fresh.fake.callsTo("auth.test")).toHaveLength(1);
      expect(fresh.adapter.health()).toEqual({ state: "up" });
      await fresh.adapter.stop();
      expect(fresh.adapter.health().state).toBe("stopped");
      // Stopped: new requests are refused so that Slack retries them elsewhere/later.
      const res = await fresh.command("numa");
      expect(res.status).toBe(503);
    } finally {
      await fresh.close();
    }
  });

  it("start() fails, and health says down, when Slack rejects the token", async () => {
    const logger = createLogger({ level: "silent", pretty: false, destination: { write() {} } });
    const adapter = createSlackAdapter(
      {
        botToken: "xoxb-not-the-right-token",
        signingSecret: SECRETS.signingSecret,
        appToken: undefined,
        apiUrl: h.fake.apiUrl,
      },
      {
        core: testCore(),
        logger,
        observer: { answered() {} },
        rateLimiter: createRateLimiter(),
        stateDir: "/x",
      },
    );
    await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
    expect(adapter.health().state).toBe("down");
    await adapter.stop();
  });

  it("stop() waits for an answer in flight", async () => {
    const fresh = await startHarness();
    try {
      fresh.fake.failNext("response", { status: 429, retryAfter: 1 });
      await fresh.command("numa", { responseId: "inflight" });
      const t0 = Date.now();
      await fresh.adapter.stop();
      expect(Date.now() - t0).toBeGreaterThanOrEqual(500);
      expect(fresh.fake.callsTo("response", { responseId: "inflight" })).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });
});

describe("postCard (talk of the day)", () => {
  it("posts the card in the channel with its heading and link buttons only", async () => {
    await h.adapter.postCard("C0TOTD001", totd(), "totd:2026-11-22:C0TOTD001");
    const [post] = h.fake.callsTo("chat.postMessage");
    expect(post!.body).toMatchObject({ channel: "C0TOTD001", unfurl_links: "false" });
    expect(post!.body.thread_ts).toBeUndefined();
    expect(String(post!.body.text)).toContain("Talk of the day · 2026-11-22");
    const blocks = blocksOf(post!.body);
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Talk of the day · 2026-11-22" },
    });
    const buttons = blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));
    expect(buttons.every((b) => b.url !== undefined && b.value === undefined)).toBe(true);
  });

  it("posts once per idempotency key", async () => {
    await h.adapter.postCard("C0TOTD001", totd(), "totd:once");
    await h.adapter.postCard("C0TOTD001", totd(), "totd:once");
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("retries a 429 after Retry-After and posts exactly once", async () => {
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    await h.adapter.postCard("C0TOTD001", totd(), "totd:429");
    expect(h.fake.callsTo("chat.postMessage", { all: true }).map((c) => c.status)).toEqual([
      429, 200,
    ]);
  });

  it("throws on channel_not_found (no retry), and the same key may be tried again", async () => {
    h.fake.failNext("chat.postMessage", { error: "channel_not_found" });
    await expect(h.adapter.postCard("C0GONE001", totd(), "totd:gone")).rejects.toThrow(
      /channel_not_found/,
    );
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
    await h.adapter.postCard("C0GONE001", totd(), "totd:gone");
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("throws on a 500 without repeating the post", async () => {
    h.fake.failNext("chat.postMessage", { status: 500 });
    await expect(h.adapter.postCard("C0TOTD001", totd(), "totd:500")).rejects.toThrow();
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
  });

  it("gives up when Retry-After is longer than it is willing to wait", async () => {
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 120 });
    await expect(h.adapter.postCard("C0TOTD001", totd(), "totd:long")).rejects.toThrow();
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
  });
});

describe("retry policy", () => {
  it("retries a request that never reached the server (connection refused)", async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const lines: string[] = [];
    const respond = createResponder({
      apiUrl: `http://127.0.0.1:${port}/api/`,
      logger: createLogger({
        level: "debug",
        pretty: false,
        destination: { write: (l: string) => void lines.push(l) },
      }),
      sleep: async () => {},
    });
    await expect(
      respond(`http://127.0.0.1:${port}/response/x`, { delete_original: true }),
    ).rejects.toThrow();
    const retries = lines.filter((l) => l.includes("response_url post failed; retrying"));
    expect(retries).toHaveLength(SEND_POLICY.maxAttempts - 1);
    expect(retries[0]).toContain('"kind":"not-sent"');
  });

  it("refuses to post to a response_url that is not Slack's", async () => {
    const respond = createResponder({
      apiUrl: h.fake.apiUrl,
      logger: createLogger({ level: "silent", pretty: false, destination: { write() {} } }),
    });
    await expect(respond("https://evil.example/hook", { delete_original: true })).rejects.toThrow(
      /response_url/,
    );
    expect(h.fake.calls).toHaveLength(0);
  });

  it("classifies transport errors: refused is not-sent; reset and timeout are ambiguous", () => {
    const fetchError = (code: string) =>
      Object.assign(new TypeError("fetch failed"), { cause: { code } });
    expect(classifyTransportError(fetchError("ECONNREFUSED")).kind).toBe("not-sent");
    expect(classifyTransportError(fetchError("ENOTFOUND")).kind).toBe("not-sent");
    expect(classifyTransportError(fetchError("ECONNRESET")).kind).toBe("ambiguous");
    expect(classifyTransportError(new DOMException("timed out", "TimeoutError")).kind).toBe(
      "ambiguous",
    );
    const both = { cause: new AggregateError([{ code: "ECONNREFUSED" }, { code: "ETIMEDOUT" }]) };
    expect(classifyTransportError(both).kind).toBe("ambiguous");
  });

  it("retryDelay: Retry-After honoured up to a cap; ambiguous only when idempotent", () => {
    expect(retryDelay({ kind: "rate-limited", retryAfterSec: 3 }, 1, SEND_POLICY)).toBe(3000);
    expect(retryDelay({ kind: "rate-limited", retryAfterSec: 300 }, 1, SEND_POLICY)).toBeNull();
    expect(retryDelay({ kind: "ambiguous", detail: "http_500" }, 1, SEND_POLICY)).toBeNull();
    expect(
      retryDelay({ kind: "ambiguous", detail: "x" }, 1, { ...SEND_POLICY, idempotent: true }),
    ).toBe(500);
    expect(retryDelay({ kind: "refused", error: "channel_not_found" }, 1, SEND_POLICY)).toBeNull();
  });

  it("withRetry stops after maxAttempts and rethrows the last error", async () => {
    let calls = 0;
    const op = async () => {
      calls++;
      throw new Error(`attempt ${calls}`);
    };
    await expect(
      withRetry(op, () => ({ kind: "not-sent", detail: "ECONNREFUSED" }), SEND_POLICY, {
        sleep: async () => {},
        onRetry() {},
      }),
    ).rejects.toThrow(`attempt ${SEND_POLICY.maxAttempts}`);
    expect(calls).toBe(SEND_POLICY.maxAttempts);
  });
});
