// The subscription replies through all three renderers: one wording (the core's
// subscriptionText), escaped for each platform, exact output.
import { describe, expect, it } from "vitest";
import { renderConsoleAnswer } from "../../src/render/console/answer.ts";
import { renderMatrixAnswer } from "../../src/render/matrix/answer.ts";
import { renderSlackAnswer } from "../../src/render/slack/answer.ts";
import {
  type SubscriptionReply,
  type SubscriptionView,
  subscriptionText,
} from "../../src/totd/subscription-replies.ts";

const subscribed: SubscriptionReply = {
  kind: "subscribed",
  visibility: "room",
  by: "Ada <admin> & co",
  time: "09:00",
  timeZone: "Europe/Berlin",
  today: "posting-now",
};

const SUBSCRIBED_TEXT =
  "Ada <admin> & co subscribed this room to the talk of the day at 09:00 (Europe/Berlin). " +
  "Today's talk is being posted now. To stop it: unsubscribe.";

describe("subscription replies, rendered", () => {
  it("Slack: a plain message, user text escaped, commands as typed there (the adapter posts room replies in the channel)", () => {
    expect(renderSlackAnswer(subscribed, "command")).toEqual({
      text:
        "Ada &lt;admin&gt; &amp; co subscribed this channel to the talk of the day at 09:00 (Europe/Berlin). " +
        "Today's talk is being posted now. To stop it: `/virt unsubscribe`.",
      blocks: [],
    });
  });

  it("Matrix: an m.notice, HTML escaped, mentioning nobody, commands as a Matrix user types them", () => {
    expect(renderMatrixAnswer(subscribed)).toEqual({
      msgtype: "m.notice",
      body: SUBSCRIBED_TEXT.replace("To stop it: unsubscribe", "To stop it: !virt unsubscribe"),
      format: "org.matrix.custom.html",
      formatted_body:
        "<p>Ada &lt;admin&gt; &amp; co subscribed this room to the talk of the day at 09:00 (Europe/Berlin). " +
        "Today&#39;s talk is being posted now. To stop it: !virt unsubscribe.</p>",
      "m.mentions": {},
    });
  });

  it("console: the line as it is", () => {
    expect(renderConsoleAnswer(subscribed)).toBe(SUBSCRIBED_TEXT);
  });

  it("every reply kind renders to the same words on all three", () => {
    const replies: SubscriptionReply[] = [
      subscribed,
      { kind: "unsubscribed", visibility: "room", by: "Ada" },
      { kind: "subscription-status", visibility: "asker", subscription: null },
      {
        kind: "subscription-refused",
        visibility: "asker",
        reason: "permission",
        message: "Changing this room's subscription needs power level 50 (moderator); you have 0.",
      },
      {
        kind: "subscription-usage",
        visibility: "asker",
        message: '"9" is not a time I can read.',
      },
    ];
    for (const reply of replies) {
      const text = subscriptionText(reply);
      expect(renderConsoleAnswer(reply)).toBe(text);
      expect(renderMatrixAnswer(reply).body).toBe(
        subscriptionText(reply, (command) => `!virt ${command}`),
      );
      expect(renderSlackAnswer(reply, "mention").text).toBe(
        subscriptionText(reply, (command) => `\`@virt-talks ${command}\``, "channel")
          .replace(/&/g, "&amp;")
          .replace(/</g, "&lt;")
          .replace(/>/g, "&gt;"),
      );
    }
  });
});

describe("subscriptionText", () => {
  const view: SubscriptionView = {
    source: "chat",
    time: "07:30",
    timeZone: "America/New_York",
    setBy: "Ada",
    setOn: "2026-03-06",
    lastPosted: "2026-03-09",
    state: "active",
  };
  const status = (subscription: typeof view | null) =>
    subscriptionText({
      kind: "subscription-status",
      visibility: "asker",
      subscription,
    } as SubscriptionReply);

  it("says who subscribed, when, and how to stop it", () => {
    expect(status(view)).toBe(
      "This room gets the talk of the day at 07:30 (America/New_York), set by Ada on 2026-03-06. " +
        "Last posted: 2026-03-09. To stop it: unsubscribe.",
    );
    expect(status({ ...view, state: "paused", pausedReason: "not_in_channel" })).toBe(
      "This room gets the talk of the day at 07:30 (America/New_York), set by Ada on 2026-03-06. " +
        "Last posted: 2026-03-09. Paused: I could not post here (not_in_channel); invite me back to resume. " +
        "To stop it: unsubscribe.",
    );
  });

  it("an operator destination is 'set by the operator' and has no way to stop it from chat", () => {
    const { setBy: _, setOn: __, ...rest } = view;
    expect(
      status({ ...rest, source: "operator", lastPosted: null } as unknown as typeof view),
    ).toBe(
      "This room gets the talk of the day at 07:30 (America/New_York), set by the operator; it cannot be changed from chat.",
    );
  });

  it("a room with nothing says how to subscribe", () => {
    expect(status(null)).toBe(
      "This room does not get the talk of the day. To subscribe: subscribe [HH:MM] [Area/City], like subscribe 09:00 Europe/Berlin.",
    );
  });

  it("subscribed: today's post now, later, or already out; a moved time names the old one", () => {
    const base = {
      kind: "subscribed",
      visibility: "room",
      by: "Ada",
      time: "18:00",
      timeZone: "UTC",
    } as const;
    expect(subscriptionText({ ...base, today: "later-today" })).toBe(
      "Ada subscribed this room to the talk of the day at 18:00 (UTC). The first one comes today at 18:00. To stop it: unsubscribe.",
    );
    expect(
      subscriptionText({
        ...base,
        today: "done-today",
        previous: { time: "09:00", timeZone: "Europe/Berlin" },
      }),
    ).toBe(
      "Ada moved the talk of the day here to 18:00 (UTC), from 09:00 (Europe/Berlin). " +
        "Today's talk is already out here; the next one comes tomorrow at 18:00. To stop it: unsubscribe.",
    );
    expect(subscriptionText({ kind: "unsubscribed", visibility: "room", by: "Ada" })).toBe(
      "Ada unsubscribed this room from the talk of the day. To start again: subscribe [HH:MM] [Area/City].",
    );
  });
});
