// The Slack listener callbacks (src/adapters/slack/listeners/*), called as Bolt calls them
// but with a fake `ack`, a recording response_url and a recording WebClient (as the Bolt
// starter template tests its listeners). The turn, the renderers and the context are real;
// the end-to-end tests beside this file send the same requests through the real Bolt App.
import type { BlockAction, ButtonAction, SlashCommand } from "@slack/bolt";
import { beforeEach, describe, expect, it } from "vitest";
import { type CommandArgs, onCommand } from "../../../src/adapters/slack/listeners/command.ts";
import {
  type DirectMessageArgs,
  onDirectMessage,
} from "../../../src/adapters/slack/listeners/direct-message.ts";
import { onLinkButton } from "../../../src/adapters/slack/listeners/link-button.ts";
import {
  type MembershipArgs,
  type MembershipChange,
  onMembershipEvent,
} from "../../../src/adapters/slack/listeners/membership.ts";
import { type MentionArgs, onMention } from "../../../src/adapters/slack/listeners/mention.ts";
import { ackBody } from "../../../src/adapters/slack/listeners/message-body.ts";
import {
  type ButtonArgs,
  onMoreResults,
} from "../../../src/adapters/slack/listeners/more-results.ts";
import { onShareCard } from "../../../src/adapters/slack/listeners/share-card.ts";
import type { Answer } from "../../../src/core/answer.ts";
import { createRateLimiter, slowDownMessage } from "../../../src/core/rate-limit.ts";
import type { Reply } from "../../../src/core/reply.ts";
import { renderShared, renderSlackAnswer } from "../../../src/render/slack/answer.ts";
import { messageFields } from "../../../src/render/slack/blocks.ts";
import { encodeMore, encodeShare } from "../../../src/render/slack/button-values.ts";
import { escapeText } from "../../../src/render/slack/escape.ts";
import { NOTICES } from "../../../src/render/slack/notices.ts";
import { testCore } from "../../support/slack-deps.ts";
import {
  BOT,
  type ListenerWorld,
  listenerWorld,
  platformError,
} from "../../support/slack-listener-world.ts";

const USER = "U0USER001";
const CHANNEL = "C0CHAN001";
const RESPONSE_URL = "https://hooks.slack.com/actions/T0TEAM001/1/abc";

/** What the turn answers a first question with (no paging, no subscriptions). */
const answerTo = (text: string): Reply =>
  testCore().answer(text) as Exclude<Answer, { kind: "more" }>;

function command(text: string, ack: ListenerWorld["ack"]): CommandArgs {
  const body = {
    text,
    user_id: USER,
    channel_id: CHANNEL,
    response_url: RESPONSE_URL,
    command: "/virt",
  } as SlashCommand;
  return { command: body, ack } as CommandArgs;
}

function click(value: string | null, ack: ListenerWorld["ack"], channel = CHANNEL): ButtonArgs {
  const body = {
    type: "block_actions",
    user: { id: USER },
    channel: { id: channel },
    container: { channel_id: channel, is_ephemeral: true },
    response_url: RESPONSE_URL,
  } as unknown as BlockAction<ButtonAction>;
  const action = { type: "button", action_id: "x:1", value: value ?? "not ours" } as ButtonAction;
  return { ack, body, action } as ButtonArgs;
}

let w: ListenerWorld;
beforeEach(async () => {
  w = await listenerWorld();
});

