// The adapter as main.ts and the talk-of-the-day scheduler use it: start/stop, health,
// postCard with its retry policy and typed DeliveryErrors, and stop() waiting for answers
// in flight.
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../../src/adapters/slack/app.ts";
import { createResponder } from "../../../src/adapters/slack/response-url.ts";
import { DeliveryError } from "../../../src/core/post-port.ts";
import { RETRY_DEFAULTS } from "../../../src/core/retry.ts";
import { createLogger } from "../../../src/log.ts";
import type { Block } from "../../../src/render/slack/blocks.ts";
import {
  type Harness,
  nextResponseId,
  SECRETS,
  startHarness,
  tempStateDir,
  testCore,
  testDeps,
} from "../../support/slack-harness.ts";

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
        subscribeAdminsOnly: false,
      },
      testDeps({ logger, stateDir: tempStateDir() }),
    );
    await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
    expect(adapter.health().state).toBe("down");
    await adapter.stop();
  });

  it("stop() waits for an answer in flight", async () => {
    const fresh = await startHarness();
    try {
      fresh.fake.failNext("response", { status: 429, retryAfter: 1 });
      await fresh.click({
        actionId: "more_results:3",
        value: '{"q":"numa","o":3}',
        responseId: "inflight",
      });
      // In flight: the first answer got its 429 and waits a second to try again.
      const inflight = { all: true, responseId: "inflight" };
      await fresh.fake.waitFor(() => fresh.fake.callsTo("response", inflight).length === 1);
      expect(fresh.fake.callsTo("response", { responseId: "inflight" })).toHaveLength(0);
      await fresh.adapter.stop();
      expect(fresh.fake.callsTo("response", { responseId: "inflight" })).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });
});

describe("postCard (talk of the day)", () => {
  it("posts the card in the channel with its heading and link buttons only", async () => {
    await h.adapter.post.postCard("C0TOTD001", totd(), "totd:2026-11-22:C0TOTD001");
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
    await h.adapter.post.postCard("C0TOTD001", totd(), "totd:once");
    await h.adapter.post.postCard("C0TOTD001", totd(), "totd:once");
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("retries a 429 after Retry-After and posts exactly once", async () => {
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    await h.adapter.post.postCard("C0TOTD001", totd(), "totd:429");
    expect(h.fake.callsTo("chat.postMessage", { all: true }).map((c) => c.status)).toEqual([
      429, 200,
    ]);
  });

  it("declares what a retry may do: no safe resend, but it can look a post up", () => {
    expect(h.adapter.post.capabilities).toEqual({ resendsSafely: false, canFindPost: true });
  });

  it("throws a refused DeliveryError on channel_not_found (no retry); the same key may be tried again", async () => {
    h.fake.failNext("chat.postMessage", { error: "channel_not_found" });
    const error = await h.adapter.post.postCard("C0GONE001", totd(), "totd:gone").catch((e) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ failure: { kind: "refused" }, retryAfterMs: null });
    expect(error.message).toMatch(/channel_not_found/);
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
    await h.adapter.post.postCard("C0GONE001", totd(), "totd:gone");
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("not_in_channel and is_archived are refused too: the bot must be invited back", async () => {
    for (const error of ["not_in_channel", "is_archived"]) {
      h.fake.failNext("chat.postMessage", { error });
      await expect(
        h.adapter.post.postCard("C0OUT0001", totd(), `totd:${error}`),
      ).rejects.toMatchObject({
        name: "DeliveryError",
        failure: { kind: "refused" },
        message: expect.stringContaining(error),
      });
    }
  });

  it("throws an unknown DeliveryError on a 500 without repeating the post", async () => {
    h.fake.failNext("chat.postMessage", { status: 500 });
    await expect(h.adapter.post.postCard("C0TOTD001", totd(), "totd:500")).rejects.toMatchObject({
      failure: { kind: "unknown" },
    });
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
  });

  it("gives up when Retry-After is longer than it is willing to wait: not sent, with the wait", async () => {
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 120 });
    await expect(h.adapter.post.postCard("C0TOTD001", totd(), "totd:long")).rejects.toMatchObject({
      failure: { kind: "rate-limited" },
      retryAfterMs: 120_000,
    });
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
  });

  it("a Slack that cannot be reached is not-sent, after the send policy's attempts", async () => {
    const port = await freePort();
    const logger = createLogger({ level: "silent", pretty: false, destination: { write() {} } });
    const adapter = createSlackAdapter(
      {
        botToken: SECRETS.botToken,
        signingSecret: SECRETS.signingSecret,
        appToken: undefined,
        apiUrl: `http://127.0.0.1:${port}/api/`,
        subscribeAdminsOnly: false,
      },
      testDeps({ logger, stateDir: tempStateDir() }),
    );
    await expect(adapter.post.postCard("C0TOTD001", totd(), "totd:down")).rejects.toMatchObject({
      failure: { kind: "not-sent" },
    });
    await adapter.stop();
  }, 20_000);
});

/** A port that was free a moment ago: nothing listens there. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

describe("retry policy", () => {
  it("retries a response_url post that never reached the server (connection refused)", async () => {
    const port = await freePort();
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
    expect(retries).toHaveLength(RETRY_DEFAULTS.send.attempts - 1);
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

  it("a response_url answering 404 (spent) is refused at once", async () => {
    const respond = createResponder({
      apiUrl: h.fake.apiUrl,
      logger: createLogger({ level: "silent", pretty: false, destination: { write() {} } }),
    });
    const id = nextResponseId();
    h.fake.failNext("response", { error: "used_url" });
    await expect(respond(h.fake.responseUrl(id), { delete_original: true })).rejects.toMatchObject({
      failure: { kind: "refused", detail: "http_404:used_url" },
    });
    expect(h.fake.callsTo("response", { responseId: id, all: true })).toHaveLength(1);
  });
});
