// Watches through the real Slack adapter: /virt watch confirms for the whole channel, the
// read-only `watches` is for the asker alone, and in a DM the watch is the person's own,
// alerted in the DM through the post port.
import { afterAll, describe, expect, it } from "vitest";
import { answerOf, type Harness, startHarness } from "../../support/slack-harness.ts";

let h: Harness;
afterAll(async () => {
  await h?.close();
});

async function ask(text: string, channel: string) {
  const res = await h.command(text, { channel });
  expect(res.status).toBe(200);
  return answerOf(res).body;
}

describe("watches on Slack", () => {
  it("watch is confirmed in the channel, watches is shown to the asker only, unwatch 99 is one line", async () => {
    h = await startHarness({ start: true, watches: true });
    expect(await ask("watch vfio", "C0WATCH01")).toEqual({
      response_type: "in_channel",
      text: "<@U0USER001> added watch 1 to this channel: “vfio”. When a schedule sync adds or changes talks it matches, I post them here. To stop it: `/virt unwatch 1`.",
    });
    // Read-only status and every refusal: for the asker alone.
    const privately: [string, string][] = [
      [
        "watches",
        "This channel watches: 1. “vfio” (by <@U0USER001>). To stop one: `/virt unwatch N`.",
      ],
      ["unwatch 99", "This channel has no watch 99; it has 1. To see them: `/virt watches`."],
      ["watch", "Write watch and what to watch for, like watch vfio or watch topic:numa."],
    ];
    for (const [command, text] of privately)
      expect(await ask(command, "C0WATCH01")).toEqual({ response_type: "ephemeral", text });

    // In a DM the watch is the person's: listed there only, alerted there.
    expect((await ask("watch numa", "D0DM00001")).text).toContain("added watch 1");
    expect((await ask("watches", "D0DM00001")).text).toContain("1. “numa”");
    await h.adapter.post.postWatchAlert!(
      "D0DM00001",
      { heading: "Update for your watch “numa”", entries: [], more: 0, query: "numa" },
      "watch:test",
    );
    const [post] = h.fake.callsTo("chat.postMessage");
    expect(post!.body).toMatchObject({
      channel: "D0DM00001",
      text: "Update for your watch “numa”: ",
    });
  });
});
