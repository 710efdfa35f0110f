// The daily post on three replicas sharing one PostgreSQL schema (claims, src/persist/
// claims.ts), each with its own connection to the platforms (fakes sharing one channel
// list per platform, as the real Slack and homeserver would): exactly one post per
// destination per day, also when a replica dies mid-send or stands still past its claim.
import { performance } from "node:perf_hooks";
import { expect, it } from "vitest";
import type { ClaimStores } from "../../src/core/claims.ts";
import type { DailyPost } from "../../src/totd/daily-post.ts";
import { describePg } from "../support/postgres.ts";
import {
  type FakeChat,
  fakeChat,
  type LogLine,
  type RecordedPost,
} from "../support/totd-helpers.ts";
import {
  alteredClaims,
  DAY,
  operator,
  POST_TIME,
  pgReplicas,
  sleep,
  until,
} from "../support/totd-pg.ts";
import { postedRecord, storedRecords } from "../support/totd-stored.ts";

const CHANNELS = ["C1", "C2"];
const ROOMS = ["!a:example.org", "!b:example.org"];

interface Replica {
  readonly daily: DailyPost;
  readonly slack: FakeChat;
  readonly matrix: FakeChat;
  readonly lines: LogLine[];
  readonly claims: { won: number; lost: number };
}

