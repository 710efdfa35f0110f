// Slack load for bench:bot (bench/bot/main.ts): signed `/virt …` slash commands posted to the bot's
// /slack/events over a keep-alive agent. The answer may come two ways, and whichever comes
// is timed: in the ack's own HTTP body (a message with text or blocks: latency = request
// sent → ack body read), or through a response_url served by the fake Slack Web API after an
// empty ack (latency = request sent → the bot's response_url POST recorded by the fake).
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { SLOW_DOWN_PREFIX } from "../../src/core/rate-limit.ts";
import type { FakeSlack, RecordedCall } from "../shared/fakes/slack-web-api.ts";
import { nowSec, slackSign } from "../shared/slack-signing.ts";
import {
  type Arrivals,
  type LevelRun,
  type LoopOptions,
  runClosedLoop,
  type Sample,
} from "./load.ts";

const SLACK_TEAM_ID = "T0TEAM001";

/**
 * Listens to the fake's recordings through its own waitFor hook (called synchronously each
 * time a call is recorded), with a cursor so each recording is looked at once. The waiter
 * never resolves; its timeout is the benchmark's hard limit.
 */
export function tapSlackResponses(
  fake: FakeSlack,
  arrivals: Arrivals<RecordedCall>,
  listenForMs: number,
): void {
  let cursor = fake.calls.length;
  fake
    .waitFor((calls) => {
      const at = performance.now();
      if (cursor > calls.length) cursor = calls.length; // the fake was reset
      for (; cursor < calls.length; cursor++) {
        const call = calls[cursor]!;
        if (call.method === "response" && call.responseId !== undefined)
          arrivals.arrive(call.responseId, call, at);
      }
      return false;
    }, listenForMs)
    .catch(() => {
      // the listener's timeout: the benchmark is over (or has been stopped by its watchdog)
    });
}

interface SlackLoad {
  readonly fake: FakeSlack;
  readonly arrivals: Arrivals<RecordedCall>;
  /** http://127.0.0.1:<port>/slack/events of the bot. */
  readonly eventsUrl: URL;
  readonly signingSecret: string;
  readonly replyTimeoutMs: number;
}

let users = 0;
/** A user id no earlier request used: the per-user rate limiter never sees anyone twice. */
const nextUserId = () => `UBENCH${String(++users).padStart(6, "0")}`;

/** The form body of a slash command, field for field as Slack sends it. */
function commandBody(text: string, userId: string, responseUrl: string, seq: number): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: SLACK_TEAM_ID,
    team_domain: "virt-test",
    channel_id: "C0BENCH01",
    channel_name: "virt-bench",
    user_id: userId,
    user_name: `user-${userId.toLowerCase()}`,
    command: "/virt",
    text,
    api_app_id: "A0APP0001",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `${1_700_000_000 + seq}.738474920.${randomBytes(10).toString("hex")}`,
  }).toString();
}

interface Ack {
  readonly status: number;
  /** The ack's body (Bolt's bare ack() sends none). */
  readonly body: string;
  readonly error?: string;
}

/** An ack body bigger than this is not read further (a message is at most ~50 KB). */
const MAX_ACK_BODY = 256 * 1024;

function post(agent: Agent, url: URL, body: string, headers: Record<string, string>): Promise<Ack> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        agent,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (text.length < MAX_ACK_BODY) text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on("error", (e) =>
          resolve({ status: res.statusCode ?? 0, body: text, error: e.message }),
        );
      },
    );
    req.setTimeout(5_000, () => req.destroy(new Error("no ack within 5 s")));
    req.on("error", (e: NodeJS.ErrnoException) =>
      resolve({ status: 0, body: "", error: e.code ?? e.message }),
    );
    req.end(body);
  });
}

/** What is wrong with a recorded response_url POST, or null if it is a proper answer. */
function badResponse(call: RecordedCall): string | null {
  if (!call.ok) return `response recorded with HTTP ${call.status}`;
  if (call.raw.includes(SLOW_DOWN_PREFIX)) return "rate-limited by the bot";
  if (typeof call.body.text !== "string" || call.body.text === "") return "response without text";
  return null;
}

/**
 * An ack body that carries the answer: a JSON message with text or blocks. An empty body (or
 * one without either) is a plain ack: the answer is to come through the response_url.
 */
export function ackAnswer(body: string): { answer: true; bad: string | null } | { answer: false } {
  if (body.trim() === "") return { answer: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { answer: false };
  }
  if (typeof parsed !== "object" || parsed === null) return { answer: false };
  const { text, blocks } = parsed as { text?: unknown; blocks?: unknown };
  const hasText = typeof text === "string" && text !== "";
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (!hasText && !hasBlocks) return { answer: false };
  if (body.includes(SLOW_DOWN_PREFIX)) return { answer: true, bad: "rate-limited by the bot" };
  return { answer: true, bad: null };
}

/** One level: `options.count` slash commands over `options.concurrency` keep-alive clients. */
export async function runSlackLevel(
  load: SlackLoad,
  options: LoopOptions,
  texts: readonly string[],
  tag: string,
): Promise<LevelRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    return await runClosedLoop(options, async (index): Promise<Sample> => {
      const id = `bench-${tag}-${index}`;
      const body = commandBody(
        texts[index % texts.length]!,
        nextUserId(),
        load.fake.responseUrl(id),
        index,
      );
      const timestamp = nowSec();
      const headers = {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": slackSign(load.signingSecret, timestamp, body),
      };
      const reply = load.arrivals.expect(id, load.replyTimeoutMs);
      const sent = performance.now();
      const ack = await post(agent, load.eventsUrl, body, headers);
      const ackMs = performance.now() - sent;
      if (ack.status !== 200) {
        load.arrivals.cancel(id);
        return { ok: false, error: `ack ${ack.status}${ack.error ? ` (${ack.error})` : ""}` };
      }
      const inAck = ackAnswer(ack.body);
      if (inAck.answer) {
        // Answered in the ack: a response_url POST for it, if any, counts as late.
        load.arrivals.cancel(id);
        if (inAck.bad) return { ok: false, error: inAck.bad };
        return { ok: true, latencyMs: ackMs, ackMs, via: "ack", bytes: ack.body.length };
      }
      const arrival = await reply;
      if (arrival === null)
        return { ok: false, error: `no response within ${load.replyTimeoutMs / 1000} s` };
      const bad = badResponse(arrival.value);
      if (bad) return { ok: false, error: bad };
      return {
        ok: true,
        latencyMs: arrival.at - sent,
        ackMs,
        via: "response_url",
        bytes: arrival.value.raw.length,
      };
    });
  } finally {
    agent.destroy();
  }
}
