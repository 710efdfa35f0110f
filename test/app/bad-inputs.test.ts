// Issue #7's list of bad inputs, each sent through both real adapters end to end — Slack
// as a signed /virt into the real Bolt App, Matrix as a `!virt` message synced by the real
// matrix-bot-sdk client — and each answered exactly once with the core's clear message
// (help, usage, no results, or results), pinging nobody, with the bot answering
// normally afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/core/rate-limit.ts";
import { alice, Harness as MatrixHarness } from "../support/matrix-harness.ts";
import {
  allStrings,
  answerOf,
  nextResponseId,
  type Harness as SlackHarness,
  startHarness,
  testCore,
} from "../support/slack-harness.ts";

type Kind = "help" | "usage" | "results" | "no-results";

/** [what it is, the text typed after /virt or !virt, the kind of answer it must get] */
const BAD_INPUTS: ReadonlyArray<readonly [string, string, Kind]> = [
  ["empty", "", "help"],
  ["whitespace", "  \t  ", "help"],
  ["10,000 characters", "x".repeat(10_000), "usage"],
  ["control characters", "nu\u0000ma\u0007\u0008", "results"],
  ["a terminal escape sequence", "\u001b[2Jnuma", "no-results"],
  ["unbalanced quote (open)", '"live migration', "results"],
  ["unbalanced quote (close)", 'numa"', "results"],
  ["regex metacharacters", ".*(+?[\\", "usage"],
  ["regex metacharacters around a word", "^numa$|(vfio", "results"],
  ["emoji", "🐧 numa 🚀", "results"],
  ["right-to-left override", "\u202enuma", "results"],
  ["right-to-left script", "מיגרציה", "no-results"],
  ["unknown filter", "foo:bar", "usage"],
  ["impossible filter", "year:1850", "usage"],
  ["empty filter", "speaker:", "usage"],
  ["mrkdwn broadcast", "<!channel>", "results"],
  ["mrkdwn user mention", "<@U1>", "no-results"],
  ["mrkdwn link", "<https://x|y>", "no-results"],
  ["HTML script", "<script>alert(1)</script>", "no-results"],
  ["HTML img onerror", "<img src=x onerror=alert(1)>", "no-results"],
];

/** In Slack, its own markup is whom a message speaks to, not a question: the usage help. */
const ON_SLACK: Readonly<Record<string, Kind>> = {
  "mrkdwn broadcast": "help",
  "mrkdwn user mention": "help",
};

describe("the core's verdict on each bad input", () => {
  it.each(BAD_INPUTS)("%s", (_what, text, kind) => {
    expect(testCore().answer(text).kind).toBe(kind);
  });
});

describe("Slack /virt", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    // One asker for the whole list: the flood limit is tested elsewhere.
    h = await startHarness({ rateLimiter: createRateLimiter({ burst: 1_000 }) });
  });
  afterAll(async () => {
    await h.close();
  });

  /** The answers a /virt got: the one in its ack body, and any posted to its response_url. */
  async function ask(text: string) {
    const responseId = nextResponseId();
    const res = await h.command(text, { responseId });
    expect(res.status).toBe(200);
    await h.fake.settle(50);
    const posted = h.fake.callsTo("response", { responseId, all: true });
    return [...(res.body ? [{ ok: true, ...answerOf(res) }] : []), ...posted];
  }

  it.each(BAD_INPUTS)("%s: one clear, harmless answer", async (what, text, anywhere) => {
    const kind = ON_SLACK[what] ?? anywhere;
    const seen = h.observed.length;
    const replies = await ask(text);
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(reply!.ok).toBe(true);
    expect(typeof reply!.body.text).toBe("string");
    expect(String(reply!.body.text).length).toBeGreaterThan(0);
    for (const s of [...allStrings(reply!.body), reply!.raw]) {
      expect(s).not.toMatch(/<!(channel|here|everyone)/);
      expect(s).not.toMatch(/<@U/);
      expect(s).not.toContain("<https://x");
      expect(s).not.toContain("<script");
    }
    await expect.poll(() => h.observed.length).toBe(seen + 1);
    expect(h.observed.at(-1)).toMatchObject({ command: kind, outcome: "ok" });
  });

  it("a slash command missing fields is acked and never crashes the listener", async () => {
    const base = {
      command: "/virt",
      team_id: "T0TEAM001",
      channel_id: "C0CHAN001",
      user_id: "U0USER001",
      text: "numa",
    };
    // No text: the bare command, which is help.
    const seen = h.observed.length;
    const responseId = nextResponseId();
    const noText = { ...base, response_url: h.fake.responseUrl(responseId) } as Record<
      string,
      string
    >;
    delete noText.text;
    const res = await h.send(new URLSearchParams(noText).toString(), {
      contentType: "application/x-www-form-urlencoded",
    });
    expect(res.status).toBe(200);
    expect(answerOf(res).body.response_type).toBe("ephemeral");
    await expect.poll(() => h.observed.length).toBe(seen + 1);
    expect(h.observed.at(-1)).toMatchObject({ command: "help" });
    // No response_url, no user: nothing to answer to, but acked (Slack would retry a
    // failure) and the process goes on.
    for (const drop of ["response_url", "user_id"]) {
      const partial: Record<string, string> = {
        ...base,
        response_url: h.fake.responseUrl(nextResponseId()),
      };
      delete partial[drop];
      const r = await h.send(new URLSearchParams(partial).toString(), {
        contentType: "application/x-www-form-urlencoded",
      });
      expect([drop, r.status]).toEqual([drop, 200]);
    }
    expect(await ask("numa")).toHaveLength(1);
  });
});

describe("Matrix !virt", () => {
  let h: MatrixHarness;
  let room: string;
  beforeAll(async () => {
    h = await MatrixHarness.create({ rateLimiter: createRateLimiter({ burst: 1_000 }) });
    room = h.hs.createRoom({ members: [alice] });
    await h.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(BAD_INPUTS)("%s: one clear, harmless notice", async (_what, text, kind) => {
    const before = h.hs.sent.length;
    const observed = h.observed.length;
    h.hs.message(room, alice, `!virt ${text}`);
    await h.hs.until(() => h.observed.length === observed + 1, "the answer");
    await h.synced();
    const sent = h.hs.sent.slice(before);
    expect(sent).toHaveLength(1);
    const { content } = sent[0]!;
    expect(content.msgtype).toBe("m.notice");
    expect(String(content.body).length).toBeGreaterThan(0);
    expect(content["m.mentions"]).toEqual({});
    expect(String(content.formatted_body)).not.toMatch(/<(script|img)/);
    expect(h.observed.at(-1)).toMatchObject({ command: kind, outcome: "ok" });
  });
});
