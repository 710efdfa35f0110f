// /virt end to end: signed slash-command and block_actions requests into the real Bolt App
// (createSlackAdapter, mounted on a node:http server, never app.start()-ed). A command's
// answer comes back in its ack body; button clicks are answered at the response_urls the
// fake Slack serves.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RecordedCall } from "../../../bench/shared/fakes/slack-web-api.ts";
import type { Block, ButtonElement } from "../../../src/render/slack/blocks.ts";
import {
  type AckedAnswer,
  allStrings,
  answerOf,
  type Harness,
  nextResponseId,
  startHarness,
} from "../../support/slack-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
  h.observed.length = 0;
});

/** Sends /virt TEXT and returns the answer in its ack body; nothing goes to response_url. */
async function ask(text: string, user = "U0USER001"): Promise<AckedAnswer> {
  const responseId = nextResponseId();
  const seen = h.observed.length;
  const res = await h.command(text, { responseId, user });
  expect(res.status).toBe(200);
  const answer = answerOf(res);
  await vi.waitFor(() => expect(h.observed.length).toBeGreaterThan(seen));
  expect(h.fake.callsTo("response", { responseId, all: true })).toHaveLength(0);
  return answer;
}

async function clickAndWait(actionId: string, value: string, count = 1): Promise<RecordedCall[]> {
  const responseId = nextResponseId();
  const res = await h.click({ actionId, value, responseId });
  expect(res.status).toBe(200);
  await h.fake.waitFor((calls) => calls.filter((c) => c.responseId === responseId).length >= count);
  await h.fake.settle();
  await vi.waitFor(() => expect(h.observed.length).toBeGreaterThan(0));
  return h.fake.callsTo("response", { responseId, all: true });
}

type Message = Pick<RecordedCall, "body">;
const blocksOf = (call: Message): Block[] => (call.body.blocks ?? []) as Block[];
const buttonsOf = (call: Message): ButtonElement[] =>
  blocksOf(call).flatMap((b) => (b.type === "actions" ? b.elements : []));
const cardCount = (call: Message): number =>
  blocksOf(call).filter((b) => b.type === "divider").length;
const moreButton = (call: Message) =>
  buttonsOf(call).find((b) => b.action_id.startsWith("more_results"));
const shareButtons = (call: Message) =>
  buttonsOf(call).filter((b) => b.action_id.startsWith("share_card"));
const sectionTexts = (call: Message): string[] =>
  blocksOf(call).flatMap((b) => (b.type === "section" ? [b.text.text] : []));
const contextTexts = (call: Message): string[] =>
  blocksOf(call).flatMap((b) => (b.type === "context" ? b.elements.map((e) => e.text) : []));

