// The Slack adapter's pure pieces, exact: which message events are questions in a DM, the
// future-timestamp rule in front of Bolt, the DeliveryError a failed post becomes, the card a
// Share button points at, and which replies are for the whole channel.
import { describe, expect, it } from "vitest";
import { fromTheFuture } from "../../../src/adapters/slack/http-entry.ts";
import { isQuestionInDm } from "../../../src/adapters/slack/listeners/direct-message.ts";
import { forRoom } from "../../../src/adapters/slack/listeners/message-body.ts";
import { cardIn } from "../../../src/adapters/slack/listeners/share-card.ts";
import { deliveryError } from "../../../src/adapters/slack/post-card.ts";
import type { Reply } from "../../../src/core/reply.ts";
import { testCore } from "../../support/slack-harness.ts";

describe("isQuestionInDm", () => {
  const dm = { channel: "D0DM00001", channel_type: "im", user: "U0USER001", text: "numa" };
  it("a person's new message in a DM, and nothing else", () => {
    expect(isQuestionInDm(dm, "UBOT0001")).toBe(true);
    expect(isQuestionInDm(dm, undefined)).toBe(true);
    expect(isQuestionInDm({ ...dm, user: "UBOT0001" }, "UBOT0001")).toBe(false);
    expect(isQuestionInDm({ ...dm, bot_id: "B0OTHER01" }, "UBOT0001")).toBe(false);
    expect(isQuestionInDm({ ...dm, subtype: "message_changed" }, "UBOT0001")).toBe(false);
    expect(isQuestionInDm({ ...dm, channel_type: "channel" }, "UBOT0001")).toBe(false);
    const { user: _user, ...anonymous } = dm;
    expect(isQuestionInDm(anonymous, "UBOT0001")).toBe(false);
  });
});

describe("fromTheFuture", () => {
  const now = 1_700_000_000_000;
  it("more than five minutes ahead only; malformed values are left to Bolt", () => {
    expect(fromTheFuture("1700000300", now)).toBe(false);
    expect(fromTheFuture("1700000301", now)).toBe(true);
    expect(fromTheFuture("1699990000", now)).toBe(false);
    expect(fromTheFuture("soon", now)).toBe(false);
    expect(fromTheFuture(undefined, now)).toBe(false);
  });
});

describe("deliveryError", () => {
  const platform = (error: string) => ({ code: "slack_webapi_platform_error", data: { error } });
  it("maps what Slack said to what a retry may do", () => {
    for (const error of ["not_in_channel", "channel_not_found", "is_archived", "invalid_auth"])
      expect(deliveryError(platform(error), "C1")).toMatchObject({
        failure: { kind: "refused" },
        message: `slack post to C1 failed: ${error}`,
        retryAfterMs: null,
      });
    expect(
      deliveryError({ code: "slack_webapi_rate_limited_error", retryAfter: 30 }, "C1"),
    ).toMatchObject({ failure: { kind: "rate-limited" }, retryAfterMs: 30_000 });
    expect(deliveryError({ code: "slack_webapi_http_error", statusCode: 502 }, "C1")).toMatchObject(
      { failure: { kind: "unknown" }, message: "slack post to C1 failed: http_502" },
    );
    expect(deliveryError(platform("internal_error"), "C1").failure.kind).toBe("unknown");
  });
});

describe("cardIn and forRoom", () => {
  it("finds the shared card in a results page or a talk reply, by id", () => {
    const card = testCore().today("2026-11-29").card;
    const talk: Reply = { kind: "talk", reason: "today", card };
    expect(cardIn(talk, card.id)).toBe(card);
    expect(cardIn(talk, "another")).toBeUndefined();
    const page: Reply = {
      kind: "results",
      query: "x",
      hits: [{ card, score: 1, matched: [] }],
      offset: 0,
      total: 1,
      corrections: [],
    };
    expect(cardIn(page, card.id)).toBe(card);
    expect(cardIn(null, card.id)).toBeUndefined();
    expect(cardIn({ kind: "nothing-to-page" }, card.id)).toBeUndefined();
  });

  it("only replies marked for the room go to the channel", () => {
    expect(forRoom({ kind: "unsubscribed", visibility: "room", by: "<@U1>" })).toBe(true);
    expect(forRoom({ kind: "subscription-usage", visibility: "asker", message: "Bad." })).toBe(
      false,
    );
    expect(forRoom({ kind: "nothing-to-page" })).toBe(false);
  });
});
