// Watches through the real Matrix adapter and the homeserver fake: the power rule of
// subscribe, replies that name `!virt` commands, and `watches` as a notice in the room
// (Matrix has no message only the asker sees).
import { afterEach, describe, expect, it } from "vitest";
import { createTurn } from "../../../src/core/turn.ts";
import { createFileStore } from "../../../src/persist/file-store.ts";
import { acceptedIds } from "../../../src/watch/watch-alerts.ts";
import { createWatchCommands } from "../../../src/watch/watch-commands.ts";
import { openWatches } from "../../../src/watch/watches.ts";
import { alice, bob, Harness, realLibrary, replyTo } from "../../support/matrix-harness.ts";
import { captureLogger, removeTempDirs, tempDir } from "../../support/totd-helpers.ts";

let h: Harness;
afterEach(async () => {
  h.expectClean();
  await h.close();
  removeTempDirs();
});

describe("watches on Matrix", () => {
  it("moderators watch, anyone lists, replies name !virt commands", async () => {
    const { logger } = captureLogger();
    const watches = openWatches(createFileStore({ dir: tempDir(), logger }));
    const turn = createTurn({
      library: realLibrary(),
      handlers: createWatchCommands({
        watches: () => watches,
        matchesToday: (query) => Boolean(acceptedIds(realLibrary().current(), query, 1)?.length),
      }),
    });
    h = await Harness.create({ turn });
    const room = h.hs.createRoom({
      members: [alice, bob],
      powerLevels: { users: { [alice]: 100 }, users_default: 0 },
    });
    await h.start();
    const said = async (sender: string, text: string) => {
      const asked = h.hs.message(room, sender, text);
      await h.hs.until(() => h.hs.sent.some((s) => replyTo(s) === asked), `the answer to ${text}`);
      return String(h.hs.sent.find((s) => replyTo(s) === asked)!.content.body);
    };
    expect(await said(bob, "!virt watch vfio")).toBe(
      "Sorry, only members with power level 50 or more in this room can change its talk of the day or watches; yours is 0. A room moderator or admin can do it, or raise your level.",
    );
    // A slip in the command word asks, and sets nothing, though "vfio" alone finds talks.
    expect(await said(alice, "!virt wacth vfio")).toBe(
      '"wacth" is not a command I know. Did you mean "watch vfio"?\nSend `!virt help` for what I understand.',
    );
    // Two letters swapped in "watches" (which takes no words) asks about the watch too.
    expect(await said(alice, "!virt wathces vfio")).toBe(
      '"wathces" is not a command I know. Did you mean "watch vfio"?\nSend `!virt help` for what I understand.',
    );
    // A real word one changed letter from "watch" is a search: its talks are listed.
    const witch = await said(alice, "!virt witch vfio");
    expect(witch.split("\n")[0]).toBe("Talks for “witch vfio” — 1–3 of 18");
    expect(await said(alice, "!virt watch vfio")).toBe(
      `${alice} added watch 1 to this room: “vfio”. When a schedule sync adds or changes talks it matches, I post them here. To stop it: !virt unwatch 1.`,
    );
    expect(await said(bob, "!virt watches")).toBe(
      `This room watches: 1. “vfio” (by ${alice}). To stop one: !virt unwatch N.`,
    );
    expect(await said(alice, "!virt unwatch 99")).toBe(
      "This room has no watch 99; it has 1. To see them: !virt watches.",
    );
  });
});
