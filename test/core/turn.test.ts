// The conversation turn: what every platform gets for the same text, rate limiting per
// asker, "more" paging per conversation and asker to the very end, and outcome counts.
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/core/catalog.ts";
import { HELP } from "../../src/core/help.ts";
import { createLibrary } from "../../src/core/library.ts";
import { createRateLimiter, slowDownMessage } from "../../src/core/rate-limit.ts";
import type { Reply } from "../../src/core/reply.ts";
import { createTurn, type TurnInput } from "../../src/core/turn.ts";
import { wordData } from "../../src/core/word-data.ts";
import { createSubscriptionCommands } from "../../src/totd/subscription-commands.ts";

const catalog = loadCatalog();
const library = () =>
  createLibrary({ catalog, timeZone: "UTC", clock: () => new Date("2026-11-22T12:00:00Z") });
const ask = (text: string, extra: Partial<TurnInput> = {}): TurnInput => ({
  platform: "matrix",
  conversation: "!room:hs",
  user: "@alice:hs",
  text,
  now: 0,
  ...extra,
});

function results(reply: Reply | null) {
  if (reply?.kind !== "results") throw new Error(`expected results, got ${reply?.kind}`);
  return reply;
}

describe("conversation turn", () => {
  it("answers a search with the core's answer and counts every match", async () => {
    const lib = library();
    const turn = createTurn({ library: lib });
    const { reply, outcome } = await turn.handle(ask("migration"));
    const r = results(reply);
    expect(r).toEqual(lib.current().answer("migration"));
    expect(outcome).toEqual({
      platform: "matrix",
      command: "results",
      results: r.total,
      outcome: "ok",
    });
  });

  it("pages with `more` to the end, then says that was all", async () => {
    const turn = createTurn({ library: library() });
    const first = results((await turn.handle(ask("kvm"))).reply);
    const seen = first.hits.map((h) => h.card.id);
    // A person reading each page: seconds apart, within the rate limit.
    for (let now = 10_000; ; now += 10_000) {
      const { reply, outcome } = await turn.handle(ask("more", { now }));
      if (reply?.kind === "end-of-results") {
        expect(reply).toEqual({ kind: "end-of-results", query: "kvm", total: first.total });
        break;
      }
      const page = results(reply);
      expect(outcome.command).toBe("more");
      expect(page.offset).toBe(seen.length);
      seen.push(...page.hits.map((h) => h.card.id));
    }
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
  });

  it("keeps paging apart per conversation and per asker", async () => {
    const turn = createTurn({ library: library() });
    await turn.handle(ask("kvm"));
    expect((await turn.handle(ask("more", { user: "@bob:hs" }))).reply).toEqual({
      kind: "nothing-to-page",
    });
    expect((await turn.handle(ask("more", { conversation: "!other:hs" }))).reply).toEqual({
      kind: "nothing-to-page",
    });
    expect(results((await turn.handle(ask("more"))).reply).offset).toBe(3);
  });

  it("forgets the last search after one that found nothing", async () => {
    const turn = createTurn({ library: library() });
    await turn.handle(ask("kvm"));
    expect((await turn.handle(ask("kubernetes"))).reply?.kind).toBe("no-results");
    expect((await turn.handle(ask("more"))).reply).toEqual({ kind: "nothing-to-page" });
    await turn.handle(ask("kvm"));
    expect((await turn.handle(ask("topic:quantumfoo"))).reply?.kind).toBe("unknown-topic");
    expect((await turn.handle(ask("more"))).reply).toEqual({ kind: "nothing-to-page" });
  });

  it("shows one talk of the last search by its number, leaving `more` where it was", async () => {
    const lib = library();
    const turn = createTurn({ library: lib });
    const first = results((await turn.handle(ask("numa"))).reply);
    for (const text of ["show 3", "#3", "the third one", "3"]) {
      const { reply, outcome } = await turn.handle(ask(text));
      const picked = results(reply);
      expect(picked.query).toBe("numa");
      expect(picked.offset).toBe(2);
      expect(picked.total).toBe(first.total);
      expect(picked.hits.map((h) => h.card.id)).toEqual([first.hits[2]!.card.id]);
      // Not a new question (a number alone may be one, so it counts like a search).
      expect(outcome.command).toBe(text === "3" ? "results" : "more");
    }
    expect(results((await turn.handle(ask("more"))).reply).offset).toBe(3);
    expect((await turn.handle(ask("show 99"))).reply).toEqual({
      kind: "note",
      message: `There is no #99: your last search "numa" has ${first.total} talks, #1 to #${first.total}.`,
      quoted: "numa",
    });
  });

  it("goes to a page of the last search, and `more` goes on from there", async () => {
    const turn = createTurn({ library: library() });
    await turn.handle(ask("kvm"));
    const page = results((await turn.handle(ask("page 3"))).reply);
    expect(page).toMatchObject({ query: "kvm", offset: 6 });
    expect(page.hits).toHaveLength(3);
    expect(results((await turn.handle(ask("more"))).reply).offset).toBe(9);
  });

  it("goes back a page with `previous page` or `back`, and `more` goes on from there", async () => {
    const lib = library();
    const turn = createTurn({ library: lib });
    const offset = async (text: string) => results((await turn.handle(ask(text))).reply).offset;
    await turn.handle(ask("kvm"));
    expect(await offset("more")).toBe(3);
    expect(await offset("more")).toBe(6);
    expect(await offset("previous page")).toBe(3);
    expect(await offset("back")).toBe(0);
    expect(await offset("go back")).toBe(0);
    expect(await offset("more")).toBe(3);
    const fresh = createTurn({ library: lib });
    expect((await fresh.handle(ask("previous page"))).reply).toEqual({ kind: "nothing-to-page" });
    expect((await fresh.handle(ask("back"))).reply).toEqual(lib.current().answer("back"));
  });

  it("has nothing to show by number before a search; a number alone is then searched", async () => {
    const lib = library();
    const turn = createTurn({ library: lib });
    expect((await turn.handle(ask("show 3"))).reply).toEqual({ kind: "nothing-to-page" });
    expect((await turn.handle(ask("page 2"))).reply).toEqual({ kind: "nothing-to-page" });
    const { reply, outcome } = await turn.handle(ask("2"));
    expect(reply).toEqual(lib.current().answer("2"));
    expect(outcome.command).toBe(reply?.kind);
  });

  it("reads `another one` as the next page after a search and another random talk after one", async () => {
    const turn = createTurn({ library: library() });
    const talk = async (text: string) => (await turn.handle(ask(text))).reply;
    expect(await talk("another one")).toMatchObject({ kind: "talk", reason: "random" });
    await talk("kvm");
    expect(results(await talk("another one"))).toMatchObject({ query: "kvm", offset: 3 });
    expect(await talk("random")).toMatchObject({ kind: "talk", reason: "random" });
    expect(await talk("another one")).toMatchObject({ kind: "talk", reason: "random" });
    // `more` still pages the search the random talks came after.
    expect(results(await talk("more"))).toMatchObject({ query: "kvm", offset: 6 });
    expect(results(await talk("another one"))).toMatchObject({ query: "kvm", offset: 9 });
  });

  it("pages a given list (a More button) whatever was searched since", async () => {
    const turn = createTurn({ library: library() });
    await turn.handle(ask("numa"));
    const { reply, outcome } = await turn.handle(ask("", { page: { query: "kvm", offset: 3 } }));
    expect(results(reply)).toMatchObject({ query: "kvm", offset: 3 });
    expect(outcome.command).toBe("more");
  });

  it("tells a flooding asker once to slow down, then says nothing; others are unaffected", async () => {
    const turn = createTurn({
      library: library(),
      rateLimiter: createRateLimiter({ burst: 2, perSecond: 0.001 }),
    });
    const kinds: (string | null)[] = [];
    for (let i = 0; i < 4; i++) kinds.push((await turn.handle(ask("numa"))).reply?.kind ?? null);
    expect(kinds).toEqual(["results", "results", "slow-down", null]);
    const dropped = await turn.handle(ask("numa"));
    expect(dropped.outcome).toEqual({
      platform: "matrix",
      command: "rate-limited",
      results: 0,
      outcome: "rate-limited",
    });
    expect((await turn.handle(ask("numa", { user: "@bob:hs" }))).reply?.kind).toBe("results");
  });

  it("tells every limited request when to try again, aloud only the first time", async () => {
    const turn = createTurn({
      library: library(),
      rateLimiter: createRateLimiter({ burst: 1, perSecond: 0.5 }),
    });
    expect((await turn.handle(ask("numa"))).slowDown).toBeUndefined();
    const slowDown = {
      kind: "slow-down",
      message: "You're sending commands faster than I can answer; please try again in 2 seconds.",
      retryAfterMs: 2_000,
    };
    expect(await turn.handle(ask("numa"))).toMatchObject({ reply: slowDown, slowDown });
    const again = await turn.handle(ask("numa", { now: 500 }));
    expect(again.reply).toBeNull();
    expect(again.slowDown).toEqual({
      ...slowDown,
      message: slowDownMessage(1_500),
      retryAfterMs: 1_500,
    });
    expect(slowDownMessage(400)).toBe(
      "You're sending commands faster than I can answer; please try again in 1 second.",
    );
  });

  it("paging a result the asker has (more, a More button) is never counted against the limit", async () => {
    const turn = createTurn({
      library: library(),
      rateLimiter: createRateLimiter({ burst: 2, perSecond: 0.001 }),
    });
    const first = results((await turn.handle(ask("kvm"))).reply);
    for (let i = 0; i < 10; i++) {
      const { reply, outcome } = await turn.handle(ask("more"));
      expect(outcome).toMatchObject({ command: "more", outcome: "ok" });
      expect(results(reply).offset).toBe(3 * (i + 1));
      const page = { query: "kvm", offset: 3 * (i + 1) };
      expect(results((await turn.handle(ask("", { page }))).reply).offset).toBe(page.offset);
    }
    expect(first.total).toBeGreaterThan(33);
    // Each new question still counts: one left, then the slow-down.
    expect((await turn.handle(ask("numa"))).reply?.kind).toBe("results");
    expect((await turn.handle(ask("vfio"))).reply?.kind).toBe("slow-down");
  });

  it("hands a feature's command to the handler it registered, and searches it where none did", async () => {
    const status = {
      kind: "subscription-status",
      visibility: "asker",
      subscription: null,
    } as const;
    const seen: string[] = [];
    const turn = createTurn({
      library: library(),
      handlers: {
        subscription: async (command, input) => {
          seen.push(`${command.kind} ${input.conversation}`);
          return status;
        },
      },
    });
    expect(await turn.handle(ask("subscription"))).toEqual({
      reply: status,
      outcome: { platform: "matrix", command: "subscription-status", results: 0, outcome: "ok" },
    });
    expect(seen).toEqual(["subscription !room:hs"]);
    // No handler for `unsubscribe` here: the words are searched, as before the feature existed.
    const plain = createTurn({ library: library() });
    expect((await plain.handle(ask("unsubscribe"))).reply).toEqual(
      library().current().answer("unsubscribe"),
    );
  });

  it("answers a slipped greeting or command instead of 'No talks found', and pages on 'show more'", async () => {
    // A surface with the subscription commands: a slip of one is asked about there only.
    const handlers = createSubscriptionCommands({
      subscriptions: async () => null,
      defaults: { time: "09:00", timeZone: "UTC" },
    });
    const turn = createTurn({ library: library(), handlers });
    const { smallTalk } = wordData();
    expect((await turn.handle(ask("thnak you!"))).reply).toEqual({
      kind: "small-talk",
      intent: "thanks",
      reply: "You're welcome!",
      capabilities: smallTalk.capabilities,
      examples: smallTalk.examples,
    });
    const slip = await turn.handle(ask("subscrbe", { now: 1_000 }));
    expect(slip.reply).toEqual({
      kind: "usage",
      message: '"subscrbe" is not a command I know. Did you mean "subscribe"?',
      help: HELP,
    });
    expect(slip.outcome).toEqual({
      platform: "matrix",
      command: "usage",
      results: 0,
      outcome: "ok",
    });
    // A real word nothing matches is still a failed search, with its suggestions.
    expect((await turn.handle(ask("heap", { now: 2_000 }))).reply?.kind).toBe("no-results");
    // Without the handler (the CLI) the slip is a search that found nothing, not a question.
    const bare = createTurn({ library: library() });
    expect((await bare.handle(ask("subscrbe"))).reply?.kind).toBe("no-results");
    const first = results((await turn.handle(ask("kvm", { now: 3_000 }))).reply);
    const next = results((await turn.handle(ask("show more, please", { now: 4_000 }))).reply);
    expect(next.offset).toBe(first.hits.length);
    expect(next.query).toBe("kvm");
  });

  it("reads `next` alone as the next page after a search when no conference talk starts soon", async () => {
    const lib = library();
    const turn = createTurn({ library: lib });
    const note = {
      kind: "note",
      message: "Nothing starts within the hour. The catalog has no upcoming conference.",
    };
    // Before any search, `next` is the conference-week command.
    expect((await turn.handle(ask("next"))).reply).toEqual(note);
    results((await turn.handle(ask("numa", { now: 1_000 }))).reply);
    expect((await turn.handle(ask("Next", { now: 2_000 }))).reply).toEqual(
      lib.current().answer("numa", { offset: 3 }),
    );
    // At the end of the search there is no page left: the week command again.
    expect((await turn.handle(ask("next", { now: 3_000 }))).reply).toEqual(
      lib.current().answer("numa", { offset: 6 }),
    );
    expect((await turn.handle(ask("next", { now: 4_000 }))).reply).toEqual(note);
  });

  it("says talks and pages count from 1 for `#0` or `page 0` instead of searching them", async () => {
    const turn = createTurn({ library: library() });
    results((await turn.handle(ask("numa"))).reply);
    expect((await turn.handle(ask("#0", { now: 1_000 }))).reply).toEqual({
      kind: "usage",
      message: 'Talks are numbered from 1: "show 1" is the first of your last search.',
      help: HELP,
    });
    expect((await turn.handle(ask("page 0", { now: 2_000 }))).reply).toEqual({
      kind: "usage",
      message: 'Pages are numbered from 1: "page 1" is the first page of your last search.',
      help: HELP,
    });
    // The search is still there to page.
    expect(results((await turn.handle(ask("more", { now: 3_000 }))).reply).offset).toBe(3);
  });

  it("never throttles the console", async () => {
    const turn = createTurn({
      library: library(),
      rateLimiter: createRateLimiter({ burst: 1, perSecond: 0.001 }),
    });
    for (let i = 0; i < 5; i++) {
      const { reply } = await turn.handle(ask("numa", { platform: "console" }));
      expect(reply?.kind).toBe("results");
    }
  });

  it("counts a talk as one result and help as none", async () => {
    const turn = createTurn({ library: library() });
    expect((await turn.handle(ask("today"))).outcome).toMatchObject({
      command: "talk",
      results: 1,
    });
    expect((await turn.handle(ask("help"))).outcome).toMatchObject({ command: "help", results: 0 });
  });

  it("answers from the library's current catalog after a replace", async () => {
    const lib = library();
    const turn = createTurn({ library: lib });
    const one = { ...catalog, talks: catalog.talks.slice(0, 1) };
    lib.replace(one);
    const { reply } = await turn.handle(ask("today"));
    expect(reply?.kind === "talk" && reply.card.id).toBe(catalog.talks[0]!.id);
  });
});