describePg("the daily post on replicas sharing PostgreSQL", () => {
  const replicas = pgReplicas("totd_replicas", { perTest: true });
  /** The platforms: what reached each channel and room, whichever replica sent it. */
  let slackChannel: RecordedPost[];
  let matrixRooms: RecordedPost[];

  /** One replica, its daily-post clock `at` ms past the post time now (every start a catch-up post). */
  function replica(
    options: { at?: number; ttlMs?: number; claims?: (c: ClaimStores) => ClaimStores } = {},
  ): Replica {
    const slack = fakeChat("slack", { channel: slackChannel });
    const matrix = fakeChat("matrix", { channel: matrixRooms });
    const realAt = Date.now();
    const fakeAt = POST_TIME + (options.at ?? 1_000);
    const counted = { won: 0, lost: 0 };
    const { daily, lines } = replicas.dailyPost({
      ports: { slack, matrix },
      destinations: [...CHANNELS.map(operator("slack")), ...ROOMS.map(operator("matrix"))],
      now: () => new Date(fakeAt + (Date.now() - realAt)),
      ...(options.claims ? { claims: options.claims } : {}),
      // A send left in flight is looked for at once here (send-in-flight.test.ts waits).
      sendSettleMs: 0,
      ttlMs: options.ttlMs ?? 5_000,
      onClaim: (won) => {
        if (won) counted.won++;
        else counted.lost++;
      },
    });
    return { daily, slack, matrix, lines, claims: counted };
  }

  /** The records as stored. */
  const stored = () => storedRecords(replicas.schema);

  const posted = postedRecord(DAY);
  const everyDestination = [
    ...CHANNELS.map((c) => `slack:${c}`),
    ...ROOMS.map((r) => `matrix:${r}`),
  ];
  const postsPer = () => {
    const out: Record<string, number> = {};
    for (const p of [...slackChannel, ...matrixRooms]) {
      const id = `${p.platform}:${p.destination}`;
      out[id] = (out[id] ?? 0) + 1;
    }
    return out;
  };
  const once = Object.fromEntries(everyDestination.map((id) => [id, 1]));

  it("three replicas starting together: one post per destination, the records exact", async () => {
    slackChannel = [];
    matrixRooms = [];
    const replicas = [replica(), replica(), replica()];
    await Promise.all(replicas.map((r) => r.daily.start()));
    await Promise.all(replicas.map((r) => r.daily.idle()));

    expect(postsPer()).toEqual(once);
    expect(slackChannel.map((p) => p.key).sort()).toEqual(
      CHANNELS.map((c) => `totd:${DAY}:slack:${c}`),
    );
    expect(await stored()).toEqual(Object.fromEntries(everyDestination.map((id) => [id, posted])));
    // Each destination was claimed and worked on once; the claims lost were the others'.
    const sent = replicas.map((r) => r.slack.attempts.length + r.matrix.attempts.length);
    expect(sent.reduce((a, b) => a + b)).toBe(4);
    expect(replicas.reduce((n, r) => n + r.claims.won, 0)).toBeGreaterThanOrEqual(4);
    // What each replica shows is the record as stored, whoever posted.
    for (const r of replicas) {
      await r.daily.start();
      expect(Object.values(r.daily.statusAll()).map((s) => s.lastPosted)).toEqual([
        DAY,
        DAY,
        DAY,
        DAY,
      ]);
    }

    // A fourth replica started later that day finds everything done and sends nothing.
    const late = replica({ at: 3_600_000 });
    await late.daily.start();
    await late.daily.idle();
    expect(late.slack.attempts.length + late.matrix.attempts.length).toBe(0);
    expect(late.slack.lookups).toEqual([]);
    expect(postsPer()).toEqual(once);
  });

  it("paused through one replica, a channel gets nothing from another; resumed through that other, it gets the day's post once", async () => {
    slackChannel = [];
    matrixRooms = [];
    // Both start a moment before 09:00.
    const a = replica({ at: -1_500 });
    const b = replica({ at: -1_500 });
    await Promise.all([a.daily.start(), b.daily.start()]);
    await a.daily.pause("slack", "C1", "the bot left C1");
    expect(b.daily.status("slack", "C1")?.state).toBe("active"); // b has not looked yet
    await sleep(1_600);
    await Promise.all([a.daily.idle(), b.daily.idle()]);
    expect(slackChannel.map((p) => p.destination)).toEqual(["C2"]);
    expect((await stored())["slack:C1"]).toMatchObject({
      lastPosted: null,
      paused: { reason: "the bot left C1" },
    });

    await b.daily.resume("slack", "C1");
    await Promise.all([a.daily.idle(), b.daily.idle()]);
    expect(postsPer()).toEqual(once);
    expect(b.slack.posts.map((p) => p.destination)).toContain("C1");
    expect(await stored()).toEqual(Object.fromEntries(everyDestination.map((id) => [id, posted])));
  });

  it("a replica that dies mid-send: another takes the claim over when it lapses, finds the post and records it", async () => {
    slackChannel = [];
    matrixRooms = [];
    const dead = replica({ ttlMs: 600 });
    // Slack has the post, the replica never hears back (it died); Matrix likewise.
    dead.slack.behaviour = () => "deliver-and-hang";
    dead.matrix.behaviour = () => "deliver-and-hang";
    await dead.daily.start();
    await until(() => slackChannel.length === 2 && matrixRooms.length === 2);
    const died = performance.now();

    const others = [replica({ ttlMs: 600 }), replica({ ttlMs: 600 })];
    await Promise.all(others.map((r) => r.daily.start()));
    await Promise.all(others.map((r) => r.daily.idle()));
    expect(performance.now() - died).toBeGreaterThanOrEqual(500); // after the claims lapsed

    // Slack: looked from the interrupted send on, found it, sent nothing. Matrix re-sent
    // once with the same key (the homeserver drops it: the same transaction id).
    expect(others.flatMap((r) => r.slack.attempts)).toEqual([]);
    expect(
      others
        .flatMap((r) => r.slack.lookups)
        .map((l) => l.key)
        .sort(),
    ).toEqual(CHANNELS.map((c) => `totd:${DAY}:slack:${c}`));
    const resent = others
      .flatMap((r) => r.matrix.attempts)
      .map((p) => p.key)
      .sort();
    expect(resent).toEqual(ROOMS.map((room) => `totd:${DAY}:matrix:${room}`));
    expect(slackChannel).toHaveLength(2);
    expect(await stored()).toEqual(Object.fromEntries(everyDestination.map((id) => [id, posted])));
  });

  it("a replica stopped past its claim right before sending sends nothing when it wakes", async () => {
    slackChannel = [];
    matrixRooms = [];
    const ttlMs = 600;
    let stops = 0;
    let frozenId = "";
    let other: Replica | undefined;
    // After its intent is durable, the first replica stands still (SIGSTOP) past its claim,
    // until the other replica has taken the destination over and posted there. Not a fixed
    // pause: woken 300 ms after its claim lapsed, it claimed the destination again itself
    // (rightly) whenever the other one had not come round to it by then, on a loaded machine.
    const frozen = replica({
      ttlMs,
      claims: alteredClaims((values) => ({
        async write(claim, key, value) {
          await values.write(claim, key, value);
          if (stops++ > 0) return;
          frozenId = key;
          await sleep(ttlMs + 300);
          await postedBy(() => other, key);
        },
      })),
    });
    // One destination each way is enough to show it.
    void frozen.daily.start();
    await until(() => stops >= 1);
    other = replica({ ttlMs });
    await other.daily.start();
    await other.daily.idle();
    await frozen.daily.idle();

    expect(postsPer()).toEqual(once);
    expect(
      frozen.lines.some((l) => l.destination === frozenId && /claim is running out/.test(l.msg)),
    ).toBe(true);
    // The frozen replica never sent to the destination it stood still on.
    expect(
      [...frozen.slack.attempts, ...frozen.matrix.attempts].map(
        (p) => `${p.platform}:${p.destination}`,
      ),
    ).not.toContain(frozenId);
    expect(await stored()).toEqual(Object.fromEntries(everyDestination.map((id) => [id, posted])));
  });

  it("a replica stopped right after taking its claim: when it wakes it reads the record another replica left and sends nothing there", async () => {
    slackChannel = [];
    matrixRooms = [];
    const ttlMs = 600;
    let first: string | null = null;
    let other: Replica | undefined;
    // Stands still past its claim until the other replica has posted there (as above: a
    // fixed pause let it claim the destination again itself when the other was slow).
    const frozen = replica({
      ttlMs,
      claims: alteredClaims((values) => ({
        async claim(key) {
          const claim = await values.claim(key);
          if (claim && first === null) {
            first = key;
            await sleep(ttlMs + 300);
            await postedBy(() => other, key);
          }
          return claim;
        },
      })),
    });
    void frozen.daily.start();
    await until(() => first !== null);
    other = replica({ ttlMs });
    await other.daily.start();
    await other.daily.idle();
    await frozen.daily.idle();

    expect(postsPer()).toEqual(once);
    const sentByFrozen = [...frozen.slack.attempts, ...frozen.matrix.attempts].map(
      (p) => `${p.platform}:${p.destination}`,
    );
    expect(sentByFrozen).not.toContain(first);
    expect(await stored()).toEqual(Object.fromEntries(everyDestination.map((id) => [id, posted])));
  });
});

/** Until `replica()` (once there is one) has posted to `destination` ("slack:C1"). */
function postedBy(replica: () => Replica | undefined, destination: string): Promise<void> {
  return until(() => {
    const r = replica();
    return (r?.slack.posts ?? [])
      .concat(r?.matrix.posts ?? [])
      .some((p) => `${p.platform}:${p.destination}` === destination);
  }, 20_000);
}
