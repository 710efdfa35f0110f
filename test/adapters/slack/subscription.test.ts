// Chat subscriptions through the real Slack adapter: /virt subscribe, unsubscribe and
// subscription as signed slash commands and mentions into the real Bolt App, the real turn
// and talk of the day, against the fake Web API (users.info, channel membership).

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ASKER_TEXT } from "../../../src/adapters/slack/asker.ts";
import { ANSWER_EVENT_TYPE } from "../../../src/adapters/slack/find-answer.ts";
import { TOTD_EVENT_TYPE } from "../../../src/adapters/slack/find-post.ts";
import { answerOf, type Harness, startHarness } from "../../support/slack-harness.ts";

let n = 0;
/** A channel of its own per test: subscriptions persist in the harness's state store. */
const channel = () => `C0SUB${String(++n).padStart(4, "0")}`;

async function ask(h: Harness, text: string, opts: { user?: string; channel: string }) {
  const res = await h.command(text, opts);
  expect(res.status).toBe(200);
  return answerOf(res).body;
}

describe("any member may subscribe (the default)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: true, subscriptions: true });
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => h.fake.reset());

  it("subscribe: a confirmation for the whole channel naming who, the time, the zone and how to stop", async () => {
    const here = channel();
    const body = await ask(h, "subscribe 23:59 Europe/Berlin", { channel: here });
    expect(body).toEqual({
      response_type: "in_channel",
      text: expect.stringMatching(
        /^<@U0USER001> subscribed this channel to the talk of the day at 23:59 \(Europe\/Berlin\)\. .* To stop it: `\/virt unsubscribe`\.$/,
      ),
    });
    await vi.waitFor(() =>
      expect(h.observed.at(-1)).toMatchObject({ command: "subscribed", outcome: "ok" }),
    );
    // Anyone may: users.info is not asked.
    expect(h.fake.callsTo("users.info", { all: true })).toHaveLength(0);

    // Read-only status: for the asker alone, not the whole channel.
    const status = await ask(h, "subscription", { channel: here });
    expect(status.response_type).toBe("ephemeral");
    expect(status.text).toMatch(
      /^This channel gets the talk of the day at 23:59 \(Europe\/Berlin\), set by <@U0USER001> on/,
    );

    const gone = await ask(h, "unsubscribe", { channel: here, user: "U0OTHER01" });
    expect(gone).toEqual({
      response_type: "in_channel",
      text: "<@U0OTHER01> unsubscribed this channel from the talk of the day. To start again: `/virt subscribe [HH:MM] [Area/City]`.",
    });
  });

  it("a time already past today posts today's talk at once, into the channel", async () => {
    const here = channel();
    const body = await ask(h, "subscribe 00:00 UTC", { channel: here });
    expect(body.text).toContain("Today's talk is being posted now.");
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.body.channel === here),
    );
    const [post] = h.fake.callsTo("chat.postMessage");
    expect(post!.body.metadata).toMatchObject({ event_type: TOTD_EVENT_TYPE });
    expect(String(post!.body.text)).toMatch(/^Talk of the day · \d{4}-\d{2}-\d{2}: /);
  });

  it("bad input: one line for the asker alone", async () => {
    const body = await ask(h, "subscribe 25:00", { channel: channel() });
    expect(body.response_type).toBe("ephemeral");
    expect(String(body.text).split("\n")).toHaveLength(1);
  });

  it("in a channel the bot is not in: tells the asker (only) how to invite it, and subscribes nothing", async () => {
    const outside = channel();
    h.fake.leave(outside);
    const body = await ask(h, "subscribe 09:00", { channel: outside });
    expect(body).toEqual({ response_type: "ephemeral", text: ASKER_TEXT.notInChannel });
    expect(body.text).toContain("/invite @virt-talks");
    expect((await ask(h, "subscription", { channel: outside })).text).toMatch(
      /^This channel does not get the talk of the day/,
    );
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(0);
  });

  it("a channel the bot was removed from can still be unsubscribed, without inviting it back", async () => {
    const here = channel();
    expect((await ask(h, "subscribe 23:57 UTC", { channel: here })).response_type).toBe(
      "in_channel",
    );
    h.fake.leave(here);
    const gone = await ask(h, "unsubscribe", { channel: here });
    expect(gone).toMatchObject({
      response_type: "in_channel",
      text: expect.stringMatching(/^<@U0USER001> unsubscribed this channel/),
    });
  });

  it("a mention subscribes too; the confirmation goes to the channel, not the thread", async () => {
    const here = channel();
    await h.mention({
      eventId: `Ev0SUB${n}`,
      text: "<@UBOT0001> subscribe 23:58 UTC",
      channel: here,
    });
    await h.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    // The confirmation, naming the event it answers (a talk-of-the-day post, with its own
    // metadata, could follow late at night).
    const post = h.fake
      .callsTo("chat.postMessage")
      .find(
        (c) =>
          (c.body.metadata as { event_type?: string } | undefined)?.event_type ===
          ANSWER_EVENT_TYPE,
      );
    expect(post!.body.channel).toBe(here);
    expect(post!.body.thread_ts).toBeUndefined();
    expect(String(post!.body.text)).toMatch(
      /^<@U0USER001> subscribed this channel .* To stop it: `@virt-talks unsubscribe`\.$/,
    );
  });
});

