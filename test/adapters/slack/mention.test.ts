// @virt-talks mentions end to end: signed app_mention event_callbacks into the real Bolt App;
// answers are chat.postMessage thread replies recorded by the fake Web API.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RecordedCall } from "../../../bench/shared/fakes/slack-web-api.ts";
import { loadCatalog } from "../../../src/core/catalog.ts";
import { createLibrary } from "../../../src/core/library.ts";
import type { Block } from "../../../src/render/slack/blocks.ts";
import { dataDirCopiedTo } from "../../support/cc-data-dir.ts";
import {
  allStrings,
  type Harness,
  SECRETS,
  startHarness,
  tempStateDir,
} from "../../support/slack-harness.ts";

let h: Harness;
beforeAll(async () => {
  // start(): auth.test tells the adapter its own user id (UBOT0001 in the fake).
  h = await startHarness({ start: true });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
  h.observed.length = 0;
});

let eventCounter = 0;
const nextEventId = () => `Ev0MENTION${++eventCounter}`;

async function mentionAndWait(
  text: string,
  opts: { threadTs?: string; ts?: string; user?: string } = {},
): Promise<RecordedCall> {
  const res = await h.mention({ eventId: nextEventId(), text, ...opts });
  expect(res.status).toBe(200);
  await h.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.ok));
  await vi.waitFor(() => expect(h.observed.length).toBeGreaterThan(0));
  const posts = h.fake.callsTo("chat.postMessage");
  expect(posts).toHaveLength(1);
  return posts[0]!;
}

const blocksOf = (call: RecordedCall): Block[] => (call.body.blocks ?? []) as Block[];

describe("app_mention", () => {
  it("searches what is asked, not whom it is addressed to: other mentions are left out", async () => {
    const post = await mentionAndWait("<@UBOT0001> any vfio talks? cc <@U0ALICE01> <!here>");
    expect(h.observed[0]).toMatchObject({ command: "results", outcome: "ok" });
    expect(allStrings(blocksOf(post)).join(" ")).toContain("VFIO");
  });

  it("answers in the channel, in a thread under the mention, with at most three cards", async () => {
    const post = await mentionAndWait("<@UBOT0001> numa", { ts: "1700000200.000300" });
    expect(post.body.channel).toBe("C0CHAN001");
    expect(post.body.thread_ts).toBe("1700000200.000300");
    expect(post.authorization).toBe(`Bearer ${SECRETS.botToken}`);
    expect(String(post.body.text)).toContain("numa");
    const cards = blocksOf(post).filter((b) => b.type === "divider").length;
    expect(cards).toBeGreaterThan(0);
    expect(cards).toBeLessThanOrEqual(3);
    // In a channel: link buttons only, no Share / More buttons.
    const buttons = blocksOf(post).flatMap((b) => (b.type === "actions" ? b.elements : []));
    expect(buttons.every((b) => b.url !== undefined && b.value === undefined)).toBe(true);
    expect(h.observed[0]).toMatchObject({ platform: "slack", command: "results", outcome: "ok" });
  });

  it("replies in the existing thread when mentioned inside one", async () => {
    const post = await mentionAndWait("<@UBOT0001> vfio", {
      ts: "1700000300.000500",
      threadTs: "1700000100.000100",
    });
    expect(post.body.thread_ts).toBe("1700000100.000100");
  });

  it("adds a hint to page with a mention or /virt when there are more than three", async () => {
    const post = await mentionAndWait("<@UBOT0001> vfio");
    const last = blocksOf(post).at(-1);
    expect(last).toMatchObject({
      type: "context",
      elements: [
        {
          text: expect.stringMatching(
            /^\d+ more — mention me with `more` for the next page, or use `\/virt vfio` for a \*More results\* button\.$/,
          ),
        },
      ],
    });
  });

  it("pages the search with a mention of `more` in its thread, as the hint says", async () => {
    const first = await mentionAndWait("<@UBOT0001> vfio", { ts: "1700000500.000100" });
    h.fake.reset();
    h.observed.length = 0;
    const next = await mentionAndWait("<@UBOT0001> more", {
      ts: "1700000600.000100",
      threadTs: "1700000500.000100",
    });
    const intro = (call: RecordedCall) => {
      const block = blocksOf(call)[0];
      return block?.type === "section" ? block.text.text : "";
    };
    expect(intro(first)).toMatch(/^Talks for “vfio” · 1–3 of \d+$/);
    expect(intro(next)).toMatch(/^Talks for “vfio” · 4–6 of \d+$/);
    expect(next.body.thread_ts).toBe("1700000500.000100");
  });

  it("a bare mention gets help in the thread", async () => {
    const post = await mentionAndWait("<@UBOT0001>", { ts: "1700000400.000100" });
    expect(post.body.thread_ts).toBe("1700000400.000100");
    // Help true for where it is shown: examples as mentions, and where else to ask.
    const all = allStrings(post.body).join("\n");
    expect(all).toContain("@virt-talks speaker:williamson vfio");
    expect(all).toContain("I answer mentions in a thread, for everyone.");
    expect(h.observed[0]).toMatchObject({ command: "help" });
  });

  it("leaves every mention out of the query, so none is echoed or pings", async () => {
    const post = await mentionAndWait("<@UBOT0001> <@U123> <!channel> kubernetes");
    for (const s of [...allStrings(post.body), post.raw]) {
      expect(s).not.toContain("U123");
      expect(s).not.toMatch(/<!channel/);
    }
    expect(String(post.body.text)).toContain("No talks found for “kubernetes”");
  });

  it("ignores bots and its own messages", async () => {
    await h.mention({ eventId: nextEventId(), text: "<@UBOT0001> numa", botId: "B0OTHER01" });
    await h.mention({ eventId: nextEventId(), text: "<@UBOT0001> numa", user: "UBOT0001" });
    await h.fake.settle(300);
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(0);
  });
});

