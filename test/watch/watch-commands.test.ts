// watch / watches / unwatch through the real turn over the real catalog, with Askers
// standing in for the adapters' permission checks: one line for each bad command, the
// note for a watch that matches nothing today, the limits, and the wording per platform.
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import type { Platform } from "../../src/core/platform.ts";
import { createTurn } from "../../src/core/turn.ts";
import { renderConsoleAnswer } from "../../src/render/console/answer.ts";
import { renderMatrixAnswer } from "../../src/render/matrix/answer.ts";
import { renderSlackAnswer } from "../../src/render/slack/answer.ts";
import { acceptedIds } from "../../src/watch/watch-alerts.ts";
import { createWatchCommands } from "../../src/watch/watch-commands.ts";
import { openWatches } from "../../src/watch/watches.ts";
import { memoryStore } from "../support/totd-memory-store.ts";
import { MODERATOR, powerAsker } from "../support/totd-subscriptions.ts";

const library = createLibrary({ catalog: loadCatalog(), timeZone: "UTC" });
const ROOM = "!room:example.org";

async function bot(limits: { perDestination?: number; max?: number } = {}) {
  const watches = await openWatches(memoryStore(), limits);
  const turn = createTurn({
    library,
    unthrottled: ["slack", "matrix", "console"],
    handlers: createWatchCommands({
      watches: async () => watches,
      matchesToday: (query) => Boolean(acceptedIds(library.current(), query, 1)?.length),
    }),
  });
  const say = async (text: string, level = MODERATOR, platform: Platform = "matrix") =>
    (
      await turn.handle({
        platform,
        conversation: platform === "slack" ? "C0CHAN001" : ROOM,
        user: "@ada:example.org",
        text,
        now: Date.parse("2026-11-29T12:00:00Z"),
        asker: powerAsker("Ada", level),
      })
    ).reply;
  return { say, watches };
}

const line = async (reply: Promise<unknown>) => renderConsoleAnswer((await reply) as never);

describe("watch commands", () => {
  it("adds, lists and removes a room's watches, each answered in one line", async () => {
    const { say, watches } = await bot();
    expect(await say("watch vfio")).toEqual({
      kind: "watch-added",
      visibility: "room",
      by: "Ada",
      number: 1,
      query: "vfio",
      matchesNothing: false,
    });
    expect(await line(say("watch topic:numa"))).toBe(
      "Ada added watch 2 to this room: “topic:numa”. When a schedule sync adds or changes talks it matches, I post them here. To stop it: unwatch 2.",
    );
    expect(await say("watches", 0)).toEqual({
      kind: "watch-list",
      visibility: "asker",
      watches: [
        { query: "vfio", by: "Ada" },
        { query: "topic:numa", by: "Ada" },
      ],
    });
    expect(await line(say("unwatch 1"))).toBe("Ada removed watch 1 (“vfio”) from this room.");
    expect(watches.list("matrix", ROOM).map((w) => w.query)).toEqual(["topic:numa"]);
  });

  it("bad commands get one line each", async () => {
    const { say } = await bot({ perDestination: 1 });
    expect(await line(say("watch"))).toBe(
      "Write watch and what to watch for, like watch vfio or watch topic:numa.",
    );
    expect(await line(say("watch year:1850"))).toBe(
      '"1850" is not a year I can search; try year:2012 or year:2010-2011.',
    );
    expect(await line(say("unwatch 99"))).toBe(
      "This room watches nothing, so there is no watch 99 to remove.",
    );
    expect(await line(say("unwatch vfio"))).toBe(
      'Write unwatch and the number "watches" lists, like unwatch 1.',
    );
    // Matches nothing today: allowed, with a note.
    expect(await line(say("watch zzyzxvirt"))).toBe(
      "Ada added watch 1 to this room: “zzyzxvirt”. When a schedule sync adds or changes talks it matches, I post them here. Nothing in the catalog matches it today; new talks will still be checked. To stop it: unwatch 1.",
    );
    expect(await line(say("watch ZZYZXVIRT"))).toBe(
      "This room already watches “ZZYZXVIRT” (watch 1).",
    );
    expect(await line(say("watch vfio"))).toBe(
      "This room already has 1 watches, the most it may have. Remove one first: unwatch N.",
    );
    expect(await line(say("unwatch 99"))).toBe(
      "This room has no watch 99; it has 1. To see them: watches.",
    );
    expect(await line(say("watches please"))).toBe(
      '"watches" takes nothing after it; write just watches.',
    );
  });

  it("all watches: the bot's maximum", async () => {
    const { say } = await bot({ max: 1 });
    await say("watch vfio");
    expect(await line(say("watch numa"))).toBe(
      "This bot already keeps 1 watches, the most it is set up for; ask its operator.",
    );
  });

  it("the same permission rule as subscribe; anyone may list; the console has no rooms", async () => {
    const { say } = await bot();
    expect(await say("watch vfio", MODERATOR - 1)).toEqual({
      kind: "watch-refused",
      visibility: "asker",
      message: "Changing this room's subscription needs power level 50; yours is 49.",
    });
    expect(await line(say("watches", 0))).toBe(
      "This room watches nothing. To start: watch <search>, like watch vfio.",
    );
    expect(await line(say("watches", 0, "console"))).toBe(
      "Watches belong to a Slack channel or a Matrix room: ask there.",
    );
  });

  it("Slack says channel and writes commands as typed; Matrix names !virt", async () => {
    const { say } = await bot();
    const added = (await say("watch vfio", MODERATOR, "slack"))!;
    expect(renderSlackAnswer(added, "command").text).toBe(
      "Ada added watch 1 to this channel: “vfio”. When a schedule sync adds or changes talks it matches, I post them here. To stop it: `/virt unwatch 1`.",
    );
    const list = (await say("watches"))!;
    expect(renderMatrixAnswer(list).body).toBe(
      "This room watches nothing. To start: !virt watch <search>, like !virt watch vfio.",
    );
  });
});