describe("/virt searches", () => {
  it("answers `numa` ephemerally in the ack: at most three cards, each with Share, and text fallback", async () => {
    const reply = await ask("numa");
    expect(reply.body.response_type).toBe("ephemeral");
    expect(typeof reply.body.text).toBe("string");
    expect(String(reply.body.text)).toContain("numa");
    const cards = cardCount(reply);
    expect(cards).toBeGreaterThan(0);
    expect(cards).toBeLessThanOrEqual(3);
    expect(shareButtons(reply)).toHaveLength(cards);
    expect(h.observed).toContainEqual(
      expect.objectContaining({
        platform: "slack",
        command: "results",
        outcome: "ok",
      }),
    );
  });

  it("pages with More results, replacing the ephemeral message via the click's response_url", async () => {
    const first = await ask("vfio");
    const more = moreButton(first);
    expect(more).toBeDefined();
    expect(JSON.parse(more!.value!)).toEqual({ q: "vfio", o: 3 });
    const [second] = await clickAndWait(more!.action_id, more!.value!);
    expect(second!.body.replace_original).toBe(true);
    expect(second!.body.response_type).toBeUndefined();
    expect(sectionTexts(second!)[0]).toMatch(/· 4(–\d+)? of \d+/);
    // A different page: no card of page one repeats on page two.
    const ids = (call: Message) => shareButtons(call).map((b) => JSON.parse(b.value!).id as string);
    for (const id of ids(second!)) expect(ids(first)).not.toContain(id);
  });

  it("shares a card in the channel, credited to the user, and keeps the rest of the list", async () => {
    const first = await ask("vfio");
    const [one, two] = shareButtons(first);
    const calls = await clickAndWait(two!.action_id, two!.value!, 2);
    expect(calls).toHaveLength(2);
    const [posted, redrawn] = calls;
    expect(posted!.body.response_type).toBe("in_channel");
    expect(posted!.body.replace_original).toBe(false);
    expect(String(posted!.body.text)).toContain("shared by <@U0USER001>");
    expect(buttonsOf(posted!).every((b) => b.url !== undefined)).toBe(true);
    // The asker's list stays: same cards, the shared one marked, the others and More kept.
    expect(redrawn!.body.replace_original).toBe(true);
    expect(cardCount(redrawn!)).toBe(cardCount(first));
    expect(sectionTexts(redrawn!)).toEqual(sectionTexts(first));
    expect(contextTexts(redrawn!)).toContain(":white_check_mark: Shared in channel");
    const left = shareButtons(redrawn!).map((b) => JSON.parse(b.value!).id);
    expect(left).toHaveLength(cardCount(first) - 1);
    expect(left).not.toContain(JSON.parse(two!.value!).id);
    expect(moreButton(redrawn!)?.value).toBe(moreButton(first)?.value);
    expect(h.observed).toContainEqual(expect.objectContaining({ command: "share", outcome: "ok" }));

    // Sharing another card of the redrawn list keeps both marked.
    h.observed.length = 0;
    const next = shareButtons(redrawn!).find(
      (b) => JSON.parse(b.value!).id === JSON.parse(one!.value!).id,
    )!;
    const [, again] = await clickAndWait(next.action_id, next.value!, 2);
    expect(contextTexts(again!).filter((t) => t.includes("Shared in channel"))).toHaveLength(2);
  });

  it("handles filters: speaker:williamson and year:2012 vfio", async () => {
    for (const query of ["speaker:williamson", "year:2012 vfio"]) {
      const reply = await ask(query);
      expect(reply.body.response_type).toBe("ephemeral");
      expect(["results", "no-results"]).toContain(h.observed.at(-1)?.command);
    }
  });

  it("says so when nothing matches, with suggested topics", async () => {
    const reply = await ask("kubernetes");
    expect(reply.body.response_type).toBe("ephemeral");
    expect(String(reply.body.text)).toContain("No talks found for “kubernetes”");
    expect(allStrings(reply.body).join("\n")).toMatch(/Try a topic: `\/virt [\w-]+`/);
  });
});

describe("/virt other answers", () => {
  it("bare /virt and /virt help show the grammar with the three examples", async () => {
    for (const text of ["", "help"]) {
      const reply = await ask(text);
      expect(reply.body.response_type).toBe("ephemeral");
      const all = allStrings(reply.body).join("\n");
      for (const example of [
        "/virt numa",
        "/virt speaker:williamson vfio",
        "/virt year:2012 live migration",
      ])
        expect(all).toContain(example);
      expect(h.observed.at(-1)).toMatchObject({ command: "help", outcome: "ok" });
    }
  });

  it("usage problems come back with the core's message", async () => {
    const unknown = await ask("foo:bar");
    expect(String(unknown.body.text)).toContain('I don\'t know the filter "foo:"');
    const long = await ask("x".repeat(400));
    expect(String(long.body.text)).toContain("please keep it under");
    expect(long.body.response_type).toBe("ephemeral");
  });

  it("today and random answer with one card and its heading", async () => {
    const today = await ask("today");
    expect(blocksOf(today)[0]).toMatchObject({
      type: "header",
      text: {
        type: "plain_text",
        text: expect.stringMatching(/^Talk of the day · \d{4}-\d{2}-\d{2}$/),
      },
    });
    expect(shareButtons(today)).toHaveLength(1);
    const random = await ask("random");
    expect(blocksOf(random)[0]).toMatchObject({ type: "header", text: { text: "Random talk" } });
  });

  it("a shared random talk is the card that was shown, marked shared in the asker's view", async () => {
    const random = await ask("random");
    const share = shareButtons(random)[0]!;
    const [posted, redrawn] = await clickAndWait(share.action_id, share.value!, 2);
    expect(sectionTexts(posted!)).toEqual(sectionTexts(random));
    expect(shareButtons(redrawn!)).toHaveLength(0);
    expect(contextTexts(redrawn!)).toContain(":white_check_mark: Shared in channel");
  });

  it("a shared talk of the day keeps its heading", async () => {
    const today = await ask("today");
    const share = shareButtons(today)[0]!;
    const [posted] = await clickAndWait(share.action_id, share.value!, 2);
    expect(blocksOf(posted!).find((b) => b.type === "header")).toMatchObject({
      text: { text: expect.stringMatching(/^Talk of the day/) },
    });
  });

  it("`more` explains that the More results button pages", async () => {
    // A user with no search before (the file's other tests search as U0USER001): in a
    // shuffled order, `more` would page their last search instead.
    const reply = await ask("more", "U0USER0MORE");
    expect(String(reply.body.text)).toContain("More results button");
  });
});

