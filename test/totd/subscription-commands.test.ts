// subscribe / unsubscribe / subscription through the real turn, with Askers standing in
// for the adapters' permission checks (below, at and above the required level). Their
// parsing is the grammar's (test/core/grammar.test.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import { createTurn } from "../../src/core/turn.ts";
import { createSubscriptionCommands } from "../../src/totd/subscription-commands.ts";
import { removeTempDirs, tempDir } from "../support/totd-helpers.ts";
import { MODERATOR, powerAsker, subscriptionBot } from "../support/totd-subscriptions.ts";

const catalog = loadCatalog();

afterEach(() => {
  vi.useRealTimers();
  removeTempDirs();
});

describe("subscription commands through the turn", () => {
  const ROOM = "!room:example.org";
  const at = (iso: string) => vi.useFakeTimers({ now: new Date(iso), toFake: ["Date"] });

  it("below the required level: refused politely, naming the level; at and above: subscribed", async () => {
    at("2026-05-04T05:00:00Z"); // 07:00 in Berlin
    const bot = await subscriptionBot({ dir: tempDir() });
    const below = await bot.say(
      "matrix",
      ROOM,
      "subscribe 09:00",
      powerAsker("Bob", MODERATOR - 1),
    );
    expect(below).toEqual({
      kind: "subscription-refused",
      visibility: "asker",
      reason: "permission",
      message: "Changing this room's subscription needs power level 50; yours is 49.",
    });
    expect(bot.totd.statusAll()).toEqual({});

    const atLevel = await bot.say("matrix", ROOM, "subscribe 09:00", powerAsker("Mod", MODERATOR));
    expect(atLevel).toEqual({
      kind: "subscribed",
      visibility: "room",
      by: "Mod",
      time: "09:00",
      timeZone: "Europe/Berlin",
      today: "later-today",
    });
    const above = await bot.say("matrix", ROOM, "subscribe 10:15 UTC", powerAsker("Admin", 100));
    expect(above).toEqual({
      kind: "subscribed",
      visibility: "room",
      by: "Admin",
      time: "10:15",
      timeZone: "UTC",
      today: "later-today",
      previous: { time: "09:00", timeZone: "Europe/Berlin" },
    });
    // Anyone may ask what the room gets.
    expect(await bot.say("matrix", ROOM, "subscription", powerAsker("Bob", 0))).toEqual({
      kind: "subscription-status",
      visibility: "asker",
      subscription: {
        source: "chat",
        time: "10:15",
        timeZone: "UTC",
        setBy: "Admin",
        setOn: "2026-05-04",
        lastPosted: null,
        state: "active",
      },
    });
    // ... but not stop it.
    expect(await bot.say("matrix", ROOM, "unsubscribe", powerAsker("Bob", 0))).toMatchObject({
      kind: "subscription-refused",
      reason: "permission",
    });
    expect(await bot.say("matrix", ROOM, "unsubscribe", powerAsker("Mod", 50))).toEqual({
      kind: "unsubscribed",
      visibility: "room",
      by: "Mod",
    });
    vi.setSystemTime(new Date("2026-05-04T05:02:00Z")); // past the room's burst of changes
    expect(await bot.say("matrix", ROOM, "unsubscribe", powerAsker("Mod", 50))).toEqual({
      kind: "subscription-refused",
      visibility: "asker",
      reason: "not-subscribed",
      message: "This room is not subscribed to the talk of the day.",
    });
    expect(await bot.say("matrix", ROOM, "subscription")).toEqual({
      kind: "subscription-status",
      visibility: "asker",
      subscription: null,
    });
    await bot.totd.stop();
  });

  it("`subscribe` alone uses TOTD_TIME and TOTD_TIMEZONE; bad input changes nothing", async () => {
    at("2026-05-04T05:00:00Z");
    const bot = await subscriptionBot({ dir: tempDir(), time: "08:30", timeZone: "Asia/Tokyo" });
    const mod = powerAsker("Mod", 100);
    expect(await bot.say("slack", "C1", "subscribe 930", mod)).toMatchObject({
      kind: "subscription-usage",
      visibility: "asker",
    });
    expect(bot.totd.statusAll()).toEqual({});
    expect(await bot.say("slack", "C1", "subscribe", mod)).toMatchObject({
      kind: "subscribed",
      time: "08:30",
      timeZone: "Asia/Tokyo",
    });
    await bot.totd.stop();
  });

  it("operator destinations show as set by the operator and cannot be changed or removed from chat", async () => {
    at("2026-05-04T05:00:00Z");
    const bot = await subscriptionBot({ dir: tempDir(), slackChannels: ["C-OPS"] });
    const admin = powerAsker("Admin", 100);
    const refusal = {
      kind: "subscription-refused",
      visibility: "asker",
      reason: "operator",
      message:
        "This channel gets the talk of the day from the operator's settings (09:00, Europe/Berlin); it cannot be changed or removed from chat.",
    };
    expect(await bot.say("slack", "C-OPS", "unsubscribe", admin)).toEqual(refusal);
    expect(await bot.say("slack", "C-OPS", "subscribe 18:00", admin)).toEqual(refusal);
    expect(await bot.say("slack", "C-OPS", "subscription")).toEqual({
      kind: "subscription-status",
      visibility: "asker",
      subscription: {
        source: "operator",
        time: "09:00",
        timeZone: "Europe/Berlin",
        lastPosted: null,
        state: "active",
      },
    });
    expect(bot.totd.statusAll()["slack:C-OPS"]).toMatchObject({
      source: "operator",
      time: "09:00",
    });
    await bot.totd.stop();
  });

  it("SUBSCRIPTIONS_MAX counts every destination; changing an existing one is always allowed", async () => {
    at("2026-05-04T05:00:00Z");
    const bot = await subscriptionBot({ dir: tempDir(), slackChannels: ["C-OPS"], max: 2 });
    const admin = powerAsker("Admin", 100);
    expect(await bot.say("slack", "C-A", "subscribe", admin)).toMatchObject({ kind: "subscribed" });
    expect(await bot.say("matrix", ROOM, "subscribe", admin)).toEqual({
      kind: "subscription-refused",
      visibility: "asker",
      reason: "limit",
      message:
        "The talk of the day already goes to 2 rooms and channels, the most this bot is set up for; ask its operator.",
    });
    expect(await bot.say("slack", "C-A", "subscribe 10:00", admin)).toMatchObject({
      kind: "subscribed",
    });
    await bot.totd.stop();
  });

  it("subscribe commands are rate-limited per room, not per bot", async () => {
    at("2026-05-04T05:00:00Z");
    const bot = await subscriptionBot({ dir: tempDir() });
    const admin = powerAsker("Admin", 100);
    const kinds: string[] = [];
    for (const time of ["10:00", "10:01", "10:02", "10:03"])
      kinds.push((await bot.say("slack", "C-A", `subscribe ${time}`, admin))!.kind);
    expect(kinds).toEqual(["subscribed", "subscribed", "subscribed", "subscription-refused"]);
    expect(await bot.say("slack", "C-A", "subscribe 11:00", admin)).toMatchObject({
      message: "Too many subscription changes in this channel just now; try again in a minute.",
    });
    expect(await bot.say("slack", "C-B", "subscribe", admin)).toMatchObject({ kind: "subscribed" });
    // Asking what the room gets is not a change: never limited.
    expect(await bot.say("slack", "C-A", "subscription")).toMatchObject({
      kind: "subscription-status",
    });
    // Stopping is never refused, however many changes came before.
    expect(await bot.say("slack", "C-A", "unsubscribe", admin)).toMatchObject({
      kind: "unsubscribed",
    });
    await bot.totd.stop();
  });

  it("a store that cannot write: the asker hears nothing changed, the log says why", async () => {
    at("2026-05-04T05:00:00Z");
    const bot = await subscriptionBot({ dir: tempDir() });
    bot.state.failWrites = true;
    expect(await bot.say("slack", "C-A", "subscribe", powerAsker("Admin", 100))).toEqual({
      kind: "subscription-refused",
      visibility: "asker",
      reason: "unavailable",
      message: "I could not save that just now; nothing changed. Please try again later.",
    });
    expect(bot.lines.filter((l) => l.msg === "subscription command failed")).toHaveLength(1);
    expect(await bot.say("slack", "C-A", "subscription")).toMatchObject({ subscription: null });
    expect(bot.totd.statusAll()).toEqual({});
    await bot.totd.stop();
  });

  it("without an asker (the console, the CLI) subscriptions are not available", async () => {
    at("2026-05-04T05:00:00Z");
    const bot = await subscriptionBot({ dir: tempDir() });
    const unavailable = {
      kind: "subscription-refused",
      visibility: "asker",
      reason: "unavailable",
      message:
        "The talk of the day can be subscribed to from a Slack channel or a Matrix room, by someone in it.",
    };
    expect(await bot.say("slack", "C-A", "subscribe")).toEqual(unavailable);
    expect(await bot.say("slack", "C-A", "unsubscribe")).toEqual(unavailable);
    expect(await bot.say("console", "session", "subscribe", powerAsker("Op", 100))).toEqual(
      unavailable,
    );
    await bot.totd.stop();
  });

  it("where there is no talk of the day (console mode) the commands are refused, not searched", async () => {
    const handlers = createSubscriptionCommands({
      subscriptions: async () => null,
      defaults: { time: "09:00", timeZone: "UTC" },
    });
    const turn = createTurn({ library: createLibrary({ catalog, timeZone: "UTC" }), handlers });
    const input = { platform: "console", conversation: "console", user: "operator" } as const;
    const say = async (text: string) => (await turn.handle({ ...input, text })).reply;
    expect(await say("subscription")).toMatchObject({
      kind: "subscription-refused",
      reason: "unavailable",
    });
    expect(await say("subscribe 25:00")).toMatchObject({
      kind: "subscription-usage",
    });
    // Not a subscription command: the search answers it.
    expect((await say("numa"))?.kind).toBe("results");
  });
});
