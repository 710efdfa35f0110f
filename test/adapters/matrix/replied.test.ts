import { describe, expect, it } from "vitest";
import { repliedTo } from "../../../src/adapters/matrix/replied.ts";

const BOT = "@virt-talks:fake.test";
const message = (sender: string, relatesTo?: unknown) => ({
  type: "m.room.message",
  sender,
  event_id: `$${Math.random()}`,
  content: { msgtype: "m.notice", body: "…", ...(relatesTo ? { "m.relates_to": relatesTo } : {}) },
});
const batch = (rooms: Record<string, unknown[]>) => ({
  next_batch: "s9",
  rooms: {
    join: Object.fromEntries(
      Object.entries(rooms).map(([id, events]) => [id, { timeline: { events } }]),
    ),
  },
});

describe("repliedTo", () => {
  it("names the questions our own replies answer, in every joined room, threads included", () => {
    const ids = repliedTo(
      batch({
        "!a:fake.test": [
          message("@alice:fake.test"),
          message(BOT, { "m.in_reply_to": { event_id: "$q1" } }),
        ],
        "!b:fake.test": [
          message(BOT, {
            rel_type: "m.thread",
            event_id: "$root",
            is_falling_back: false,
            "m.in_reply_to": { event_id: "$q2" },
          }),
        ],
      }),
      BOT,
    );
    expect([...ids]).toEqual(["$q1", "$q2"]);
  });

  it("ignores other people's replies, our messages that reply to nothing, and other event types", () => {
    const ids = repliedTo(
      batch({
        "!a:fake.test": [
          message("@alice:fake.test", { "m.in_reply_to": { event_id: "$q1" } }),
          message(BOT),
          { ...message(BOT, { "m.in_reply_to": { event_id: "$q3" } }), type: "m.reaction" },
          message(BOT, { "m.in_reply_to": { event_id: 42 } }),
        ],
      }),
      BOT,
    );
    expect([...ids]).toEqual([]);
  });

  it("reads malformed batches as holding no replies", () => {
    for (const raw of [
      null,
      7,
      {},
      { rooms: null },
      { rooms: { join: [] } },
      batch({ "!a": [null, 1] }),
    ]) {
      expect([...repliedTo(raw, BOT)]).toEqual([]);
    }
    expect([
      ...repliedTo(batch({ "!a": [message(BOT, { "m.in_reply_to": { event_id: "$q" } })] }), ""),
    ]).toEqual([]);
  });
});
