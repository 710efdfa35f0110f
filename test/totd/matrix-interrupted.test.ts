// Issue #22: a Matrix daily post interrupted mid-send (the process killed while the send was
// out) is settled by a look in the room, not by a re-send that leans on the homeserver's
// transaction-id dedupe. The real daily post, the real Matrix adapter (matrix-bot-sdk),
// the fake homeserver; the "crash" is the state as it was durable while the send was out,
// reopened by a second process.
import { afterEach, describe, expect, it } from "vitest";
import type { PostPort } from "../../src/core/post-port.ts";
import { createDailyPost } from "../../src/totd/daily-post.ts";
import { alice, Harness, realCore } from "../support/matrix-harness.ts";
import { captureLogger, fakeChat, LEVEL, noonZone } from "../support/totd-helpers.ts";
import { type MemoryStore, memoryStore } from "../support/totd-memory-store.ts";

let h: Harness;
const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const d of running.splice(0)) await d.stop();
  h.expectClean();
  await h.close();
});

const MESSAGES = /\/rooms\/[^/]+\/messages$/;

/** One "process" of the daily post for `room`, due hours ago (a catch-up post at start). */
function dailyPost(room: string, store: MemoryStore, port: PostPort) {
  const { logger, lines } = captureLogger();
  const daily = createDailyPost({
    ports: { matrix: port },
    destinations: [
      {
        platform: "matrix",
        destination: room,
        time: "06:00",
        timeZone: noonZone(),
        source: "operator",
      },
    ],
    core: realCore(),
    state: store,
    logger,
    random: () => 1,
  });
  running.push(daily);
  return { daily, lines };
}

/** The store as it is durable now: what a process killed this instant leaves behind. */
const crashImage = (store: MemoryStore) => memoryStore(structuredClone(store.disk));

/** The Matrix adapter running against a room the bot and alice are in. */
async function withRoom(): Promise<string> {
  h = await Harness.create();
  const room = h.hs.createRoom({ members: [alice] });
  await h.start();
  return room;
}

describe("a Matrix daily post interrupted mid-send", () => {
  it("arrived: the next process looks in the room, finds it and sends nothing", async () => {
    const room = await withRoom();
    const store = memoryStore();
    let image: MemoryStore | null = null;
    let release = () => {};
    const answered = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The homeserver has the post; the process dies before it hears back.
    h.hs.sendHooks = {
      async before() {
        image ??= crashImage(store);
        await answered;
      },
    };
    const first = dailyPost(room, store, h.adapter.post);
    void first.daily.start();
    await h.hs.until(() => image !== null, "the send to reach the homeserver");
    h.hs.sendHooks = null;
    release();
    await first.daily.idle();
    const sendsBefore = h.hs.sendAttempts.length;
    expect(sendsBefore).toBe(1);

    await h.restart();
    const second = dailyPost(room, image!, h.adapter.post);
    await second.daily.start();
    await second.daily.idle();

    expect(h.hs.sendAttempts).toHaveLength(sendsBefore); // not even a same-txn repeat
    expect(h.hs.sentTo(room)).toHaveLength(1);
    expect(h.hs.requests.filter((r) => MESSAGES.test(r.path))).toHaveLength(1);
    expect(second.lines.map((l) => l.msg)).toContain(
      "an earlier send of today's talk had arrived; recorded it without sending again",
    );
    expect(second.lines.filter((l) => l.level >= LEVEL.warn)).toEqual([]);
    const status = second.daily.statusAll()[`matrix:${room}`]!;
    expect(status.lastPosted).not.toBeNull();
  });

  it("not arrived: the next process looks, finds nothing and sends it once", async () => {
    const room = await withRoom();
    const store = memoryStore();
    // Killed after the intent was durable, before the send left: the port never sends.
    let image: MemoryStore | null = null;
    const dying: PostPort = {
      ...h.adapter.post,
      postCard() {
        image ??= crashImage(store);
        return new Promise<void>(() => {});
      },
    };
    const first = dailyPost(room, store, dying);
    running.pop(); // a dead process: its send never settles, it cannot be stopped
    void first.daily.start();
    await h.hs.until(() => image !== null, "the send to start");
    void first.daily.stop();
    expect(h.hs.sendAttempts).toHaveLength(0);

    const second = dailyPost(room, image!, h.adapter.post);
    await second.daily.start();
    await second.daily.idle();

    expect(h.hs.requests.filter((r) => MESSAGES.test(r.path))).toHaveLength(1);
    expect(second.lines.map((l) => l.msg)).toContain(
      "an earlier send of today's talk did not arrive; sending it",
    );
    expect(h.hs.sentTo(room)).toHaveLength(1);
    expect(h.hs.sendAttempts).toHaveLength(1);
    expect(second.daily.statusAll()[`matrix:${room}`]!.lastPosted).not.toBeNull();
  });

  it("cannot look (the send lies further back than the look reads): re-sent with the same key, not dropped", async () => {
    h = await Harness.create(); // only for afterEach; this one runs on a fake port
    const store = memoryStore();
    const room = "!far:fake.test";
    const capabilities = { resendsSafely: true, canFindPost: true };
    const crashed = fakeChat("matrix", { capabilities });
    let image: MemoryStore | null = null;
    crashed.behaviour = () => {
      image ??= crashImage(store);
      return "hang";
    };
    const first = dailyPost(room, store, crashed);
    running.pop();
    void first.daily.start();
    await h.hs.until(() => image !== null, "the send to start");
    void first.daily.stop();

    const port = fakeChat("matrix", { capabilities });
    port.lookupBehaviour = () => ({ unavailable: "more than 500 events since the send" });
    const second = dailyPost(room, image!, port);
    await second.daily.start();
    await second.daily.idle();
    expect(port.lookups).toHaveLength(1);
    expect(port.posts.map((p) => p.key)).toEqual(crashed.attempts.map((p) => p.key));
    expect(second.lines.map((l) => l.msg)).toContain(
      "cannot check whether an earlier send of today's talk arrived; re-sending it with the same idempotency key",
    );
  });
});
