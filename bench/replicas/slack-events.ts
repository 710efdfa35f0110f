// Slack load for bench:replicas: signed Events API deliveries (app_mention, each with an
// event_id of its own, so every one is claimed in the state store before it is answered)
// over 50 closed-loop clients, spread round-robin over the replicas' HTTP ports (the load
// balancer). Latency = request sent → the bot's chat.postMessage in the event's thread
// recorded by the fake Slack Web API.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { SLOW_DOWN_PREFIX } from "../../src/core/rate-limit.ts";
import { Arrivals, type LevelRun, runClosedLoop, type Sample } from "../bot/load.ts";
import type { FakeSlack, RecordedCall } from "../shared/fakes/slack-web-api.ts";
import { mentionBody, nowSec, slackSign } from "../shared/slack-signing.ts";

/** Listens to the fake's recordings: each chat.postMessage arrives under its thread_ts. */
export function tapThreadReplies(fake: FakeSlack, listenForMs: number): Arrivals<RecordedCall> {
  const arrivals = new Arrivals<RecordedCall>();
  let cursor = fake.calls.length;
  fake
    .waitFor((calls) => {
      const at = performance.now();
      for (; cursor < calls.length; cursor++) {
        const call = calls[cursor]!;
        const thread = call.body.thread_ts;
        if (call.method === "chat.postMessage" && typeof thread === "string")
          arrivals.arrive(thread, call, at);
      }
      return false;
    }, listenForMs)
    .catch(() => {
      // the listener's timeout: the benchmark is over
    });
  return arrivals;
}

interface EventLoad {
  readonly fake: FakeSlack;
  readonly arrivals: Arrivals<RecordedCall>;
  /** The replicas' ports: request n goes to ports[n % ports.length]. */
  readonly ports: readonly number[];
  readonly signingSecret: string;
  readonly replyTimeoutMs: number;
  /** Every event's ts (its answer's thread_ts), in the order sent. */
  readonly sent: string[];
}

let sequence = 0;

/**
 * POSTs a signed Events API body to a replica's /slack/events; resolves with the status
 * (0: no answer: refused, reset, or none within `timeoutMs`, Slack's 3 s by default).
 */
export function postEvent(
  agent: Agent | undefined,
  port: number,
  body: string,
  secret: string,
  extra: { headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<number> {
  const timestamp = nowSec();
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/slack/events",
        method: "POST",
        ...(agent ? { agent } : {}),
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": slackSign(secret, timestamp, body),
          ...extra.headers,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(res.statusCode ?? 0));
      },
    );
    req.setTimeout(extra.timeoutMs ?? 3_000, () => req.destroy(new Error("no ack in time")));
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

/** Of the events sent: never answered, and answered more than once (chat.postMessage calls). */
export function tally(fake: FakeSlack, sent: readonly string[]): { lost: number; doubled: number } {
  const posts = new Map<unknown, number>();
  for (const c of fake.callsTo("chat.postMessage", { all: true }))
    posts.set(c.body.thread_ts, (posts.get(c.body.thread_ts) ?? 0) + 1);
  return {
    lost: sent.filter((ts) => !posts.has(ts)).length,
    doubled: sent.filter((ts) => (posts.get(ts) ?? 0) > 1).length,
  };
}

/** `count` mentions over `concurrency` clients, round-robin over the replicas. */
export async function runEventLevel(
  load: EventLoad,
  options: { concurrency: number; count: number; deadlineMs: number },
  texts: readonly string[],
): Promise<LevelRun> {
  const agents = load.ports.map(() => new Agent({ keepAlive: true, maxSockets: 64 }));
  let turn = 0;
  try {
    return await runClosedLoop(options, async (): Promise<Sample> => {
      const n = ++sequence;
      const target = turn++ % load.ports.length;
      const ts = `1700000000.${String(n).padStart(6, "0")}`;
      const body = mentionBody({
        eventId: `Ev0RB${String(n).padStart(8, "0")}`,
        text: `<@UBOT0001> ${texts[n % texts.length]!}`,
        userId: `URB${String(n).padStart(7, "0")}`,
        channelId: "C0BENCH01",
        ts,
      });
      load.sent.push(ts);
      const reply = load.arrivals.expect(ts, load.replyTimeoutMs);
      const sent = performance.now();
      const status = await postEvent(
        agents[target],
        load.ports[target]!,
        body,
        load.signingSecret,
        {
          timeoutMs: 5_000,
        },
      );
      if (status !== 200) {
        load.arrivals.cancel(ts);
        return { ok: false, error: `ack ${status}` };
      }
      const arrival = await reply;
      if (arrival === null)
        return { ok: false, error: `no answer within ${load.replyTimeoutMs / 1000} s` };
      if (arrival.value.raw.includes(SLOW_DOWN_PREFIX))
        return { ok: false, error: "rate-limited by the bot" };
      return { ok: true, latencyMs: arrival.at - sent };
    });
  } finally {
    for (const a of agents) a.destroy();
  }
}
