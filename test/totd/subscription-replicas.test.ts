// Chat subscriptions on replicas sharing one PostgreSQL schema: a subscription made,
// removed or moved through one replica is what every replica posts by. Each replica is
// the talk of the day (daily post + subscriptions) on its own pool, claims and LISTEN
// connection; one fake Slack channel list is the platform they share. Their clock is one
// the test moves (09:00 while subscribing, then past the post time), and their schedules
// look at it every 50 ms, so a jump of an hour is noticed at once.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { subscriptionBroadcast } from "../../src/app/subscription-broadcast.ts";
import { createPgClaims } from "../../src/persist/claims.ts";
import type { ChangeBroadcast } from "../../src/totd/subscription-sync.ts";
import { createTalkOfTheDay, type TalkOfTheDay } from "../../src/totd/talk-of-the-day.ts";
import { describePg } from "../support/postgres.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import {
  captureLogger,
  type FakeChat,
  fakeChat,
  type LogLine,
  type RecordedPost,
} from "../support/totd-helpers.ts";
import { DAY, pgReplicas, sleep, ZONE } from "../support/totd-pg.ts";
import { postedRecord, storedRecords } from "../support/totd-stored.ts";

/** Local times in Berlin that day (UTC+2). */
const at = (hhmmss: string) => Date.parse(`${DAY}T${hhmmss}+02:00`);
const CHANNEL = "C0SUB0001";
const ID = `slack:${CHANNEL}`;
const KEY = `totd:${DAY}:slack:${CHANNEL}`;
const who = { user: "U1", displayName: "Ada" };

/** The replicas' wall clock: runs in real time from where the test last set it. */
const clock = {
  base: at("09:00:00"),
  real: Date.now(),
  set(ms: number) {
    clock.base = ms;
    clock.real = Date.now();
  },
  now: () => new Date(clock.base + (Date.now() - clock.real)),
};

interface Replica {
  readonly totd: TalkOfTheDay;
  readonly slack: FakeChat;
  readonly lines: LogLine[];
  /** Local time (fake clock, ISO) of each send this replica made. */
  readonly sentAt: string[];
  /** How many times this replica has read the clock: its schedule reads it every 50 ms. */
  readonly looks: () => number;
}

