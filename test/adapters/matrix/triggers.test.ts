// The pure parts of the Matrix adapter: which events are questions, what the question is,
// how the answer relates to it, which invites are accepted, transaction ids.
import { describe, expect, it } from "vitest";
import {
  classifyEvent,
  MAX_BODY_CHARS,
  parseMessageContent,
} from "../../../src/adapters/matrix/events.ts";
import { decideInvite } from "../../../src/adapters/matrix/invites.ts";
import { replyRelation } from "../../../src/adapters/matrix/relations.ts";
import { txnIdFor } from "../../../src/adapters/matrix/sender.ts";
import {
  findTrigger,
  type MatrixIdentity,
  pillTexts,
  serverOf,
  stripReplyFallback,
} from "../../../src/adapters/matrix/triggers.ts";

const bot: MatrixIdentity = { userId: "@virt-talks:example.org", displayName: "Virt Talks" };
const pill = (text: string, href = "https://matrix.to/#/@virt-talks:example.org") =>
  `<a href="${href}">${text}</a>`;

function trigger(content: Record<string, unknown>, me: MatrixIdentity = bot) {
  return findTrigger(parseMessageContent({ msgtype: "m.text", ...content }), me);
}

describe("findTrigger", () => {
  it.each([
    ["!virt numa", "command", "numa"],
    ["  !VIRT   vfio migration ", "command", "vfio migration"],
    ["!virt", "command", ""],
    ["virt-talks: numa", "name", "numa"],
    ["virt-talks, numa", "name", "numa"],
    ["Virt-Talks : numa", "name", "numa"],
    ["@virt-talks: numa", "name", "numa"],
    ["Virt Talks: speaker:arcangeli", "name", "speaker:arcangeli"],
    ["virt talks, today", "name", "today"],
    ["virt-talks:", "name", ""],
    ["virt-talks: !virt numa", "name", "numa"],
    ["@virt-talks:example.org numa", "user-id", "numa"],
    ["@virt-talks:example.org: numa", "user-id", "numa"],
    ["hey @virt-talks:example.org what about vfio", "user-id", "what about vfio"],
  ])("%j → %s %j", (body, kind, query) => {
    expect(trigger({ body })).toEqual({ kind, query });
  });

  it.each([
    "I like virt-talks: numa", // the name mid-sentence
    "virt-talks numa", // no ":" or ","
    "!virtual numa",
    "ask @virt-talks:example.org.uk numa", // another server
    "ask @virt-talks:example.org:8448 numa", // another server (port)
    "@virt-talks:other.org: numa", // someone else's bot with our localpart
    "virt-talks-dev: numa",
    "numa",
  ])("%j is not for us", (body) => {
    expect(trigger({ body })).toBeNull();
  });

  it("takes m.mentions as authoritative", () => {
    expect(
      trigger({
        body: "Ask Virt Talks about numa",
        "m.mentions": { user_ids: ["@virt-talks:example.org"] },
      }),
    ).toEqual({ kind: "mention", query: "about numa" });
    // Present without us: a user id or pill in the text is not a mention...
    expect(trigger({ body: "say hi to @virt-talks:example.org", "m.mentions": {} })).toBeNull();
    // ...but addressing the bot by name at the start is (Element sends "m.mentions": {} always).
    expect(trigger({ body: "virt-talks: numa", "m.mentions": {} })).toEqual({
      kind: "name",
      query: "numa",
    });
    expect(
      trigger({
        body: "@virt-talks:example.org numa",
        "m.mentions": { user_ids: ["@bob:example.org"] },
      }),
    ).toBeNull();
    // ...but the command prefix still works.
    expect(trigger({ body: "!virt numa", "m.mentions": {} })).toEqual({
      kind: "command",
      query: "numa",
    });
    // A reply to one of our answers mentions us without naming us: the body is the query.
    expect(
      trigger({ body: "more", "m.mentions": { user_ids: ["@virt-talks:example.org"] } }),
    ).toEqual({
      kind: "mention",
      query: "more",
    });
    // Malformed user_ids: present, so authoritative, and not us.
    expect(
      trigger({ body: "@virt-talks:example.org numa", "m.mentions": { user_ids: "x" } }),
    ).toBeNull();
  });

  it("finds pills (matrix.to and matrix: URIs, encoded or not) in formatted_body", () => {
    const base = { format: "org.matrix.custom.html" };
    expect(
      trigger({ ...base, body: "Virt Talks: vfio", formatted_body: `${pill("Virt Talks")}: vfio` }),
    ).toEqual({ kind: "pill", query: "vfio" });
    expect(
      trigger({
        ...base,
        body: "hi Virt Talks numa",
        formatted_body: `hi ${pill("Virt Talks", "https://matrix.to/#/%40virt-talks%3Aexample.org?via=x")} numa`,
      }),
    ).toEqual({ kind: "pill", query: "numa" });
    expect(
      trigger({
        ...base,
        body: "vt: numa",
        formatted_body: `${pill("vt", "matrix:u/virt-talks:example.org?action=chat")}: numa`,
      }),
    ).toEqual({ kind: "pill", query: "numa" });
    // A pill to someone else is not for us.
    expect(
      trigger({
        ...base,
        body: "bob: numa",
        formatted_body: `${pill("bob", "https://matrix.to/#/@bob:example.org")}: numa`,
      }),
    ).toBeNull();
  });

  it("ignores the quoted fallback of a reply", () => {
    const quoted = {
      body: "> <@alice:example.org> virt-talks: numa\n> second line\n\nthanks alice",
      format: "org.matrix.custom.html",
      formatted_body: `<mx-reply><blockquote>${pill("Virt Talks")}: numa</blockquote></mx-reply>thanks alice`,
      "m.relates_to": { "m.in_reply_to": { event_id: "$q" } },
    };
    expect(trigger(quoted)).toBeNull();
    expect(stripReplyFallback(quoted.body)).toBe("thanks alice");
    expect(stripReplyFallback("> not a fallback")).toBe("> not a fallback");
  });

  it("answers to the localpart when the profile has no display name", () => {
    expect(trigger({ body: "virt-talks: numa" }, { ...bot, displayName: null })).toEqual({
      kind: "name",
      query: "numa",
    });
  });

  // Its speed is not timed here (no wall-clock assertions in the suite): a scanner that
  // backtracked on these bodies would not finish within the test timeout.
  it("finds nothing in hostile formatted bodies", () => {
    const html = "<a ".repeat(5_000) + "<a href='x'>".repeat(1_000);
    expect(pillTexts(html, bot.userId)).toEqual([]);
    expect(
      trigger({
        body: "x".repeat(100_000),
        format: "org.matrix.custom.html",
        formatted_body: html,
      }),
    ).toBeNull();
  });
});

