// The Matrix adapter end to end: the real matrix-bot-sdk client, started by our adapter,
// syncing against the fake homeserver; the real core and catalog.
import { afterEach, describe, expect, it } from "vitest";
import type { Answer } from "../../../src/core/answer.ts";
import { SLOW_DOWN_PREFIX } from "../../../src/core/rate-limit.ts";
import type { Reply } from "../../../src/core/reply.ts";
import { type ConversationTurn, createTurn } from "../../../src/core/turn.ts";
import { renderMatrixAnswer } from "../../../src/render/matrix/answer.ts";
import { renderEncryptedRoomNotice } from "../../../src/render/matrix/notices.ts";
import { createSubscriptionCommands } from "../../../src/totd/subscription-commands.ts";
import {
  alice,
  bob,
  Harness,
  realCore,
  realLibrary,
  replyTo,
} from "../../support/matrix-harness.ts";
import { ALLOWED_TAGS, tagsIn } from "../../support/matrix-html.ts";

let h: Harness;
afterEach(async () => {
  // Whatever the test did: no message pinged anyone, and the token went nowhere it shouldn't.
  const tags = h.hs.sent.flatMap((s) => tagsIn(String(s.content.formatted_body)));
  expect(tags.filter((tag) => !ALLOWED_TAGS.includes(tag))).toEqual([]);
  h.expectClean();
  await h.close();
});

async function setup(options: Parameters<typeof Harness.create>[0] = {}) {
  h = await Harness.create(options);
  const room = h.hs.createRoom({ members: [alice, bob] });
  await h.start();
  return room;
}

/** A core answer as the turn's reply (no paging state involved). */
function asReply(answer: Answer): Reply {
  return answer;
}

/** How the fake homeserver's bot is addressed in help: its display name. */
const ADDRESS = { address: "Virt Talks" };

/** What the bot must send for `query` asked by event `eventId` (no paging state involved). */
function expected(query: string, eventId: string, relation?: Record<string, unknown>) {
  return {
    ...renderMatrixAnswer(asReply(realCore().answer(query)), ADDRESS),
    "m.relates_to": relation ?? { "m.in_reply_to": { event_id: eventId } },
  };
}

