// The Matrix post port's findPost (issue #22): after a send whose outcome is unknown the
// daily post looks in the room's timeline for the bot's own post with the day's key, instead
// of re-sending and leaning on the homeserver's transaction-id dedupe. Real adapter, real
// matrix-bot-sdk client, the fake homeserver's /messages.
import { afterEach, describe, expect, it } from "vitest";
import {
  POST_KEY_FIELD,
  TIMELINE_MAX_PAGES,
  TIMELINE_PAGE_SIZE,
  withPostKey,
} from "../../../src/adapters/matrix/find-post.ts";
import { toCard } from "../../../src/core/card.ts";
import { DeliveryError } from "../../../src/core/post-port.ts";
import { matrixCardContent } from "../../../src/render/matrix/answer.ts";
import { alice, Harness, realCore } from "../../support/matrix-harness.ts";

let h: Harness;
afterEach(async () => {
  h.expectClean();
  await h.close();
});

const KEY = "totd:2026-12-05:matrix:room";
const MESSAGES = /\/rooms\/[^/]+\/messages$/;
const card = () => toCard(realCore().catalog.talks[0]!, "Talk of the day · 2026-12-05");
/** The day's post as the bot sends it, as the fake's message() takes it. */
const keyedPost = (): Record<string, unknown> => ({
  ...withPostKey(matrixCardContent(card()), KEY),
});
const reads = () => h.hs.requests.filter((r) => MESSAGES.test(r.path));

async function setup() {
  h = await Harness.create();
  const room = h.hs.createRoom({ members: [alice] });
  await h.start();
  return room;
}

/** A message of the bot's own that is not a daily post (an answer, say). */
const ownNotice = (n: number, ts?: number) => ({
  content: { msgtype: "m.notice", body: `answer ${n}` },
  ...(ts === undefined ? {} : { ts }),
});

function look(room: string, since: Date, key = KEY) {
  const find = h.adapter.post.findPost;
  if (!find) throw new Error("the Matrix post port cannot look");
  return find(room, key, since);
}

describe("Matrix findPost", () => {
  it("posts carry their key in the content, body and HTML as rendered", async () => {
    const room = await setup();
    expect(h.adapter.post.capabilities).toEqual({ resendsSafely: true, canFindPost: true });
    await h.adapter.post.postCard(room, card(), KEY);
    const [sent] = h.hs.sentTo(room);
    expect(sent!.content).toEqual(withPostKey(matrixCardContent(card()), KEY));
    expect(sent!.content[POST_KEY_FIELD]).toBe(KEY);
  });

  it("finds the bot's post behind a long timeline, reading page after page", async () => {
    const room = await setup();
    const since = new Date(Date.now() - 1_000);
    await h.adapter.post.postCard(room, card(), KEY);
    // Other people's chatter (filtered out by the homeserver) and the bot's own answers,
    // more than a page of them.
    for (let n = 0; n < 120; n++) h.hs.message(room, alice, `chatter ${n}`);
    for (let n = 0; n < TIMELINE_PAGE_SIZE + 30; n++) {
      const { content } = ownNotice(n);
      h.hs.message(room, h.hs.botUserId, content);
    }
    expect(await look(room, since)).toEqual({ kind: "found" });
    expect(reads()).toHaveLength(2);
    // Only the bot's messages were asked for.
    const filter = new URLSearchParams(reads()[0]!.query).get("filter");
    expect(JSON.parse(filter!)).toEqual({ types: ["m.room.message"], senders: [h.hs.botUserId] });
  });

  it("says absent when the room has no post with that key (another day's does not count)", async () => {
    const room = await setup();
    const since = new Date(Date.now() - 1_000);
    await h.adapter.post.postCard(room, card(), "totd:2026-12-04:matrix:room");
    expect(await look(room, since)).toEqual({ kind: "absent" });
  });

  it("stops reading where the timeline is older than the send", async () => {
    const room = await setup();
    const now = Date.now();
    const since = new Date(now - 60_000);
    // The key's post two hours back (a different send than the one asked about), then more
    // than a page of the bot's messages an hour back: the first page already predates it.
    h.hs.message(room, h.hs.botUserId, keyedPost(), {
      ts: now - 2 * 3_600_000,
    });
    for (let n = 0; n < TIMELINE_PAGE_SIZE + 30; n++) {
      const { content, ts } = ownNotice(n, now - 3_600_000);
      h.hs.message(room, h.hs.botUserId, content, { ts });
    }
    expect(await look(room, since)).toEqual({ kind: "absent" });
    expect(reads()).toHaveLength(1);
  });

  it("ignores someone else's message carrying the same key", async () => {
    const room = await setup();
    const since = new Date(Date.now() - 1_000);
    h.hs.message(room, alice, keyedPost());
    // The look's filter asks for the bot's messages; the check holds even if a server ignores it.
    h.hs.rawEvent(room, {
      type: "m.room.message",
      event_id: "$impostor",
      sender: alice,
      origin_server_ts: Date.now(),
      content: { msgtype: "m.notice", body: "x", [POST_KEY_FIELD]: KEY },
    });
    expect(await look(room, since)).toEqual({ kind: "absent" });
  });

  it("says unavailable rather than absent when the send lies beyond the pages it reads", async () => {
    const room = await setup();
    const since = new Date(Date.now() - 1_000);
    await h.adapter.post.postCard(room, card(), KEY);
    for (let n = 0; n < TIMELINE_PAGE_SIZE * TIMELINE_MAX_PAGES + 1; n++) {
      const { content } = ownNotice(n);
      h.hs.message(room, h.hs.botUserId, content);
    }
    const seen = await look(room, since);
    expect(seen).toMatchObject({ kind: "unavailable" });
    expect(reads()).toHaveLength(TIMELINE_MAX_PAGES);
  });

  it("throws a DeliveryError the caller retries when /messages fails, and says unavailable when refused", async () => {
    const room = await setup();
    const since = new Date(Date.now() - 1_000);
    await h.adapter.post.postCard(room, card(), KEY);

    h.hs.fault({ method: "GET", path: MESSAGES, action: { kind: "status", status: 500 } });
    const failed = await look(room, since).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DeliveryError);
    expect((failed as DeliveryError).failure.kind).toBe("unknown");

    h.hs.fault({
      method: "GET",
      path: MESSAGES,
      action: {
        kind: "status",
        status: 429,
        body: { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 2_500 },
      },
    });
    const limited = await look(room, since).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(DeliveryError);
    expect((limited as DeliveryError).retryAfterMs).toBe(2_500);

    h.hs.fault({
      method: "GET",
      path: MESSAGES,
      action: { kind: "status", status: 403, body: { errcode: "M_FORBIDDEN", error: "no" } },
    });
    expect(await look(room, since)).toMatchObject({ kind: "unavailable" });

    // And once the homeserver answers again, the post is there.
    expect(await look(room, since)).toEqual({ kind: "found" });
  });

  it("is not-sent while the adapter is not running", async () => {
    const room = await setup();
    await h.adapter.stop();
    await expect(look(room, new Date())).rejects.toMatchObject({
      failure: { kind: "not-sent" },
    });
  });
});