describe("onCommand", () => {
  it("answers in the ack body, ephemeral, and records the request", async () => {
    await onCommand(w.ctx)(command("numa", w.ack));
    const reply = answerTo("numa");
    expect(w.ack.bodies).toEqual([ackBody(renderSlackAnswer(reply, "command"))]);
    expect(w.responses).toEqual([]);
    expect(w.calls).toEqual([]);
    expect(w.observed).toEqual([
      {
        platform: "slack",
        command: "results",
        results: reply.kind === "results" ? reply.total : -1,
        outcome: "ok",
        latencyMs: 3,
      },
    ]);
  });

  it("a rate-limited asker sees when to try again in every ack body", async () => {
    w = await listenerWorld({ rateLimiter: createRateLimiter({ burst: 1, perSecond: 0.01 }) });
    for (let i = 0; i < 3; i++) await onCommand(w.ctx)(command("numa", w.ack));
    // 0.01 tokens a second: the wait is about 100 s (99 if the machine stalls a second).
    const line = {
      response_type: "ephemeral",
      text: expect.stringMatching(/^You&#39;re sending|^You're sending/),
    };
    expect(w.ack.bodies.slice(1)).toEqual([line, line]);
    expect([escapeText(slowDownMessage(100_000)), escapeText(slowDownMessage(99_000))]).toContain(
      (w.ack.bodies[1] as { text: string }).text,
    );
    expect(w.observed.map((o) => o.outcome)).toEqual(["ok", "rate-limited", "rate-limited"]);
  });

  it("an ack that fails is recorded as an error and logged, never thrown", async () => {
    const ack = Object.assign(
      async () => {
        throw new Error("socket closed");
      },
      { bodies: [] },
    );
    await onCommand(w.ctx)(command("numa", ack));
    expect(w.observed).toMatchObject([{ command: "error", outcome: "error" }]);
    expect(w.logs.join("")).toContain('"source":"command","err":"Error: socket closed"');
  });
});

describe("onDirectMessage", () => {
  const dm = (text: string, user = USER): DirectMessageArgs =>
    ({
      event: { type: "message", channel: "D0DM00001", channel_type: "im", user, text, ts: "1.1" },
      context: { botUserId: BOT.userId },
    }) as unknown as DirectMessageArgs;

  it("answers in the DM with chat.postMessage", async () => {
    await onDirectMessage(w.ctx)(dm("numa"));
    const message = renderSlackAnswer(answerTo("numa"), "dm");
    expect(w.calls).toEqual([
      {
        method: "chat.postMessage",
        args: {
          channel: "D0DM00001",
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        },
      },
    ]);
    expect(w.observed).toMatchObject([{ command: "results", outcome: "ok" }]);
  });

  it("a text-only reply (That was all…) is posted without a blocks field", async () => {
    const reply = answerTo("numa");
    if (reply.kind !== "results") throw new Error("numa finds talks");
    const pages = Math.ceil(reply.total / reply.hits.length);
    await onDirectMessage(w.ctx)(dm("numa"));
    // Every page, then one "more" past the last.
    for (let i = 0; i < pages; i++) await onDirectMessage(w.ctx)(dm("more"));
    expect(w.calls).toHaveLength(pages + 1);
    expect(w.calls.at(-1)).toStrictEqual({
      method: "chat.postMessage",
      args: {
        channel: "D0DM00001",
        text: `That was all ${reply.total} talks for “numa”.`,
        unfurl_links: false,
        unfurl_media: false,
      },
    });
  });

  it("the bot's own message and other bots' are ignored", async () => {
    await onDirectMessage(w.ctx)(dm("numa", BOT.userId));
    const fromBot = dm("numa");
    (fromBot.event as unknown as Record<string, unknown>).bot_id = "B0OTHER01";
    await onDirectMessage(w.ctx)(fromBot);
    expect(w.calls).toEqual([]);
    expect(w.observed).toEqual([]);
  });
});

describe("onMention", () => {
  const mention = (text: string): MentionArgs =>
    ({
      event: { type: "app_mention", channel: CHANNEL, user: USER, text, ts: "1700000500.000100" },
      context: { botUserId: BOT.userId },
    }) as unknown as MentionArgs;

  it("answers in the thread of the mention", async () => {
    await onMention(w.ctx)(mention(`<@${BOT.userId}> numa`));
    const message = renderSlackAnswer(answerTo("numa"), "mention");
    expect(w.calls).toEqual([
      {
        method: "chat.postMessage",
        args: {
          channel: CHANNEL,
          thread_ts: "1700000500.000100",
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        },
      },
    ]);
  });

  it("a post Slack refuses for good (not_in_channel): no note, an error recorded", async () => {
    w.failNext("chat.postMessage", platformError("not_in_channel"));
    await onMention(w.ctx)(mention(`<@${BOT.userId}> numa`));
    expect(w.calls.map((c) => c.method)).toEqual(["chat.postMessage"]);
    expect(w.observed).toMatchObject([{ command: "error", outcome: "error" }]);
  });

  it("another failed post: the asker gets a short ephemeral note in the thread", async () => {
    w.failNext("chat.postMessage", platformError("msg_too_long"));
    await onMention(w.ctx)(mention(`<@${BOT.userId}> numa`));
    expect(w.calls.at(-1)).toEqual({
      method: "chat.postEphemeral",
      args: {
        channel: CHANNEL,
        user: USER,
        thread_ts: "1700000500.000100",
        text: escapeText(NOTICES.postFailed),
      },
    });
    expect(w.observed).toMatchObject([{ command: "error", outcome: "error" }]);
  });
});

describe("onMoreResults", () => {
  it("a stale button: a notice for the clicker alone, counted as usage", async () => {
    await onMoreResults(w.ctx)(click(null, w.ack));
    expect(w.ack.bodies).toEqual([undefined]);
    expect(w.responses).toEqual([
      {
        url: RESPONSE_URL,
        payload: {
          response_type: "ephemeral",
          replace_original: false,
          text: escapeText(NOTICES.expiredButton),
        },
      },
    ]);
    expect(w.observed).toEqual([
      { platform: "slack", command: "usage", results: 0, outcome: "ok", latencyMs: 3 },
    ]);
  });

  it("the next page replaces the message clicked in", async () => {
    await onMoreResults(w.ctx)(click(encodeMore({ q: "numa", o: 3 }), w.ack));
    const page = testCore().answer("numa", { offset: 3 }) as Reply;
    expect(w.responses).toEqual([
      {
        url: RESPONSE_URL,
        payload: { replace_original: true, ...messageFields(renderSlackAnswer(page, "command")) },
      },
    ]);
    expect(w.observed).toMatchObject([{ command: "more", outcome: "ok" }]);
  });
});

describe("onShareCard", () => {
  const first = () => {
    const reply = answerTo("numa");
    if (reply.kind !== "results") throw new Error("numa finds talks");
    return { reply, card: reply.hits[0]!.card };
  };

  it("posts the card in the channel, credited, then redraws the list with it marked", async () => {
    const { reply, card } = first();
    await onShareCard(w.ctx)(click(encodeShare({ id: card.id, q: "numa", o: 0 }), w.ack));
    expect(w.responses).toEqual([
      {
        url: RESPONSE_URL,
        payload: {
          response_type: "in_channel",
          replace_original: false,
          ...messageFields(renderShared(card, USER)),
        },
      },
      {
        url: RESPONSE_URL,
        payload: {
          replace_original: true,
          ...messageFields(renderSlackAnswer(reply, "command", { shared: [card.id] })),
        },
      },
    ]);
    expect(w.observed).toEqual([
      { platform: "slack", command: "share", results: 1, outcome: "ok", latencyMs: 3 },
    ]);
  });

  it("a talk no longer in the results: the clicker is told, nothing is posted", async () => {
    await onShareCard(w.ctx)(click(encodeShare({ id: "no-such-talk", q: "numa", o: 0 }), w.ack));
    expect(w.responses).toEqual([
      {
        url: RESPONSE_URL,
        payload: {
          response_type: "ephemeral",
          replace_original: false,
          text: escapeText(NOTICES.unknownTalk),
        },
      },
    ]);
    expect(w.observed).toMatchObject([{ command: "usage", outcome: "ok" }]);
  });

  it("a share Slack refuses: the clicker is told, the request is an error", async () => {
    const { card } = first();
    w.failNext("response_url", new Error("http_404:expired_url"));
    await onShareCard(w.ctx)(click(encodeShare({ id: card.id, q: "numa", o: 0 }), w.ack));
    expect(w.responses.map((r) => r.payload)).toEqual([
      {
        response_type: "ephemeral",
        replace_original: false,
        text: escapeText(NOTICES.shareFailed),
      },
    ]);
    expect(w.observed).toMatchObject([{ command: "error", outcome: "error" }]);
  });
});

describe("onLinkButton", () => {
  it("acks, and nothing else", async () => {
    await onLinkButton({ ack: w.ack } as Parameters<typeof onLinkButton>[0]);
    expect(w.ack.bodies).toEqual([undefined]);
    expect(w.calls).toEqual([]);
    expect(w.responses).toEqual([]);
  });
});

describe("onMembershipEvent", () => {
  const event = (type: "member_joined_channel" | "member_left_channel", user: string) =>
    ({
      event: { type, user, channel: "C0BACK001", channel_type: "C", team: "T0TEAM001" },
      context: {},
    }) as unknown as MembershipArgs;

  it("announces the bot's own joins and leaves, nobody else's", async () => {
    const heard: MembershipChange[] = [];
    const listener = onMembershipEvent(w.ctx, (change) => void heard.push(change));
    await listener(event("member_joined_channel", "U0SOMEONE"));
    await listener(event("member_joined_channel", BOT.userId));
    await listener(event("member_left_channel", BOT.userId));
    expect(heard).toEqual([
      { destination: "C0BACK001", membership: "join" },
      { destination: "C0BACK001", membership: "leave" },
    ]);
    expect(w.calls).toEqual([]);
  });
});
