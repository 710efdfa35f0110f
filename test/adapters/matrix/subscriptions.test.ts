// What the Matrix adapter gives the subscription commands (issue 13): the asker and their
// power in the room, read by the real SDK client from the fake homeserver's room state;
// and what happens to the talk of the day when the bot is kicked and invited back.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { toCard } from "../../../src/core/card.ts";
import type { Asker, MembershipChange } from "../../../src/core/platform.ts";
import { type ConversationTurn, createTurn } from "../../../src/core/turn.ts";
import { createLogger } from "../../../src/log.ts";
import { createFileStore } from "../../../src/persist/file-store.ts";
import { createTalkOfTheDay, type TalkOfTheDay } from "../../../src/totd/talk-of-the-day.ts";
import {
  alice,
  bob,
  Harness,
  realCore,
  realLibrary,
  replyTo,
} from "../../support/matrix-harness.ts";
import { subscriptionCommands } from "../../support/totd-subscriptions.ts";

const carol = "@carol:fake.test";

let h: Harness;
afterEach(async () => {
  h.expectClean();
  await h.close();
});

/** The real turn, keeping the asker each question came with (by user). */
function recordingTurn(): { turn: ConversationTurn; askers: Map<string, Asker> } {
  const real = createTurn({ library: realLibrary() });
  const askers = new Map<string, Asker>();
  return {
    askers,
    turn: {
      handle(input) {
        if (input.asker) askers.set(input.user, input.asker);
        return real.handle(input);
      },
    },
  };
}

const refusal = (level: number, min = 50) => ({
  allowed: false,
  reason: `Sorry, only members with power level ${min} or more in this room can change its talk of the day or watches; yours is ${level}. A room moderator or admin can do it, or raise your level.`,
});

/** Each user asks once in `room`; resolves with what mayManageSubscriptions says for each. */
async function permissions(room: string, users: readonly string[], askers: Map<string, Asker>) {
  for (const u of users) h.hs.message(room, u, "!virt subscription");
  await h.hs.until(() => users.every((u) => askers.has(u)), "every asker");
  return Promise.all(users.map((u) => askers.get(u)!.mayManageSubscriptions()));
}

describe("the asker's power in the room", () => {
  it("below, at and above SUBSCRIBE_MIN_POWER, read from m.room.power_levels", async () => {
    const { turn, askers } = recordingTurn();
    h = await Harness.create({ turn });
    const room = h.hs.createRoom({
      members: [alice, bob, carol],
      powerLevels: { users: { [alice]: 100, [bob]: 50, [carol]: 49 }, users_default: 0 },
    });
    await h.start();
    expect(await permissions(room, [alice, bob, carol], askers)).toEqual([
      { allowed: true },
      { allowed: true },
      refusal(49),
    ]);
    expect(askers.get(bob)!.displayName).toBe(bob);
  });

  it("follows the configured level", async () => {
    const { turn, askers } = recordingTurn();
    h = await Harness.create({ turn, config: { subscribeMinPower: 100 } });
    const room = h.hs.createRoom({
      members: [alice, bob],
      powerLevels: { users: { [alice]: 100, [bob]: 50 } },
    });
    await h.start();
    expect(await permissions(room, [alice, bob], askers)).toEqual([
      { allowed: true },
      refusal(50, 100),
    ]);
  });

  it("room version 12: the creator and additional creators may, whatever the levels say", async () => {
    const { turn, askers } = recordingTurn();
    h = await Harness.create({ turn });
    const room = h.hs.createRoom({
      members: [alice, bob, carol],
      create: { room_version: "12", additional_creators: [bob] },
      powerLevels: { users: {}, users_default: 0 },
    });
    await h.start();
    expect(await permissions(room, [alice, bob, carol], askers)).toEqual([
      { allowed: true },
      { allowed: true },
      refusal(0),
    ]);
  });

  it("no power-levels event: the creator has 100, the others 0", async () => {
    const { turn, askers } = recordingTurn();
    h = await Harness.create({ turn });
    const room = h.hs.createRoom({ members: [alice, bob] });
    await h.start();
    expect(await permissions(room, [alice, bob], askers)).toEqual([{ allowed: true }, refusal(0)]);
  });
});