describePg("subscriptions made through one replica, posted by whichever replica posts", () => {
  const replicas = pgReplicas("totd_subs", { perTest: true });
  const running: Replica[] = [];
  /** The Slack channel's messages, whichever replica sent them. */
  let channel: RecordedPost[];

  let proxy: TcpProxy;
  beforeAll(async () => {
    const target = new URL(replicas.schema.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  });
  // Runs before pgReplicas' own hooks (after-hooks run last-registered first), which then
  // delete the rows, close the stores and drop the schema.
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.totd.stop()));
  });
  afterAll(async () => {
    await proxy.close();
  });

  /**
   * One replica. `hears`: "all" listens to the others' announcements; "nothing" misses
   * every one (a listener that was reconnecting the whole time). `rereadEveryMs`: the
   * fallback re-read (an hour: none during the test). `listenVia`: the database URL its
   * announcements go through (a proxy the test cuts).
   */
  async function replica(
    options: { hears?: "all" | "nothing"; rereadEveryMs?: number; listenVia?: string } = {},
  ): Promise<Replica> {
    const { logger, lines } = captureLogger();
    const state = replicas.store(logger);
    const slack = fakeChat("slack", { channel });
    const sentAt: string[] = [];
    let looks = 0;
    slack.behaviour = () => {
      sentAt.push(clock.now().toISOString());
      return undefined;
    };
    const totd = createTalkOfTheDay({
      totd: { time: "09:00", timeZone: ZONE, slackChannels: [], matrixRooms: [] },
      ports: { slack },
      state,
      core: replicas.core,
      logger,
      backoff: { initialMs: 50, maxMs: 200 },
      now: () => {
        looks++;
        return clock.now();
      },
      wakeEveryMs: 50,
    });
    const real = subscriptionBroadcast({
      connectionString: options.listenVia ?? replicas.schema.url,
      schema: replicas.schema.name,
      logger,
    });
    const broadcast: ChangeBroadcast =
      options.hears === "nothing" ? { ...real, listen: async () => {} } : real;
    totd.share(
      { claims: createPgClaims(state, logger), options: { ttlMs: 5_000 } },
      { broadcast, rereadEveryMs: options.rereadEveryMs ?? 3_600_000 },
    );
    await totd.start();
    const r = { totd, slack, lines, sentAt, looks: () => looks };
    running.push(r);
    return r;
  }

  const subscribe = async (r: Replica, time: string) =>
    (await r.totd.subscriptions()).subscribe("slack", CHANNEL, { time, timeZone: ZONE }, who);
  const unsubscribe = async (r: Replica) =>
    (await r.totd.subscriptions()).unsubscribe("slack", CHANNEL);
  /** The post time this replica's schedule has for the channel (undefined: none). */
  const scheduled = (r: Replica) => r.totd.statusAll()[ID]?.time;

  /** The records as stored. */
  const stored = () => storedRecords(replicas.schema);
  const posted = postedRecord(DAY);

  /**
   * Moves the clock to `hhmmss` and waits until every replica has looked at it a few times
   * (counted, not slept for: a loaded machine only makes the wait longer) and is done.
   */
  async function moveTo(hhmmss: string, replicas: readonly Replica[]): Promise<void> {
    const before = replicas.map((r) => r.looks());
    clock.set(at(hhmmss));
    await until(
      () => replicas.every((r, i) => r.looks() >= before[i]! + 3),
      `every replica to look at the clock at ${hhmmss}`,
      15_000,
    );
    await Promise.all(replicas.map((r) => r.totd.idle()));
  }

  it("subscribed through B: A hears it at once and posts at its time, once, with B gone", async () => {
    channel = [];
    clock.set(at("09:00:00"));
    const [a, b] = [await replica(), await replica()];
    expect(await subscribe(b, "10:00")).toMatchObject({
      kind: "subscribed",
      today: "later-today",
    });
    await until(() => scheduled(a) === "10:00", "A to hear of the subscription");
    await b.totd.stop();

    await moveTo("09:59:59", [a]);
    expect(channel).toEqual([]);
    await moveTo("10:00:01", [a]);
    expect(channel.map((p) => p.key)).toEqual([KEY]);
    expect(a.slack.attempts.map((p) => p.key)).toEqual([KEY]);
    expect(a.sentAt.map((t) => t >= new Date(at("10:00:00")).toISOString())).toEqual([true]);
    expect((await stored())[ID]).toEqual(posted);
  });

  it("unsubscribed through B: A drops it at once, and no replica posts there", async () => {
    channel = [];
    clock.set(at("09:00:00"));
    const [a, b] = [await replica(), await replica()];
    await subscribe(a, "10:00");
    await until(() => scheduled(b) === "10:00", "B to hear of the subscription");
    expect(await unsubscribe(b)).toBe("removed");
    await until(() => scheduled(a) === undefined, "A to hear of the unsubscribe");

    await moveTo("10:00:01", [a, b]);
    await moveTo("12:00:00", [a, b]);
    expect(channel).toEqual([]);
    expect(await stored()).toEqual({});
  });

  it("unsubscribed through B while A heard nothing: A's send finds it gone under the claim, sends nothing and drops it", async () => {
    channel = [];
    clock.set(at("09:00:00"));
    const a = await replica({ hears: "nothing" });
    const b = await replica();
    await subscribe(a, "10:00");
    await until(() => scheduled(b) === "10:00", "B to hear of the subscription");
    expect(await unsubscribe(b)).toBe("removed");
    await sleep(200);
    expect(scheduled(a)).toBe("10:00"); // A's schedule is stale

    await moveTo("10:00:01", [a, b]);
    expect(channel).toEqual([]);
    expect(a.slack.attempts).toEqual([]);
    expect(
      a.lines.filter((l) => l.destination === ID && /unsubscribed/.test(l.msg)).map((l) => l.msg),
    ).toEqual(["daily post not sent: the destination unsubscribed (through another replica)"]);
    await until(() => scheduled(a) === undefined, "A to drop the channel");
    // Nothing was sent or recorded for the day.
    expect((await stored())[ID]).toBeUndefined();
  });

  it("moved to 11:00 through B: nobody posts at 10:00, and the post goes out at 11:00, once", async () => {
    channel = [];
    clock.set(at("09:00:00"));
    const [a, b] = [await replica(), await replica()];
    await subscribe(a, "10:00");
    await until(() => scheduled(b) === "10:00", "B to hear of the subscription");
    expect(await subscribe(b, "11:00")).toMatchObject({
      kind: "subscribed",
      today: "later-today",
      previous: { time: "10:00", timeZone: ZONE },
    });
    await until(() => scheduled(a) === "11:00", "A to hear of the new time");

    await moveTo("10:00:01", [a, b]);
    expect(channel).toEqual([]);
    await moveTo("10:59:59", [a, b]);
    expect(channel).toEqual([]);
    await moveTo("11:00:01", [a, b]);
    expect(channel.map((p) => p.key)).toEqual([KEY]);
    const sentAt = [...a.sentAt, ...b.sentAt];
    expect(sentAt.map((t) => t >= new Date(at("11:00:00")).toISOString())).toEqual([true]);
    expect((await stored())[ID]).toEqual(posted);
  });

  it("moved to 11:00 through B while A heard nothing: A sends nothing at 10:00, reschedules, and posts at 11:00 once", async () => {
    channel = [];
    clock.set(at("09:00:00"));
    const a = await replica({ hears: "nothing" });
    const b = await replica();
    await subscribe(a, "10:00");
    await until(() => scheduled(b) === "10:00", "B to hear of the subscription");
    await subscribe(b, "11:00");
    await b.totd.stop(); // only A's stale schedule is left
    expect(scheduled(a)).toBe("10:00");

    await moveTo("10:00:01", [a]);
    expect(channel).toEqual([]);
    expect(
      a.lines.filter((l) => l.destination === ID && /not sent/.test(l.msg)).map((l) => l.msg),
    ).toEqual([
      "daily post not sent here: its time changed (through another replica); rescheduled",
    ]);
    await until(() => scheduled(a) === "11:00", "A to reschedule");
    await moveTo("11:00:01", [a]);
    expect(channel.map((p) => p.key)).toEqual([KEY]);
    expect(a.sentAt.map((t) => t >= new Date(at("11:00:00")).toISOString())).toEqual([true]);
    expect((await stored())[ID]).toEqual(posted);
  });

  it("an announcement missed while A's listener was cut off: A re-reads once it is back, and posts it", async () => {
    channel = [];
    clock.set(at("09:00:00"));
    const via = new URL(replicas.schema.url);
    via.port = String(proxy.port);
    const a = await replica({ listenVia: via.toString() });
    // A's start-up read must be over before B subscribes, or it would find 10:00 by itself.
    await until(
      () =>
        a.lines.some(
          (l) => l.msg === "subscriptions re-read" && /started listening/.test(String(l.why)),
        ),
      "A's start-up read",
    );
    const b = await replica();
    await proxy.down(); // A's listening connection drops and cannot come back yet
    expect(await subscribe(b, "10:00")).toMatchObject({ kind: "subscribed" });
    await sleep(300);
    expect(scheduled(a)).toBeUndefined(); // the announcement is gone for A
    await proxy.up();
    const msgs = () => a.lines.map((l) => l.msg);
    await until(
      () => msgs().includes("subscriptions changed through another replica: rescheduled"),
      "A to re-read once listening again",
      15_000,
    );
    expect(msgs()).toContain("notify listener back");
    expect(scheduled(a)).toBe("10:00");
    await b.totd.stop();

    await moveTo("10:00:01", [a]);
    expect(channel.map((p) => p.key)).toEqual([KEY]);
    expect(a.slack.attempts.map((p) => p.key)).toEqual([KEY]);
  });

  it("a missed announcement: the periodic re-read brings the subscription, and A posts it", async () => {
    channel = [];
    clock.set(at("09:00:00"));
    const a = await replica({ hears: "nothing", rereadEveryMs: 200 });
    const b = await replica();
    await subscribe(b, "10:00");
    const reread = () =>
      a.lines.find((l) => /subscriptions changed through another replica/.test(l.msg));
    await until(() => reread() !== undefined, "A's re-read to find the subscription");
    expect(reread()).toMatchObject({ added: 1, removed: 0, moved: 0 });
    expect(scheduled(a)).toBe("10:00");
    await b.totd.stop();

    await moveTo("10:00:01", [a]);
    expect(channel.map((p) => p.key)).toEqual([KEY]);
    expect(a.slack.attempts.map((p) => p.key)).toEqual([KEY]);
    expect((await stored())[ID]).toEqual(posted);
  });
});

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
