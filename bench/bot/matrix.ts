// Matrix load for bench:bot (bench/bot/main.ts): mentions injected into the fake homeserver's room timeline
// (its /sync long-poll wakes up at once); the reply is the bot's m.notice whose
// m.relates_to.m.in_reply_to.event_id is the injected event. Latency = injection → the
// bot's send recorded by the fake.
import { performance } from "node:perf_hooks";
import { SLOW_DOWN_PREFIX } from "../../src/core/rate-limit.ts";
import type { FakeHomeserver, SentMessage } from "../shared/fakes/homeserver.ts";
import {
  type Arrivals,
  type LevelRun,
  type LoopOptions,
  runClosedLoop,
  type Sample,
} from "./load.ts";

/** The event id a message replies to (m.relates_to.m.in_reply_to.event_id), or null. */
function inReplyTo(content: Readonly<Record<string, unknown>>): string | null {
  const relates = content["m.relates_to"];
  if (typeof relates !== "object" || relates === null) return null;
  const inReply = (relates as Record<string, unknown>)["m.in_reply_to"];
  if (typeof inReply !== "object" || inReply === null) return null;
  const id = (inReply as Record<string, unknown>).event_id;
  return typeof id === "string" ? id : null;
}

/**
 * The fake keeps what the bot sent in the public `sent` array and exposes no listener (its
 * `until` polls every 10 ms, too coarse to time replies), so the bench wraps that array's
 * push on this one instance: it runs synchronously where the fake stores a send.
 */
export function tapMatrixReplies(hs: FakeHomeserver, arrivals: Arrivals<SentMessage>): void {
  const sent = hs.sent;
  sent.push = (...items: SentMessage[]): number => {
    const at = performance.now();
    const length = Array.prototype.push.apply(sent, items);
    for (const message of items) {
      const target = inReplyTo(message.content);
      if (target !== null) arrivals.arrive(target, message, at);
    }
    return length;
  };
}

interface MatrixLoad {
  readonly hs: FakeHomeserver;
  readonly arrivals: Arrivals<SentMessage>;
  readonly roomId: string;
  readonly replyTimeoutMs: number;
}

let senders = 0;
/** A sender no earlier message used: the per-user rate limiter never sees anyone twice. */
const nextSender = (hs: FakeHomeserver) =>
  `@bench-${String(++senders).padStart(6, "0")}:${hs.serverName}`;

/** What is wrong with the bot's reply, or null if it is a proper answer. */
function badReply(message: SentMessage): string | null {
  if (message.type !== "m.room.message") return `reply of type ${message.type}`;
  if (message.content.msgtype !== "m.notice") return "reply is not an m.notice";
  const body = message.content.body;
  if (typeof body !== "string" || body === "") return "reply without body";
  if (body.includes(SLOW_DOWN_PREFIX)) return "rate-limited by the bot";
  return null;
}

/**
 * One level: `options.count` mentions over `options.concurrency` clients. A client injects
 * its next mention when the reply to its previous one has arrived (or timed out).
 */
export function runMatrixLevel(
  load: MatrixLoad,
  options: LoopOptions,
  texts: readonly string[],
): Promise<LevelRun> {
  const { hs } = load;
  const localpart = hs.botUserId.slice(1, hs.botUserId.indexOf(":"));
  return runClosedLoop(options, async (index): Promise<Sample> => {
    // How a current client sends "virt-talks: numa": the name in the body, and the
    // intentional mention (m.mentions) naming the bot.
    const content = {
      msgtype: "m.text",
      body: `${localpart}: ${texts[index % texts.length]!}`,
      "m.mentions": { user_ids: [hs.botUserId] },
    };
    const injected = performance.now();
    const eventId = hs.message(load.roomId, nextSender(hs), content);
    const arrival = await load.arrivals.expect(eventId, load.replyTimeoutMs);
    if (arrival === null)
      return { ok: false, error: `no reply within ${load.replyTimeoutMs / 1000} s` };
    const bad = badReply(arrival.value);
    if (bad) return { ok: false, error: bad };
    return {
      ok: true,
      latencyMs: arrival.at - injected,
      bytes: JSON.stringify(arrival.value.content).length,
    };
  });
}