describe("kicked and invited back", () => {
  it("postCard is refused while the bot is out, the wiring hears leave and join, then posts resume", async () => {
    h = await Harness.create();
    const room = h.hs.createRoom({ members: [alice], alias: "#virt:fake.test" });
    await h.start();
    const changes: MembershipChange[] = [];
    h.adapter.onMembership((c) => changes.push(c));
    const card = toCard(realCore().catalog.talks[0]!, "Talk of the day · 2026-11-22");
    // Posted to by alias (as TOTD_MATRIX_ROOMS may name it): the changes name the alias too.
    await h.adapter.post.postCard("#virt:fake.test", card, "totd:2026-11-22:r");

    h.hs.kick(room, alice);
    await h.hs.until(() => changes.length === 1, "the leave");
    expect(changes).toEqual([
      { destination: room, membership: "leave", aliases: ["#virt:fake.test"] },
    ]);
    const refused = h.adapter.post.postCard(room, card, "totd:2026-11-23:r");
    await expect(refused).rejects.toMatchObject({
      name: "DeliveryError",
      failure: { kind: "refused" },
    });
    expect(h.hs.sendAttempts.filter((a) => a.roomId === room)).toHaveLength(2); // not retried

    h.hs.invite(room, alice);
    await h.hs.until(() => changes.length === 2, "the join");
    expect(changes[1]).toEqual({
      destination: room,
      membership: "join",
      aliases: ["#virt:fake.test"],
    });
    await h.adapter.post.postCard(room, card, "totd:2026-11-23:r");
    expect(h.hs.sentTo(room)).toHaveLength(2);
  });
});

describe("subscribing a room from chat, end to end", () => {
  it("a moderator subscribes, a member is refused, a kick pauses it and an invite resumes it", async () => {
    // The turn with the real subscription commands, as the wiring builds it; the daily
    // post on the same state dir (its own namespaces) and the adapter's post port.
    const stateDir = await mkdtemp(join(tmpdir(), "virt-talks-subs-"));
    const logger = createLogger({ level: "silent", pretty: false });
    let totd: TalkOfTheDay | undefined;
    const handlers = subscriptionCommands(() => totd!, { time: "09:00", timeZone: "UTC" });
    h = await Harness.create({ turn: createTurn({ library: realLibrary(), handlers }) });
    const room = h.hs.createRoom({
      members: [alice, bob],
      powerLevels: { users: { [alice]: 50 }, users_default: 0 },
    });
    await h.start();
    const daily = createTalkOfTheDay({
      totd: { time: "09:00", timeZone: "UTC", slackChannels: [], matrixRooms: [] },
      ports: { matrix: h.adapter.post },
      state: createFileStore({ dir: stateDir, logger }),
      core: realLibrary().current(),
      logger,
    });
    totd = daily;
    h.adapter.onMembership((c) =>
      c.membership === "join"
        ? void daily.resume("matrix", c.destination)
        : void daily.pause("matrix", c.destination, "the bot left the room"),
    );
    await daily.start();
    const said = async (sender: string, text: string) => {
      const asked = h.hs.message(room, sender, text);
      await h.hs.until(() => h.hs.sent.some((s) => replyTo(s) === asked), `the answer to ${text}`);
      return String(h.hs.sent.find((s) => replyTo(s) === asked)!.content.body);
    };
    try {
      expect(await said(bob, "!virt subscribe 23:59 Europe/Berlin")).toBe(
        "Sorry, only members with power level 50 or more in this room can change its talk of the day or watches; yours is 0. A room moderator or admin can do it, or raise your level.",
      );
      expect(await said(alice, "virt-talks: subscribe 23:59 Europe/Berlin")).toMatch(
        new RegExp(
          `^${alice} subscribed this room to the talk of the day at 23:59 \\(Europe/Berlin\\)\\.`,
        ),
      );
      expect(await said(bob, "!virt subscription")).toMatch(
        new RegExp(
          `^This room gets the talk of the day at 23:59 \\(Europe/Berlin\\), set by ${alice}`,
        ),
      );
      expect(daily.statusAll()[`matrix:${room}`]).toMatchObject({
        source: "chat",
        state: "active",
      });

      h.hs.kick(room, alice);
      await h.hs.until(() => daily.statusAll()[`matrix:${room}`]?.state === "paused", "paused");
      h.hs.invite(room, alice);
      await h.hs.until(() => daily.statusAll()[`matrix:${room}`]?.state === "active", "resumed");
    } finally {
      await daily.stop();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
