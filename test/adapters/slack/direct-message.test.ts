// Direct messages to the bot (App Home's Messages tab, event message.im) end to end: signed
// event_callbacks into the real Bolt App; answers are chat.postMessage calls in the DM.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Block } from "../../../src/render/slack/blocks.ts";
import { allStrings, type Harness, startHarness } from "../../support/slack-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: true });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
  h.observed.length = 0;
});

let n = 0;
const nextEventId = () => `Ev0DM${++n}`;

async function dm(text: string) {
  const res = await h.message({ eventId: nextEventId(), text });
  expect(res.status).toBe(200);
  await h.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.ok));
  await vi.waitFor(() => expect(h.observed.length).toBeGreaterThan(0));
  const posts = h.fake.callsTo("chat.postMessage");
  expect(posts).toHaveLength(1);
  return posts[0]!;
}

const buttons = (body: Record<string, unknown>) =>
  ((body.blocks ?? []) as Block[]).flatMap((b) => (b.type === "actions" ? b.elements : []));

describe("a direct message to the bot", () => {
  it("is answered in the DM, not in a thread: cards, More results, no Share", async () => {
    const post = await dm("vfio");
    expect(post.body.channel).toBe("D0DM00001");
    expect(post.body.thread_ts).toBeUndefined();
    expect(String(post.body.text)).toContain("vfio");
    const ids = buttons(post.body).map((b) => b.action_id);
    expect(ids.some((id) => id.startsWith("more_results"))).toBe(true);
    expect(ids.some((id) => id.startsWith("share_card"))).toBe(false);
    expect(h.observed[0]).toMatchObject({ platform: "slack", command: "results", outcome: "ok" });
  });

  it("`more` in the DM pages the last search there", async () => {
    await dm("vfio");
    h.fake.reset();
    h.observed.length = 0;
    const next = await dm("more");
    expect(String(next.body.text)).toMatch(/Talks for “vfio” \(4/);
  });

  it("More results under a DM answer replaces it with the next page, still without Share", async () => {
    const first = await dm("vfio");
    const more = buttons(first.body).find((b) => b.action_id.startsWith("more_results"))!;
    await h.click({
      actionId: more.action_id,
      value: more.value!,
      responseId: "dm-more",
      channel: "D0DM00001",
      ephemeral: false,
    });
    await h.fake.waitFor((calls) => calls.some((c) => c.responseId === "dm-more"));
    const [next] = h.fake.callsTo("response", { responseId: "dm-more" });
    expect(next!.body.replace_original).toBe(true);
    expect(String(next!.body.text)).toMatch(/Talks for “vfio” \(4/);
    expect(buttons(next!.body).some((b) => b.action_id.startsWith("share_card"))).toBe(false);
    await vi.waitFor(() => expect(h.observed.at(-1)).toMatchObject({ command: "more" }));
  });

  it("help in a DM says how to ask there and elsewhere", async () => {
    const post = await dm("help");
    const all = allStrings(post.body).join("\n");
    expect(all).toContain("`speaker:williamson vfio`");
    expect(all).not.toContain("/virt speaker:williamson vfio");
    expect(all).toContain("Just type a query here, e.g. `numa`.");
  });

  it("ignores its own messages, other bots, edits and other subtypes, and channel messages", async () => {
    await h.message({ eventId: nextEventId(), text: "numa", userId: "UBOT0001" });
    await h.message({ eventId: nextEventId(), text: "numa", botId: "B0OTHER01" });
    await h.message({ eventId: nextEventId(), text: "numa", subtype: "message_changed" });
    await h.message({ eventId: nextEventId(), text: "numa", subtype: "bot_message" });
    await h.message({
      eventId: nextEventId(),
      text: "numa",
      channelId: "C0CHAN001",
      channelType: "channel",
    });
    await h.fake.settle(300);
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(0);
    expect(h.observed).toHaveLength(0);
  });

  it("a re-delivered DM is answered once", async () => {
    const eventId = nextEventId();
    await h.message({ eventId, text: "numa" });
    await h.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    await h.message({ eventId, text: "numa" });
    await h.fake.settle(300);
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
  });
});
