// The Slack renderings of the subscription replies, exact: the asker named by a real mention
// (and nothing else ever becomes markup), commands written as typed on each surface.
import { describe, expect, it } from "vitest";
import { renderSubscriptionReply } from "../../src/render/slack/subscription.ts";
import type { SubscriptionReply } from "../../src/totd/subscription-replies.ts";

const subscribed: SubscriptionReply = {
  kind: "subscribed",
  visibility: "room",
  by: "<@U0USER001>",
  time: "09:00",
  timeZone: "Europe/Berlin",
  today: "later-today",
};

describe("renderSubscriptionReply", () => {
  it("names the asker with a mention, says when, in which zone and how to stop", () => {
    expect(renderSubscriptionReply(subscribed, "command")).toEqual({
      text: "<@U0USER001> subscribed this channel to the talk of the day at 09:00 (Europe/Berlin). The first one comes today at 09:00. To stop it: `/virt unsubscribe`.",
      blocks: [],
    });
  });

  it("writes the commands as typed in a mention thread and in a DM", () => {
    const gone: SubscriptionReply = {
      kind: "unsubscribed",
      visibility: "room",
      by: "<@W0ENT0001>",
    };
    expect(renderSubscriptionReply(gone, "mention").text).toBe(
      "<@W0ENT0001> unsubscribed this channel from the talk of the day. To start again: `@virt-talks subscribe [HH:MM] [Area/City]`.",
    );
    const none: SubscriptionReply = {
      kind: "subscription-status",
      visibility: "asker",
      subscription: null,
    };
    expect(renderSubscriptionReply(none, "dm").text).toBe(
      "This channel does not get the talk of the day. To subscribe: `subscribe [HH:MM] [Area/City]`, like `subscribe 09:00 Europe/Berlin`.",
    );
  });

  it("shows who set a subscription with a mention", () => {
    const status: SubscriptionReply = {
      kind: "subscription-status",
      visibility: "asker",
      subscription: {
        source: "chat",
        time: "08:30",
        timeZone: "Asia/Tokyo",
        setBy: "<@U0USER001>",
        setOn: "2026-11-29",
        lastPosted: null,
        state: "active",
      },
    };
    expect(renderSubscriptionReply(status, "command").text).toBe(
      "This channel gets the talk of the day at 08:30 (Asia/Tokyo), set by <@U0USER001> on 2026-11-29. To stop it: `/virt unsubscribe`.",
    );
  });

  it("anything but an exact user mention is escaped: no pings, no links", () => {
    for (const by of ["<!channel>", "<@U0USER001> <!here>", "<https://evil.example|x>", "Ada"]) {
      const { text } = renderSubscriptionReply({ ...subscribed, by }, "command");
      expect(text).not.toMatch(/<!|<https/);
      expect(text.startsWith(by.replace(/</g, "&lt;").replace(/>/g, "&gt;"))).toBe(true);
    }
    const usage: SubscriptionReply = {
      kind: "subscription-usage",
      visibility: "asker",
      message: '"<@U0OTHER01>" is not a time I can read.',
    };
    expect(renderSubscriptionReply(usage, "command").text).toBe(
      '"&lt;@U0OTHER01&gt;" is not a time I can read.',
    );
  });
});
