// Issue #7: the bot process killed with SIGKILL at random points of the daily post and
// restarted, for at least 50 cycles over many days: exactly one post per destination per
// day, none lost, none doubled, and no day's talk on another day.
//
// The child is the real bot (test/fixtures/totd-kill-bot.ts: loadConfig, startBot,
// REAL_ADAPTERS; Slack in HTTP mode) against the fake Slack Web API and the fake homeserver
// in this process, with 2 Slack channels and 2 Matrix rooms from TOTD_* (09:00 Berlin) and
// one of each subscribed from chat (in the state store: a Slack channel at 03:00 in New
// York, a Matrix room at 10:15 in Helsinki). Each start is a catch-up post: the bot's
// daily-post clock is set to the day's latest post time plus a little, running forward.
// Kill points (seeded, see kill-points.ts): a fake taking a post, a Matrix send or a
// history read, before it answers (the platform has it, the bot never hears back) or right
// after (the kill lands while the bot records it), or a random delay into the post. After
// each day's kills, a clean restart finishes the day and the day is checked.
//
// Repeat a failing run with the seed from its message: TOTD_KILL_SEED=<seed>.
//
// npm run test:soak runs it twice: test/soak/totd-kill.test.ts (50+ kills) and
// test/soak/totd-kill-smoke.test.ts (a few kills).
import { randomInt } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleFixture, type FixtureBundle } from "../../bench/shared/bundle.ts";
import { FakeHomeserver } from "../../bench/shared/fakes/homeserver.ts";
import { type FakeSlack, startFakeSlack } from "../../bench/shared/fakes/slack-web-api.ts";
import { seededRandom } from "../../bench/shared/prng.ts";
import { withPostKey } from "../../src/adapters/matrix/find-post.ts";
import { type Core, createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { namespaceFile } from "../../src/persist/file-store.ts";
import { matrixCardContent as renderMatrixCard } from "../../src/render/matrix/answer.ts";
import { renderPostedCard } from "../../src/render/slack/answer.ts";
import { createPostClock } from "../../src/totd/clock.ts";
import { TOTD_NAMESPACE } from "../../src/totd/records.ts";
import { SUBSCRIPTIONS_NAMESPACE, type SubscriptionRecord } from "../../src/totd/subscriptions.ts";
import { addDays } from "../../src/totd/today.ts";
import { arm, describeKillPoint, type KillPoint, killPointClass } from "./kill-points.ts";
import { matrixSettled } from "./matrix-settled.ts";
import { type BotChild, type BotPool, botPool } from "./prewarmed-bot.ts";

interface KillScenario {
  /** The test file, for the repeat command in failure messages. */
  readonly file: string;
  readonly minKills: number;
  /** The whole run's bound: ~40 s for 50 kills on a quiet 2-core machine. */
  readonly timeoutMs: number;
}

export function defineKillScenario({
  file,
  minKills: MIN_KILLS,
  timeoutMs: TEST_TIMEOUT_MS,
}: KillScenario): void {
  const SEED = process.env.TOTD_KILL_SEED ? Number(process.env.TOTD_KILL_SEED) : randomInt(2 ** 31);
  const rng = seededRandom(SEED);
  const where = (detail: string) =>
    `seed ${SEED} (repeat: TOTD_KILL_SEED=${SEED} npx vitest run ${file}), ${detail}`;

  const KILLS_PER_DAY = [2, 7] as const;
  /** The days run across the spring-forward change in Berlin (2026-03-29). */
  const FIRST_DAY = "2026-03-24";
  const TIME = "09:00";
  const ZONE = "Europe/Berlin";
  const OPERATOR_CHANNELS = ["C0KILL0001", "C0KILL0002"];
  /** Subscribed from chat: its own time and zone (New York's DST is not Berlin's). */
  const CHAT_CHANNEL = { id: "C0KILL0003", time: "03:00", timeZone: "America/New_York" };
  const CHAT_ROOM = { time: "10:15", timeZone: "Europe/Helsinki" };
  /** Every channel the bot posts to, the operator's and the subscribed one. */
  const CHANNELS = [...OPERATOR_CHANNELS, CHAT_CHANNEL.id];
  const SLACK_TOKEN = "xoxb-kill-0000-test-token";
  const SIGNING_SECRET = "kill-signing-secret-0000";
  const MATRIX_TOKEN = "syt_kill_matrix_token_0000";
  /** How long one process may take to finish the day's posts before the test gives up. */
  const DAY_TIMEOUT_MS = 15_000;

  let bundle: FixtureBundle;
  let slack: FakeSlack;
  let hs: FakeHomeserver;
  let rooms: string[];
  let stateDir: string;
  let core: Core;
  let pool: BotPool;
  const postClock = createPostClock(TIME, ZONE);

  /** The bot's daily-post clock: a fake instant at a real one, running in real time. */
  const clock = { fakeAt: 0, realAt: 0 };
  const fakeNow = () => clock.fakeAt + (Date.now() - clock.realAt);

  beforeAll(async () => {
    bundle = bundleFixture("test/fixtures/totd-kill-bot.ts");
    slack = await startFakeSlack({ token: SLACK_TOKEN, clock: fakeNow });
    hs = await FakeHomeserver.start({ accessToken: MATRIX_TOKEN });
    rooms = [hs.createRoom(), hs.createRoom(), hs.createRoom()]; // the last one subscribed
    stateDir = mkdtempSync(join(tmpdir(), "virt-talks-totd-kill-"));
    seedChatSubscriptions();
    core = createCore({ catalog: loadCatalog(), timeZone: ZONE });
    pool = botPool(bundle.file, {
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: "0",
      STATE_DIR: stateDir,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      MATRIX_HOMESERVER_URL: hs.url,
      MATRIX_ACCESS_TOKEN: MATRIX_TOKEN,
      TOTD_TIME: TIME,
      TOTD_TIMEZONE: ZONE,
      TOTD_SLACK_CHANNELS: OPERATOR_CHANNELS.join(","),
      TOTD_MATRIX_ROOMS: rooms.slice(0, 2).join(","),
    });
  }, 30_000);

  /** What `subscribe` from chat left in the state store before the first start. */
  function seedChatSubscriptions(): void {
    const record = (
      platform: "slack" | "matrix",
      destination: string,
      when: { time: string; timeZone: string },
    ): [string, { value: SubscriptionRecord }] => [
      `${platform}:${destination}`,
      {
        value: {
          platform,
          destination,
          time: when.time,
          timeZone: when.timeZone,
          byUser: "U0KILLMOD",
          by: "Moderator",
          at: "2026-03-01T10:00:00.000Z",
        },
      },
    ];
    const entries = Object.fromEntries([
      record("slack", CHAT_CHANNEL.id, CHAT_CHANNEL),
      record("matrix", rooms[2]!, CHAT_ROOM),
    ]);
    writeFileSync(
      namespaceFile(stateDir, SUBSCRIPTIONS_NAMESPACE),
      JSON.stringify({ version: 1, entries }),
    );
  }

  /** Every destination's post clock: the day's catch-up start is after the latest one. */
  const postClocks = [
    postClock,
    createPostClock(CHAT_CHANNEL.time, CHAT_CHANNEL.timeZone),
    createPostClock(CHAT_ROOM.time, CHAT_ROOM.timeZone),
  ];

  let processes = 0;
  /** The next bot process, started with the day's clock. */
  function nextBot(): BotChild {
    processes++;
    return pool.next(clock.fakeAt, clock.realAt);
  }

  afterAll(async () => {
    await pool?.killAll();
    await slack?.close();
    await hs?.close();
    bundle?.remove();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  interface DestinationState {
    readonly lastPosted: string | null;
    readonly settled: string | null;
    readonly intent: { readonly date: string; readonly inFlight: boolean } | null;
  }

  const destinations = () => [
    ...CHANNELS.map((c) => `slack:${c}`),
    ...rooms.map((r) => `matrix:${r}`),
  ];

  /** The state file as the last process left it (written atomically: never torn). */
  function readState(): Record<string, DestinationState> {
    try {
      const file = JSON.parse(readFileSync(namespaceFile(stateDir, TOTD_NAMESPACE), "utf8")) as {
        entries: Record<string, { value: DestinationState }>;
      };
      return Object.fromEntries(Object.entries(file.entries).map(([id, e]) => [id, e.value]));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
      throw err;
    }
  }

  /** Destinations not posted yet on `day`; throws if one was given up (a lost post). */
  function pending(day: string): string[] {
    const state = readState();
    return destinations().filter((id) => {
      const s = state[id];
      if (s?.settled === day && s.lastPosted !== day)
        throw new Error(where(`${id} was settled on ${day} without a post: ${JSON.stringify(s)}`));
      return s?.lastPosted !== day;
    });
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** Resolves once every destination is posted on `day`; stops polling when `over()` says so. */
  async function dayComplete(day: string, over: () => boolean): Promise<void> {
    const deadline = Date.now() + DAY_TIMEOUT_MS;
    while (!over()) {
      if (pending(day).length === 0) return;
      if (Date.now() > deadline) throw new Error(where(`${day} not complete: ${pending(day)}`));
      await sleep(15);
    }
  }

  /** Waits until neither fake has taken a request for `quietMs`. */
  async function fakesQuiet(quietMs: number): Promise<void> {
    const count = () => slack.calls.length + hs.requests.length;
    for (let seen = count(); ; ) {
      await sleep(quietMs);
      const now = count();
      if (now === seen) return;
      seen = now;
    }
  }

  /** A kill point the next process will reach, for what is still to do on `day`. */
  function chooseKillPoint(day: string, todo: readonly string[], before: Seen): KillPoint {
    // The sends run within ~50 ms of "daily post scheduled" (on a quiet machine).
    if (rng.next() < 0.2) return { kind: "delay", ms: rng.int(0, 40) };
    const state = readState();
    const points: KillPoint[] = [];
    for (const when of ["before-answer", "after-answer"] as const) {
      for (const channel of CHANNELS) {
        if (!todo.includes(`slack:${channel}`)) continue;
        // A post that reached the channel is found by the look, not sent again.
        if (slack.messagesIn(channel).length === before.slack[channel])
          points.push({ kind: "slack-post", channel, when });
        // An interrupted send is looked for in the channel first: kill during the look, too.
        const intent = state[`slack:${channel}`]?.intent;
        if (intent?.date === day && intent.inFlight)
          points.push({ kind: "slack-history", channel, when });
      }
      for (const room of rooms) {
        if (todo.includes(`matrix:${room}`)) points.push({ kind: "matrix-send", room, when });
      }
    }
    // Each kind as likely as the others: the Slack post is often out after the first kill.
    const kind = rng.pick([...new Set(points.map((p) => p.kind))]);
    return rng.pick(points.filter((p) => p.kind === kind));
  }

  /** Fails with the bot's output if it died without being killed. */
  async function expectKilledOnly(bot: BotChild, detail: string): Promise<void> {
    const exit = await bot.exited;
    if (!bot.killed || exit.signal !== "SIGKILL")
      throw new Error(
        where(`${detail}: the bot exited on its own (${JSON.stringify(exit)}):\n${bot.output()}`),
      );
  }

  /**
   * One process, killed at `point`: true. If it finishes the day before reaching the point,
   * it is the day's clean restart instead (see cleanFinish): false.
   */
  async function killCycle(day: string, point: KillPoint): Promise<boolean> {
    const bot = nextBot();
    const armed = arm(point, bot, { slack, hs });
    let over = false;
    const outcome = await Promise.race([
      armed.fired.then(() => "killed" as const),
      dayComplete(day, () => over).then(() => "complete" as const),
      bot.exited.then(() => "exited" as const),
    ]).finally(() => {
      over = true;
      armed.disarm();
    });
    if (outcome === "complete") await cleanFinish(day, bot);
    bot.kill();
    await expectKilledOnly(bot, `${day}, ${describeKillPoint(point)}`);
    // Requests the dead process had sent may still reach the fakes: let them land on this day.
    await fakesQuiet(30);
    return outcome === "killed";
  }

  /** A clean start that finishes the day (or finds it finished). */
  async function finalRun(day: string): Promise<void> {
    const bot = nextBot();
    let over = false;
    await Promise.race([
      dayComplete(day, () => over),
      bot.exited.then(() => {
        throw new Error(where(`${day}: the clean run exited:\n${bot.output()}`));
      }),
    ]).finally(() => {
      over = true;
    });
    await cleanFinish(day, bot);
    bot.kill();
    await expectKilledOnly(bot, `${day}, clean run`);
  }

  /** The day is done: the bot's start-up is over and no second post follows. */
  async function cleanFinish(day: string, bot: BotChild): Promise<void> {
    await bot.logged("virt-talks started").catch((err: Error) => {
      throw new Error(where(`${day}: ${err.message}`));
    });
    await fakesQuiet(100); // a second post, if there were one, would arrive now
  }

  interface Seen {
    readonly slack: Record<string, number>;
    readonly matrix: Record<string, number>;
  }

  const seenSoFar = (): Seen => ({
    slack: Object.fromEntries(CHANNELS.map((c) => [c, slack.messagesIn(c).length])),
    matrix: Object.fromEntries(rooms.map((r) => [r, hs.sentTo(r).length])),
  });

  /** Exactly one post per destination since `before`, and it is `day`'s talk. */
  function checkDay(day: string, before: Seen): void {
    const card = core.today(day).card;
    const slackText = renderPostedCard(card).text;
    for (const channel of CHANNELS) {
      const posts = slack.messagesIn(channel).slice(before.slack[channel]);
      expect(posts.length, where(`${day}: posts in ${channel}`)).toBe(1);
      expect(posts[0]!.metadata?.event_payload, where(`${day}: key in ${channel}`)).toEqual({
        key: `totd:${day}:slack:${channel}`,
      });
      expect(posts[0]!.text, where(`${day}: talk in ${channel}`)).toBe(slackText);
    }
    const matrixContent = renderMatrixCard(card);
    for (const room of rooms) {
      const posts = hs.sentTo(room).slice(before.matrix[room]);
      expect(posts.length, where(`${day}: posts in ${room}`)).toBe(1);
      expect(posts[0]!.content, where(`${day}: talk in ${room}`)).toEqual(
        withPostKey(matrixContent, `totd:${day}:matrix:${room}`),
      );
    }
    expect(pending(day), where(`${day}: state`)).toEqual([]);
  }

  describe("SIGKILL during the daily post (issue #7)", () => {
    it(
      `${MIN_KILLS}+ kills at random points, restarts: one post per destination per day`,
      async () => {
        const started = Date.now();
        const kills: Record<string, number> = {};
        /** Kill points the process finished the day before reaching. */
        const missed: Record<string, number> = {};
        let total = 0;
        let day = FIRST_DAY;
        const days: string[] = [];
        while (total < MIN_KILLS) {
          // Each day starts a little after its latest post time (all zones still on `day`):
          // every start is a catch-up post everywhere.
          const noon = new Date(`${day}T12:00:00Z`);
          const latest = Math.max(...postClocks.map((c) => c.postTimeToday(noon)!.getTime()));
          clock.fakeAt = latest + rng.int(1_000, 60_000);
          clock.realAt = Date.now();
          const before = seenSoFar();
          const planned = rng.int(...KILLS_PER_DAY);
          let finished = false; // by a process the kill point never came to
          for (let i = 0; i < planned && !finished && total < MIN_KILLS; i++) {
            const todo = pending(day);
            if (todo.length === 0) break; // a kill right after the last record
            const point = chooseKillPoint(day, todo, before);
            finished = !(await killCycle(day, point));
            const tally = finished ? missed : kills;
            tally[killPointClass(point)] = (tally[killPointClass(point)] ?? 0) + 1;
            if (!finished) total++;
          }
          if (!finished) await finalRun(day);
          checkDay(day, before);
          days.push(day);
          day = addDays(day, 1);
        }

        // Nothing else was ever posted, and no process let a secret into its output.
        const slackPosts = CHANNELS.reduce((n, c) => n + slack.messagesIn(c).length, 0);
        const matrixPosts = rooms.reduce((n, r) => n + hs.sentTo(r).length, 0);
        expect(slackPosts + matrixPosts, where("all posts")).toBe(
          days.length * destinations().length,
        );
        const output = pool.started.map((c) => c.output()).join("");
        for (const secret of [SLACK_TOKEN, SIGNING_SECRET, MATRIX_TOKEN])
          expect(output.includes(secret), where("a secret in the bots' output")).toBe(false);

        // Issue #22: an interrupted Matrix send is looked for, not repeated for the
        // homeserver to drop.
        const { foundByLookUp, sentAfterLook } = matrixSettled(output);
        const dropped = hs.repeatedSends.length;
        expect(dropped, where("Matrix sends repeated after the post had arrived")).toBe(0);
        console.log(
          `totd-kill: seed ${SEED}, ${total} kills over ${days.length} days ` +
            `(${days[0]} … ${days.at(-1)}), ${processes} processes, ` +
            `${((Date.now() - started) / 1000).toFixed(1)} s; kills ${JSON.stringify(kills)}, ` +
            `missed ${JSON.stringify(missed)}; Matrix interrupted sends found by look-up: ` +
            `${foundByLookUp}, sent after a look found nothing: ${sentAfterLook}, ` +
            `re-sent with the same txn id after the post had arrived: ${dropped}`,
        );
      },
      TEST_TIMEOUT_MS,
    );
  });
}
