// Finding a talk-of-the-day post in a Slack channel: the metadata it is sent with, the
// pure pieces of the history read (exact output), and the real adapter's findPost against
// the fake Web API: found, absent, paging and its bound, and the refusals that mean
// "cannot look" (missing_scope) as opposed to failures worth retrying.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  HISTORY_MARGIN_MS,
  HISTORY_MAX_PAGES,
  HISTORY_PAGE_SIZE,
  historyOldest,
  isOurPost,
  postMetadata,
  TOTD_EVENT_TYPE,
  unavailableReason,
} from "../../../src/adapters/slack/find-post.ts";
import type { HistoryMessage } from "../../../src/adapters/slack/web-client.ts";
import { type Harness, startHarness, testCore } from "../../support/slack-harness.ts";

const KEY = "totd:2026-05-04:slack:C0TOTD001";
const CHANNEL = "C0TOTD001";

describe("pure pieces", () => {
  it("postMetadata carries the key under one event type", () => {
    expect(postMetadata(KEY)).toEqual({
      event_type: "virt_talks_talk_of_the_day",
      event_payload: { key: "totd:2026-05-04:slack:C0TOTD001" },
    });
    expect(TOTD_EVENT_TYPE).toMatch(/^[a-z_]+$/);
  });

  it("historyOldest is the send time less the margin, as a Slack timestamp", () => {
    expect(HISTORY_MARGIN_MS).toBe(300_000);
    expect(historyOldest(new Date("2026-05-04T07:00:00.123Z"))).toBe("1777877700.123000");
    expect(historyOldest(new Date("2026-05-04T07:00:00.000Z"), 0)).toBe("1777878000.000000");
    expect(historyOldest(new Date("2026-05-04T07:00:00.007Z"), 1)).toBe("1777878000.006000");
    expect(historyOldest(new Date(1_000))).toBe("0.000000"); // never before the epoch
  });

  it("isOurPost wants our bot (by bot id or user id), our event type and the exact key", () => {
    const bot = { botId: "B1", userId: "U1", teamId: "T1" };
    const ours: HistoryMessage = {
      ts: "1.000001",
      botId: "B1",
      userId: "U1",
      metadata: { eventType: TOTD_EVENT_TYPE, payload: { key: KEY } },
    };
    expect(isOurPost(ours, KEY, bot)).toBe(true);
    expect(isOurPost({ ...ours, botId: undefined }, KEY, bot)).toBe(true);
    expect(isOurPost({ ...ours, userId: undefined }, KEY, bot)).toBe(true);
    expect(isOurPost({ ...ours, botId: "B2", userId: "U2" }, KEY, bot)).toBe(false);
    expect(isOurPost(ours, `${KEY}x`, bot)).toBe(false);
    expect(isOurPost({ ...ours, metadata: undefined }, KEY, bot)).toBe(false);
    expect(
      isOurPost({ ...ours, metadata: { eventType: "other", payload: { key: KEY } } }, KEY, bot),
    ).toBe(false);
    expect(
      isOurPost({ ...ours, metadata: { eventType: TOTD_EVENT_TYPE, payload: null } }, KEY, bot),
    ).toBe(false);
    expect(
      isOurPost({ ...ours, metadata: { eventType: TOTD_EVENT_TYPE, payload: KEY } }, KEY, bot),
    ).toBe(false);
    // Without an identity nothing is ours.
    const unknown = { botId: undefined, userId: undefined, teamId: undefined };
    expect(isOurPost(ours, KEY, unknown)).toBe(false);
  });

  it("unavailableReason: Slack's refusals mean 'cannot look'; the rest may pass", () => {
    expect(unavailableReason({ kind: "refused", detail: "missing_scope" })).toBe("missing_scope");
    expect(unavailableReason({ kind: "refused", detail: "not_in_channel" })).toBe("not_in_channel");
    expect(
      unavailableReason({ kind: "rate-limited", retryAfterMs: 60_000, detail: "ratelimited" }),
    ).toBeNull();
    expect(unavailableReason({ kind: "unknown", detail: "http_500" })).toBeNull();
    expect(unavailableReason({ kind: "not-sent", detail: "ECONNREFUSED" })).toBeNull();
  });
});