describe("/virt escaping", () => {
  const hostile = [
    "<!channel>",
    "<@U123>",
    "<https://evil.example|docs>",
    // The same, as Slack actually delivers typed text: already entity-escaped.
    "&lt;!channel&gt;",
    "&lt;@U123&gt; numa",
    "&lt;https://evil.example|docs&gt;",
    "year:<!here>",
    "<!everyone> foo:bar",
  ];
  for (const text of hostile) {
    it(`pings no one and links nothing for ${JSON.stringify(text)}`, async () => {
      const reply = await ask(text);
      for (const s of [...allStrings(reply.body), reply.raw]) {
        expect(s).not.toMatch(/<!(channel|here|everyone)/);
        expect(s).not.toContain("<@U123");
        expect(s).not.toContain("<https://evil");
      }
      // Typed text is echoed, escaped; Slack's own markup (a real @channel) is no question
      // at all: the usage help.
      if (text === "&lt;!channel&gt;") expect(reply.raw).toContain("&lt;!channel&gt;");
      if (text === "<!channel>") expect(String(reply.body.text)).toContain("Try /virt numa");
    });
  }
});

describe("/virt buttons and failures", () => {
  it("acks a link button click and sends nothing", async () => {
    const res = await h.click({ actionId: "link:0:0", url: "https://example.org/x" });
    expect(res.status).toBe(200);
    await h.fake.settle();
    expect(h.fake.calls).toHaveLength(0);
  });

  it("a junk or expired button value gets a short ephemeral notice", async () => {
    const calls = await clickAndWait("more_results:3", "{not json");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(calls[0]!.body.text)).toContain("expired");
    const gone = await clickAndWait("share_card:0", '{"id":"no-such-talk","q":"numa","o":0}');
    expect(String(gone[0]!.body.text)).toContain("no longer in the catalog");
    // A talk card's button from before a restart: the card is no longer remembered.
    const old = await clickAndWait("share_card:0", '{"id":"no-such-talk"}');
    expect(String(old[0]!.body.text)).toContain("expired");
  });

  it("retries a 429 from the response_url after Retry-After, then posts exactly once", async () => {
    const first = await ask("vfio");
    const more = moreButton(first)!;
    h.fake.failNext("response", { status: 429, retryAfter: 1 });
    const responseId = nextResponseId();
    await h.click({ actionId: more.action_id, value: more.value!, responseId });
    await h.fake.waitFor((calls) => calls.some((c) => c.responseId === responseId && c.ok), 8000);
    await h.fake.settle();
    const all = h.fake.callsTo("response", { responseId, all: true });
    expect(all.map((c) => c.status)).toEqual([429, 200]);
    expect(all[1]!.at - all[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("does not repeat a post that may have arrived (500), logs it and reports an error", async () => {
    const first = await ask("vfio");
    const more = moreButton(first)!;
    h.observed.length = 0;
    h.fake.failNext("response", { status: 500 });
    const responseId = nextResponseId();
    const res = await h.click({ actionId: more.action_id, value: more.value!, responseId });
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(h.observed.length).toBeGreaterThan(0));
    await h.fake.settle(300);
    expect(h.fake.callsTo("response", { responseId, all: true }).map((c) => c.status)).toEqual([
      500,
    ]);
    expect(h.observed.at(-1)).toMatchObject({ command: "error", outcome: "error" });
    expect(h.logText()).toContain("response_url post failed");
  });

  it("the process keeps answering after failures", async () => {
    const reply = await ask("vfio");
    expect(cardCount(reply)).toBeGreaterThan(0);
  });
});

describe("logs", () => {
  it("never contain the bot token or the signing secret", async () => {
    await ask("numa");
    const text = h.logText();
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain("xoxb-1111-2222-TESTBOTTOKENSECRET");
    expect(text).not.toContain("test-signing-secret-5f2b9c0e7d41a3");
  });
});