describe("the cc words of the catalog's DATA_DIR", () => {
  it("go with the mention after them, as the built-in ones do", async () => {
    const own = dataDirCopiedTo("ptal");
    const library = createLibrary({ catalog: loadCatalog(own.dir), timeZone: "UTC" });
    const ptal = await startHarness({ start: true, library });
    try {
      const answerTo = async (text: string) => {
        ptal.fake.reset();
        await ptal.mention({ eventId: nextEventId(), text });
        await ptal.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
        const [post] = ptal.fake.callsTo("chat.postMessage");
        return { text: post!.body.text, strings: allStrings(blocksOf(post!)) };
      };
      const numa = await answerTo("<@UBOT0001> numa");
      expect(String(numa.text).split(":")[0]).toBe("Talks for “numa” (1–3 of 8)");
      expect(await answerTo("<@UBOT0001> numa ptal <@U0ALICE01>")).toEqual(numa);
    } finally {
      await ptal.close();
      own.remove();
    }
  });
});

describe("re-deliveries", () => {
  it("answers an event once: the retry with X-Slack-Retry-Num is acked with 200, not answered", async () => {
    const eventId = nextEventId();
    const first = await h.mention({ eventId, text: "<@UBOT0001> numa" });
    expect(first.status).toBe(200);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    for (const retryNum of [1, 2]) {
      const retry = await h.mention({ eventId, text: "<@UBOT0001> numa", retryNum });
      expect(retry.status).toBe(200);
    }
    await h.fake.settle(300);
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
    expect(h.logText()).toContain("slack event re-delivery ignored");
  });

  it("a retry of an event never seen before is answered", async () => {
    const res = await h.mention({ eventId: nextEventId(), text: "<@UBOT0001> numa", retryNum: 1 });
    expect(res.status).toBe(200);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.ok));
    // Observed after the post: not left to land in the next test's h.observed.
    await vi.waitFor(() => expect(h.observed).toHaveLength(1));
  });
});

describe("re-deliveries across a restart", () => {
  it("an event answered before a restart is not answered again after it", async () => {
    const stateDir = tempStateDir();
    const eventId = nextEventId();
    try {
      const before = await startHarness({ start: true, stateDir, fake: h.fake });
      await before.mention({ eventId, text: "<@UBOT0001> numa" });
      await h.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
      await before.close();

      const after = await startHarness({ start: true, stateDir, fake: h.fake });
      const retry = await after.mention({ eventId, text: "<@UBOT0001> numa", retryNum: 2 });
      expect(retry.status).toBe(200);
      await h.fake.settle(300);
      expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
      expect(after.logText()).toContain("slack event re-delivery ignored");
      await after.close();
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe("Web API failures", () => {
  it("retries a 429 after Retry-After, then posts exactly once", async () => {
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    await h.mention({ eventId: nextEventId(), text: "<@UBOT0001> numa" });
    await h.fake.waitFor(
      (calls) => calls.some((c) => c.method === "chat.postMessage" && c.ok),
      8000,
    );
    await h.fake.settle();
    const attempts = h.fake.callsTo("chat.postMessage", { all: true });
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(h.logText()).toContain("slack api call failed; retrying");
  });

  it("not_in_channel: logged, nothing else to do, and the bot keeps going", async () => {
    h.fake.failNext("chat.postMessage", { error: "not_in_channel" });
    await h.mention({ eventId: nextEventId(), text: "<@UBOT0001> numa" });
    await vi.waitFor(() => expect(h.observed).toHaveLength(1));
    await h.fake.settle();
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
    expect(h.fake.callsTo("chat.postEphemeral", { all: true })).toHaveLength(0);
    expect(h.observed[0]).toMatchObject({ command: "error", outcome: "error" });
    expect(h.logText()).toContain("not_in_channel");
    // Still alive: the next mention is answered.
    h.observed.length = 0;
    await mentionAndWait("<@UBOT0001> vfio");
  });

  it("channel_not_found for the talk is not retried", async () => {
    h.fake.failNext("chat.postMessage", { error: "channel_not_found" });
    await h.mention({ eventId: nextEventId(), text: "<@UBOT0001> numa" });
    await vi.waitFor(() => expect(h.observed).toHaveLength(1));
    await h.fake.settle();
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
  });

  it("a 500 is not repeated (the post may exist); the user gets a short ephemeral note", async () => {
    h.fake.failNext("chat.postMessage", { status: 500 });
    await h.mention({ eventId: nextEventId(), text: "<@UBOT0001> numa", ts: "1700000500.000100" });
    await h.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postEphemeral"));
    await h.fake.settle();
    expect(h.fake.callsTo("chat.postMessage", { all: true })).toHaveLength(1);
    const [note] = h.fake.callsTo("chat.postEphemeral");
    expect(note!.body).toMatchObject({
      channel: "C0CHAN001",
      user: "U0USER001",
      thread_ts: "1700000500.000100",
    });
    expect(String(note!.body.text)).toContain("couldn't post");
  });
});

describe("logs", () => {
  it("never contain the bot token or the signing secret", async () => {
    // A post of its own (the logs hold the file's earlier ones too, in whatever order).
    await mentionAndWait("<@UBOT0001> numa");
    const text = h.logText();
    expect(text).toContain("chat.postMessage");
    expect(text).not.toContain(SECRETS.botToken);
    expect(text).not.toContain(SECRETS.signingSecret);
  });
});