describe("classifyEvent", () => {
  const ctx = { botUserId: bot.userId, notBeforeMs: 1_000 };
  const message = (over: Record<string, unknown> = {}, content: Record<string, unknown> = {}) => ({
    type: "m.room.message",
    event_id: "$e",
    sender: "@alice:example.org",
    origin_server_ts: 2_000,
    ...over,
    content: { msgtype: "m.text", body: "!virt numa", ...content },
  });
  const reason = (raw: unknown) => {
    const c = classifyEvent(raw, ctx);
    return c.kind === "ignore" ? c.reason : "message";
  };

  it("accepts a text message sent after the start", () => {
    expect(reason(message())).toBe("message");
  });
  it.each([
    ["own", message({ sender: bot.userId })],
    ["notice", message({}, { msgtype: "m.notice" })],
    ["edit", message({}, { "m.relates_to": { rel_type: "m.replace", event_id: "$x" } })],
    ["no-body", message({}, { body: undefined })],
    ["no-body", message({}, { body: 42 })],
    ["not-text", message({}, { msgtype: "m.emote" })],
    ["not-text", message({}, { msgtype: "m.image" })],
    ["before-start", message({ origin_server_ts: 999 })],
    ["not-a-message", message({ type: "m.room.redaction" })],
    ["not-a-message", { ...message(), content: "nope" }],
    ["not-a-message", { ...message(), event_id: 7 }],
    ["not-a-message", null],
    ["not-a-message", "string"],
  ])("ignores %s", (why, raw) => {
    expect(reason(raw)).toBe(why);
  });

  it("caps the body it looks at", () => {
    const c = classifyEvent(message({}, { body: `!virt ${"a".repeat(1_000_000)}` }), ctx);
    expect(c.kind === "message" && c.content.body?.length).toBe(MAX_BODY_CHARS);
  });
});

describe("replyRelation", () => {
  it("replies without a fallback outside threads", () => {
    expect(replyRelation("$q", null)).toEqual({ "m.in_reply_to": { event_id: "$q" } });
    expect(replyRelation("$q", { relType: null, eventId: null, inReplyTo: "$other" })).toEqual({
      "m.in_reply_to": { event_id: "$q" },
    });
  });
  it("answers in the asker's thread as a real reply to the question (not a fallback)", () => {
    expect(
      replyRelation("$q", { relType: "m.thread", eventId: "$root", inReplyTo: "$prev" }),
    ).toEqual({
      rel_type: "m.thread",
      event_id: "$root",
      is_falling_back: false,
      "m.in_reply_to": { event_id: "$q" },
    });
  });
});

describe("decideInvite", () => {
  const policy = (servers: string[], rooms: string[] = []) => ({
    allowedServers: servers,
    allowedRoomIds: new Set(rooms),
    roomsConfigured: rooms.length > 0,
  });
  it("accepts any invite without allow-lists", () => {
    expect(decideInvite("!r:evil.org", "@mallory:evil.org", policy([])).accept).toBe(true);
  });
  it("matches the inviter's server, not the room's", () => {
    expect(decideInvite("!r:evil.org", "@alice:Example.org", policy(["example.org"])).accept).toBe(
      true,
    );
    expect(
      decideInvite("!r:example.org", "@mallory:evil.org", policy(["example.org"])).accept,
    ).toBe(false);
    expect(decideInvite("!r:x", "@a:example.org:8448", policy(["example.org"])).accept).toBe(false);
  });
  it("accepts allowed rooms from anyone; lists are alternatives", () => {
    expect(
      decideInvite("!ok:x", "@mallory:evil.org", policy(["example.org"], ["!ok:x"])).accept,
    ).toBe(true);
    const no = decideInvite("!no:x", "@mallory:evil.org", policy([], ["!ok:x"]));
    expect(no.accept).toBe(false);
    expect(no.reason).toContain("evil.org");
  });
  it("reads server names", () => {
    expect(serverOf("@a:example.org:8448")).toBe("example.org:8448");
    expect(serverOf("!abcdef")).toBeNull();
  });
});

describe("transaction ids", () => {
  it("are stable, distinct per room/event/kind, and URL-safe", () => {
    const a = txnIdFor("reply", "!r:x", "$e1");
    expect(a).toBe(txnIdFor("reply", "!r:x", "$e1"));
    expect(a).not.toBe(txnIdFor("reply", "!r:x", "$e2"));
    expect(a).not.toBe(txnIdFor("card", "!r:x", "$e1"));
    expect(a).toMatch(/^reply-[A-Za-z0-9_-]{32}$/);
  });
});