describe("the adapter against the fake Web API", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: true });
  });
  afterAll(async () => {
    await h.close();
  });
  // The adapter remembers the keys it posted (in this process): a fresh key per test.
  let key = "";
  let n = 0;
  beforeEach(() => {
    h.fake.reset();
    key = `totd:2026-05-04:slack:${CHANNEL}:${++n}`;
  });

  const card = () => testCore().today("2026-05-04").card;
  const person = (n: number) => {
    for (let i = 0; i < n; i++) h.fake.inject(CHANNEL, { user: "U0PERSON1", text: `hi ${i}` });
  };
  const historyCalls = () => h.fake.callsTo("conversations.history", { all: true });

  it("postCard sends the key as message metadata", async () => {
    await h.adapter.post.postCard(CHANNEL, card(), key);
    expect(h.fake.callsTo("chat.postMessage")[0]!.body.metadata).toEqual({
      event_type: TOTD_EVENT_TYPE,
      event_payload: { key: key },
    });
    expect(h.fake.messagesIn(CHANNEL)[0]).toMatchObject({
      bot_id: "BBOT0001",
      metadata: { event_type: TOTD_EVENT_TYPE, event_payload: { key: key } },
    });
  });

  it("postWatchAlert (the morning list during a watched conference) carries the key too, and posts once per key", async () => {
    const list = {
      heading: "Today at Example Conf: 1 talk for your watches",
      entries: [{ card: card(), note: "Tue 09:30–10:00 · Room K.1" }],
      more: 0,
      query: "schedule today vfio",
    };
    await h.adapter.post.postWatchAlert?.(CHANNEL, list, key);
    await h.adapter.post.postWatchAlert?.(CHANNEL, list, key);
    expect(h.fake.callsTo("chat.postMessage").map((c) => c.body.metadata)).toEqual([
      { event_type: TOTD_EVENT_TYPE, event_payload: { key: key } },
    ]);
    const since = new Date(Date.now() - 60_000);
    expect(await h.adapter.post.findPost?.(CHANNEL, key, since)).toEqual({ kind: "found" });
  });

  it("finds our post, reading from the send time less the margin with all metadata", async () => {
    const since = new Date();
    await h.adapter.post.postCard(CHANNEL, card(), key);
    await expect(h.adapter.post.findPost!(CHANNEL, key, since)).resolves.toEqual({ kind: "found" });
    expect(historyCalls().map((c) => c.body)).toEqual([
      {
        channel: CHANNEL,
        oldest: historyOldest(since),
        limit: String(HISTORY_PAGE_SIZE),
        include_all_metadata: "true",
      },
    ]);
  });

  it("absent: no post, another key, another app's post with our key, or a post before the window", async () => {
    const since = new Date();
    await expect(h.adapter.post.findPost!(CHANNEL, key, since)).resolves.toEqual({
      kind: "absent",
    });
    await h.adapter.post.postCard(CHANNEL, card(), `${key}-yesterday`);
    h.fake.inject(CHANNEL, { bot_id: "B0OTHER01", text: "other app", metadata: postMetadata(key) });
    h.fake.inject(CHANNEL, { user: "U0PERSON1", text: key });
    await expect(h.adapter.post.findPost!(CHANNEL, key, since)).resolves.toEqual({
      kind: "absent",
    });
    await h.adapter.post.postCard(CHANNEL, card(), key);
    const later = new Date(Date.now() + HISTORY_MARGIN_MS + 60_000);
    await expect(h.adapter.post.findPost!(CHANNEL, key, later)).resolves.toEqual({
      kind: "absent",
    });
  });

  it("pages back through a busy channel", async () => {
    const since = new Date();
    await h.adapter.post.postCard(CHANNEL, card(), key);
    person(HISTORY_PAGE_SIZE + 10);
    await expect(h.adapter.post.findPost!(CHANNEL, key, since)).resolves.toEqual({ kind: "found" });
    const calls = historyCalls();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body.cursor).toEqual(expect.any(String));
  });

  it("a channel too busy to read back to the send is 'unavailable', never 'absent'", async () => {
    const since = new Date();
    await h.adapter.post.postCard(CHANNEL, card(), key);
    person(HISTORY_MAX_PAGES * HISTORY_PAGE_SIZE);
    await expect(h.adapter.post.findPost!(CHANNEL, key, since)).resolves.toEqual({
      kind: "unavailable",
      reason: "more than 200 messages since the send",
    });
    expect(historyCalls()).toHaveLength(HISTORY_MAX_PAGES);
  });

  it("missing_scope (or not_in_channel) is 'unavailable', left to the caller to report", async () => {
    for (const error of ["missing_scope", "not_in_channel"]) {
      h.fake.failNext("conversations.history", { error });
      await expect(h.adapter.post.findPost!(CHANNEL, key, new Date())).resolves.toEqual({
        kind: "unavailable",
        reason: error,
      });
    }
    const warnings = h.logs
      .map((l) => JSON.parse(l) as { level: number; method?: string })
      .filter((l) => l.level >= 40 && l.method === "conversations.history");
    expect(warnings).toEqual([]);
  });

  it("a 5xx is retried (reading is safe to repeat); a long rate limit is thrown for the caller to retry", async () => {
    const since = new Date();
    await h.adapter.post.postCard(CHANNEL, card(), key);
    h.fake.failNext("conversations.history", { status: 500 });
    await expect(h.adapter.post.findPost!(CHANNEL, key, since)).resolves.toEqual({ kind: "found" });
    expect(historyCalls().map((c) => c.status)).toEqual([500, 200]);

    h.fake.failNext("conversations.history", { status: 429, retryAfter: 120 });
    await expect(h.adapter.post.findPost!(CHANNEL, key, since)).rejects.toThrow();
  });
});