describe("SUBSCRIBE_ADMINS_ONLY=true", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      start: true,
      subscriptions: true,
      config: { subscribeAdminsOnly: true },
    });
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => h.fake.reset());

  it("a member is refused (ephemerally), an admin and an owner may", async () => {
    const here = channel();
    const refused = await ask(h, "subscribe", { channel: here, user: "U0MEMBER1" });
    expect(refused).toEqual({ response_type: "ephemeral", text: ASKER_TEXT.adminsOnly });
    expect(h.fake.callsTo("users.info").map((c) => c.body.user)).toEqual(["U0MEMBER1"]);

    h.fake.setUser("U0ADMIN01", { isAdmin: true });
    const admin = await ask(h, "subscribe", { channel: here, user: "U0ADMIN01" });
    expect(admin.response_type).toBe("in_channel");
    expect(admin.text).toMatch(
      /^<@U0ADMIN01> subscribed this channel to the talk of the day at 09:00 \(UTC\)/,
    );

    h.fake.setUser("U0OWNER01", { isOwner: true });
    const owner = await ask(h, "unsubscribe", { channel: here, user: "U0OWNER01" });
    expect(owner.text).toMatch(/^<@U0OWNER01> unsubscribed/);
  });

  it("searching stays open to everyone and never asks users.info", async () => {
    const body = await ask(h, "numa", { channel: channel(), user: "U0MEMBER1" });
    expect(body.response_type).toBe("ephemeral");
    expect(h.fake.callsTo("users.info", { all: true })).toHaveLength(0);
  });

  it("a slow users.info: the command is acked in time, and the answer follows at its response_url", async () => {
    h.fake.setUser("U0ADMIN02", { isAdmin: true });
    let usersInfoAnswered = false;
    // users.info answers only once the command has been acked.
    let release = () => {};
    const acked = new Promise<void>((resolve) => {
      release = resolve;
    });
    h.fake.hooks = {
      before: (call) => (call.method === "users.info" ? acked : undefined),
      after: (call) => {
        if (call.method === "users.info") usersInfoAnswered = true;
      },
    };
    const res = await h.command("subscribe 09:00", {
      channel: channel(),
      user: "U0ADMIN02",
      responseId: "slow-admin",
    });
    // Acked (empty) while Slack was still thinking about users.info.
    expect(res).toEqual({ status: 200, body: "" });
    expect(usersInfoAnswered).toBe(false);
    release();
    await h.fake.waitFor((calls) => calls.some((c) => c.responseId === "slow-admin"), 8_000);
    const [late] = h.fake.callsTo("response", { responseId: "slow-admin" });
    expect(late!.body).toMatchObject({
      response_type: "in_channel",
      text: expect.stringMatching(/^<@U0ADMIN02> subscribed/),
    });
  });
});