describe("triggers", () => {
  it("answers each trigger form with exactly one m.notice reply", async () => {
    const room = await setup();
    const bot = h.hs.botUserId;
    const html = (inner: string) => ({ format: "org.matrix.custom.html", formatted_body: inner });
    const forms: Record<string, unknown>[] = [
      // intentional mention (what Element sends for a pill)
      {
        msgtype: "m.text",
        body: "Virt Talks: numa",
        ...html(`<a href="https://matrix.to/#/${bot}">Virt Talks</a>: numa`),
        "m.mentions": { user_ids: [bot] },
      },
      // legacy pill, no m.mentions
      {
        msgtype: "m.text",
        body: "Virt Talks: numa",
        ...html(`<a href="https://matrix.to/#/${bot}">Virt Talks</a>: numa`),
      },
      { msgtype: "m.text", body: `${bot} numa` },
      { msgtype: "m.text", body: "virt-talks: numa" },
      { msgtype: "m.text", body: "virt-talks, numa" },
      { msgtype: "m.text", body: "Virt Talks: numa" },
      { msgtype: "m.text", body: "!virt numa" },
      { msgtype: "m.text", body: "!virt numa", "m.mentions": {} },
    ];
    // One asker per form: the rate limit is per asker.
    const asked = forms.map((content, i) => h.hs.message(room, `@user${i}:fake.test`, content));
    await h.hs.until(() => h.hs.sent.length === forms.length, "one reply per form");
    await h.synced();
    expect(h.hs.sent).toHaveLength(forms.length);
    for (const [i, eventId] of asked.entries()) {
      const reply = h.hs.sent.find((s) => replyTo(s) === eventId);
      expect(reply?.content, `form ${i}`).toEqual(expected("numa", eventId));
      expect(reply?.type).toBe("m.room.message");
    }
  });

  it("does not answer what is not addressed to it, nor its own, notice or edited messages", async () => {
    const room = await setup();
    const bot = h.hs.botUserId;
    h.hs.message(room, alice, "I like virt-talks: numa");
    h.hs.message(room, alice, "virt-talks numa");
    h.hs.message(room, alice, { msgtype: "m.text", body: `hi ${bot} numa`, "m.mentions": {} });
    h.hs.message(room, alice, {
      msgtype: "m.text",
      body: `${bot} numa`,
      "m.mentions": { user_ids: [bob] },
    });
    h.hs.message(room, alice, "numa");
    h.hs.message(room, bot, "!virt numa"); // our own
    h.hs.message(room, "@otherbot:fake.test", { msgtype: "m.notice", body: "!virt numa" });
    h.hs.message(room, alice, {
      msgtype: "m.text",
      body: "* !virt numa",
      "m.new_content": { msgtype: "m.text", body: "!virt numa" },
      "m.relates_to": { rel_type: "m.replace", event_id: "$original" },
    });
    h.hs.message(room, alice, { msgtype: "m.emote", body: "!virt numa" });
    h.hs.message(room, alice, "!virt numa", { type: "m.sticker" });
    const last = h.hs.message(room, bob, "!virt vfio");
    await h.hs.until(() => h.hs.sent.length >= 1, "the one reply");
    await h.synced();
    expect(h.hs.sent).toHaveLength(1);
    expect(replyTo(h.hs.sent[0])).toBe(last);
  });

  it("answers a bare mention with help, and keeps user text as text", async () => {
    const room = await setup();
    const bare = h.hs.message(room, alice, "virt-talks:");
    const xss = h.hs.message(room, bob, "!virt <img src=x onerror=alert(1)>");
    await h.hs.until(() => h.hs.sent.length === 2, "two replies");
    const help = h.hs.sent.find((s) => replyTo(s) === bare)!;
    expect(help.content).toEqual(expected("", bare));
    expect(String(help.content.body)).toContain("I find Linux virtualization conference talks");
    const escaped = h.hs.sent.find((s) => replyTo(s) === xss)!;
    expect(escaped.content).toEqual(expected("<img src=x onerror=alert(1)>", xss));
    expect(String(escaped.content.formatted_body)).not.toContain("<img");
    expect(String(escaped.content.formatted_body)).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("answers chat with a slip, a complaint and a slipped command in one line, never 'No talks found'", async () => {
    // The bot's subscription commands: a slip of one is asked about only where it would run.
    const handlers = createSubscriptionCommands({
      subscriptions: async () => null,
      defaults: { time: "09:00", timeZone: "UTC" },
    });
    const room = await setup({ turn: createTurn({ library: realLibrary(), handlers }) });
    const said = {
      thanks: h.hs.message(room, alice, "!virt thnak you"),
      complaint: h.hs.message(room, bob, "virt-talks: bad bot"),
      about: h.hs.message(room, "@carol:fake.test", "virt-talks, who r u?"),
      command: h.hs.message(room, "@dave:fake.test", "!virt subscrbe"),
      // A slipped thank-you copied to someone is still thanks (the second look reads the
      // text without the mention); it does not show how often the mention is dropped.
      copied: h.hs.message(room, "@erin:fake.test", "!virt thnak you cc @alice:fake.test"),
    };
    await h.hs.until(() => h.hs.sent.length === 5, "five replies");
    const body = (id: string) => String(h.hs.sent.find((s) => replyTo(s) === id)?.content.body);
    const can =
      "I find Linux virtualization conference talks (KVM, QEMU, Xen) by subject, speaker, event or year." +
      " Try `!virt numa`, `!virt talks by arcangeli` or `!virt topics`.";
    expect(body(said.thanks)).toBe(`You're welcome!\n${can}`);
    expect(body(said.copied)).toBe(`You're welcome!\n${can}`);
    expect(body(said.complaint)).toBe(
      `Sorry that didn't help! Other words or a speaker's name may find it.\n${can}`,
    );
    expect(body(said.about)).toBe(`I'm virt-talks, a bot (no human behind it).\n${can}`);
    expect(body(said.command)).toBe(
      '"subscrbe" is not a command I know. Did you mean "subscribe"?\nSend `!virt help` for what I understand.',
    );
  });
});

describe("replies", () => {
  it("answers a question asked in a thread in that thread, as a real reply to it", async () => {
    const room = await setup();
    const root = h.hs.message(room, alice, "anyone know about device assignment?");
    const asked = h.hs.message(room, bob, {
      msgtype: "m.text",
      body: "!virt vfio",
      "m.relates_to": {
        rel_type: "m.thread",
        event_id: root,
        is_falling_back: true,
        "m.in_reply_to": { event_id: root },
      },
    });
    await h.hs.until(() => h.hs.sent.length === 1, "thread reply");
    expect(h.hs.sent[0]!.content).toEqual(
      expected("vfio", asked, {
        rel_type: "m.thread",
        event_id: root,
        is_falling_back: false,
        "m.in_reply_to": { event_id: asked },
      }),
    );
  });

  it("pages with `more` per room and per asker, to the end", async () => {
    h = await Harness.create();
    const roomA = h.hs.createRoom({ members: [alice, bob] });
    const roomB = h.hs.createRoom({ members: [alice] });
    await h.start();
    const core = realCore();
    // A query with a second and a third page but few enough to stay inside the rate limit;
    // which one depends on the search engine, so it is picked from the engine's answers.
    const total = (q: string) => {
      const a = core.answer(q);
      return a.kind === "results" ? a.total : 0;
    };
    const query = ["vfio", "numa", "migration", "live migration", "xen", "kvm"].find(
      (q) => total(q) > 3 && total(q) <= 9,
    );
    expect(query, "a query with 4–9 results").toBeDefined();
    const q = query!;
    const all = total(q);

    const asked = h.hs.message(roomA, alice, `!virt ${q}`);
    await h.hs.until(() => h.hs.sent.length === 1, "first page");
    expect(h.hs.sent[0]!.content).toEqual(expected(q, asked));
    expect(String(h.hs.sent[0]!.content.body)).toContain(`${all - 3} more — send \`!virt more\``);

    // Bob has not searched; Alice has not searched in room B.
    const bobMore = h.hs.message(roomA, bob, "!virt more");
    const otherRoom = h.hs.message(roomB, alice, "virt-talks: more");
    await h.hs.until(() => h.hs.sent.length === 3, "two 'nothing to page' replies");
    for (const id of [bobMore, otherRoom])
      expect(String(h.hs.sent.find((s) => replyTo(s) === id)?.content.body)).toContain(
        "Nothing to page through yet",
      );

    // Alice pages through her search in room A, then past its end.
    for (let offset = 3; offset < all; offset += 3) {
      const more = h.hs.message(roomA, alice, "!virt more");
      await h.hs.until(() => replyTo(h.hs.sent.at(-1)) === more, `page at ${offset}`);
      expect(h.hs.sent.at(-1)!.content).toEqual({
        ...renderMatrixAnswer(asReply(core.answer(q, { offset })), ADDRESS),
        "m.relates_to": { "m.in_reply_to": { event_id: more } },
      });
    }
    const end = h.hs.message(roomA, alice, "!virt more");
    await h.hs.until(() => replyTo(h.hs.sent.at(-1)) === end, "end of results");
    expect(String(h.hs.sent.at(-1)!.content.body)).toBe(`That was all ${all} talks for “${q}”.`);
  });
});

describe("what it does not answer", () => {
  it("ignores messages sent before it started, however they arrive", async () => {
    h = await Harness.create();
    const room = h.hs.createRoom({ members: [alice] });
    h.hs.message(room, alice, "!virt numa", { ts: Date.now() - 3_600_000 });
    h.hs.message(room, alice, "virt-talks: vfio", { ts: Date.now() - 1 });
    await h.start();
    await h.synced();
    expect(h.hs.sent).toEqual([]);
    const fresh = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.hs.sent.length === 1, "reply to the fresh message");
    expect(replyTo(h.hs.sent[0])).toBe(fresh);
  });

  it("survives malformed and huge events and still answers the next message", async () => {
    const room = await setup();
    const base = { type: "m.room.message", sender: alice, origin_server_ts: Date.now() + 1 };
    h.hs.rawEvent(room, { ...base, event_id: "$nobody", content: { msgtype: "m.text" } });
    h.hs.rawEvent(room, {
      ...base,
      event_id: "$numbody",
      content: { msgtype: "m.text", body: 42 },
    });
    h.hs.rawEvent(room, { ...base, event_id: "$nullcontent", content: null });
    h.hs.rawEvent(room, { ...base, event_id: "$strcontent", content: "!virt numa" });
    h.hs.rawEvent(room, { ...base, content: { msgtype: "m.text", body: "!virt numa" } }); // no event_id
    h.hs.rawEvent(room, {
      ...base,
      event_id: "$nosender",
      sender: undefined,
      content: { msgtype: "m.text", body: "!virt numa" },
    });
    h.hs.rawEvent(room, {
      ...base,
      event_id: "$mentions",
      content: {
        msgtype: "m.text",
        body: `${h.hs.botUserId} numa`,
        "m.mentions": { user_ids: [null, 5] },
        "m.relates_to": "x",
      },
    });
    h.hs.rawEvent(room, {
      ...base,
      event_id: "$hugehtml",
      content: {
        msgtype: "m.text",
        body: "hi",
        format: "org.matrix.custom.html",
        formatted_body: "<a ".repeat(200_000),
      },
    });
    const huge = h.hs.message(room, bob, `!virt ${"numa ".repeat(40_000)}`);
    const last = h.hs.message(room, alice, "!virt vfio");
    await h.hs.until(() => h.hs.sent.length === 2, "answers to the huge and the last message");
    await h.synced();
    expect(h.hs.sent.map(replyTo)).toEqual([huge, last]);
    // The huge query is refused with usage help, not searched.
    expect(String(h.hs.sent[0]!.content.body)).toMatch(/please keep it under 300/);
    expect(h.adapter.health().state).toBe("up");
  });
});

describe("rate limiting, errors, observing", () => {
  it("answers a flood up to the burst, says 'slow down' once, then drops; others are unaffected", async () => {
    const room = await setup();
    const ids = Array.from({ length: 9 }, (_, i) => h.hs.message(room, alice, `!virt numa ${i}`));
    const bobAsks = h.hs.message(room, bob, "!virt vfio");
    await h.hs.until(() => h.hs.sent.length === 8, "6 answers, 1 slow-down, bob's answer");
    await h.synced();
    expect(h.hs.sent).toHaveLength(8);
    // A batch's answers go out concurrently: compare as sets, not in arrival order.
    expect(h.hs.sent.map(replyTo).sort()).toEqual([...ids.slice(0, 7), bobAsks].sort());
    expect(h.hs.sent.find((m) => replyTo(m) === ids[6])!.content).toMatchObject({
      msgtype: "m.notice",
      body: expect.stringMatching(
        new RegExp(`^${SLOW_DOWN_PREFIX}; please try again in \\d+ seconds?\\.$`),
      ),
      "m.mentions": {},
    });
    const outcomes = h.observed.map((o) => o.outcome);
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(7);
    expect(outcomes.filter((o) => o === "rate-limited")).toHaveLength(3);
    expect(h.observed.every((o) => o.platform === "matrix" && o.latencyMs >= 0)).toBe(true);
    const kind = realCore().answer("numa 0").kind;
    expect(h.observed.find((o) => o.outcome === "ok")).toMatchObject({
      platform: "matrix",
      command: kind,
    });
  });

  it("logs a turn that throws and answers the next message", async () => {
    // The real turn never throws; the adapter must survive one that does all the same.
    const real = createTurn({ library: realLibrary() });
    const turn: ConversationTurn = {
      handle: (input) => {
        if (input.text.includes("boom")) throw new Error("turn exploded");
        return real.handle(input);
      },
    };
    const room = await setup({ turn });
    h.hs.message(room, alice, "!virt boom");
    const next = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.observed.length === 2, "the failure and the next answer");
    expect(replyTo(h.hs.sent[0])).toBe(next);
    expect(h.logText()).toContain("turn exploded");
    expect(h.observed.map((o) => o.outcome)).toEqual(["error", "ok"]);
  });

  it("logs once per encrypted room that it cannot read it, and tells the room", async () => {
    h = await Harness.create();
    const room = h.hs.createRoom({ members: [alice] });
    await h.start();
    h.hs.message(
      room,
      alice,
      { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "AAA" },
      { type: "m.room.encrypted" },
    );
    h.hs.message(
      room,
      alice,
      { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "BBB" },
      { type: "m.room.encrypted" },
    );
    await h.synced();
    const warnings = h.logEntries().filter((e) => String(e.msg).includes("end-to-end encrypted"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ roomId: room, level: 40 });
    // ...and says so in the room, once (test/adapters/matrix/encrypted.test.ts has the rest).
    expect(h.hs.sent.map((s) => s.content)).toEqual([renderEncryptedRoomNotice()]);
  });

  it("reports health from starting to up to stopped", async () => {
    h = await Harness.create();
    expect(h.adapter.health().state).toBe("starting");
    await h.start();
    expect(h.adapter.health()).toEqual({ state: "up" });
    await h.adapter.stop();
    expect(h.adapter.health().state).toBe("stopped");
    await h.adapter.stop(); // idempotent
  });
});

describe("bursts", () => {
  it("answers every one of 60 questions asked at once in one room (own replies must not crowd them out of /sync)", async () => {
    const room = await setup();
    const asked = Array.from({ length: 60 }, (_, i) =>
      h.hs.message(room, `@asker${i}:fake.test`, "!virt numa"),
    );
    await h.hs.until(() => h.hs.sent.length >= 60, "60 replies", 15_000);
    // A second burst arrives while the first is being answered.
    const more = Array.from({ length: 40 }, (_, i) =>
      h.hs.message(room, `@later${i}:fake.test`, "!virt vfio"),
    );
    await h.hs.until(() => h.hs.sent.length >= 100, "100 replies", 15_000);
    await h.synced();
    expect(h.hs.sent.map(replyTo).sort()).toEqual([...asked, ...more].sort());
  });
});
