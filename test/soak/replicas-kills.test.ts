// Soak (issue #22): three replicas as processes (the dist/ bundle `npm start` runs) on one
// PostgreSQL schema, under steady Slack and Matrix load, while 50 random SIGKILLs hit them
// (the Matrix syncer among them, as chance has it) and PostgreSQL goes away twice. Each
// killed replica is replaced at once, as a supervisor would.
//
// Slack is played as Slack plays it: a signed app_mention per event to the next replica
// (round-robin: the load balancer); no 200 within 3 s (a dead replica, a refused
// connection) → the same event again to the next one with X-Slack-Retry-Num, up to three
// retries (Slack's 1 and 5 minute waits shortened). Matrix: a message from a person of
// their own every few hundred ms into the fake homeserver's room.
//
// "PostgreSQL restarted": NOT a real `pg_ctlcluster … restart`. This machine's one server
// is shared with other suites and other checkouts running at the same time, which a real
// restart would break. Instead the replicas reach PostgreSQL through a local TCP proxy
// (test/support/tcp-proxy.ts); a restart here is: the server ends the replicas' backends
// (pg_terminate_backend, found by this run's application_name, as a shutdown does: 57P01),
// the proxy refuses new connections and cuts any opened meanwhile, and 3 s later it accepts
// again. What the replicas see is what a restart shows them; the server itself stays up.
//
// Counted at the end: lost = an event (Slack) or message (Matrix) never answered;
// doubled = answered more than once. For Matrix also the re-sends of one reply (the same
// transaction id: the homeserver shows it once) after a syncer died between sending and
// storing its sync token.
//
// Asserted, the issue's goal: no Slack event lost (claims and event copies stored before
// the ack, swept from dead holders) or answered twice (a takeover looks for the dead
// replica's answer first: find-answer.ts), no Matrix message lost (a new syncer answers
// what the stored token replays, even from before it started) or answered twice in the
// room (a replayed question our reply already answers is skipped: replied.ts).
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Fleet, type Replica, startFleet } from "../../bench/replicas/fleet.ts";
import { postEvent } from "../../bench/replicas/slack-events.ts";
import { FakeHomeserver } from "../../bench/shared/fakes/homeserver.ts";
import { type FakeSlack, startFakeSlack } from "../../bench/shared/fakes/slack-web-api.ts";
import { mentionBody } from "../../bench/shared/slack-signing.ts";
import { txnIdFor } from "../../src/adapters/matrix/sender.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { MATRIX_HARNESS_TOKEN, SLACK_HARNESS } from "../support/secrets.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";

const KILLS = 50;
const KILL_EVERY_MS = 1_600;
/** After which kills PostgreSQL "restarts". */
const PG_RESTARTS = new Set([17, 34]);
const PG_DOWN_MS = 3_000;
const SLACK_EVERY_MS = 100;
const MATRIX_EVERY_MS = 300;
/** Slack's retries (at once, 1 min, 5 min), shortened. */
const SLACK_RETRY_DELAYS_MS = [500, 2_000, 4_000];
/**
 * Once the load stops, answers may come in as long as they keep coming, but no longer than
 * SETTLE_MS. The events of holders killed during the load wait for a sweep: a sweeper runs
 * a lease's half (15 s) after its replica started, and a replica lives a few seconds here,
 * so they are answered after the load, one after another; at a load of 30, 73 of them took
 * longer than the 60 s this used to be. An event nobody answers for a lease and a half
 * after the last answer (every sweeper has had its turn) is lost.
 */
const SETTLE_MS = 240_000;
const SETTLE_QUIET_MS = 60_000;

const SLACK_TOKEN = SLACK_HARNESS.botToken;
const SIGNING_SECRET = SLACK_HARNESS.signingSecret;
const MATRIX_TOKEN = MATRIX_HARNESS_TOKEN;

describePg("soak: three replicas, 50 SIGKILLs, PostgreSQL away twice", () => {
  let schema: TestSchema;
  let proxy: TcpProxy;
  let fake: FakeSlack;
  let hs: FakeHomeserver;
  let fleet: Fleet;
  let appName: string;
  /** Ends the load and the starts (afterAll, also when the test ran out of time). */
  let stopAll = () => {};
  /** How far the faults got and how long replicas took to start: shown if time runs out. */
  const progress = { kills: 0, startsMs: [] as number[], settling: "", done: false };
  const startTimes = () => {
    const sorted = [...progress.startsMs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return `${sorted.length} replica starts, median ${(median / 1000).toFixed(1)} s, max ${((sorted.at(-1) ?? 0) / 1000).toFixed(1)} s`;
  };

  beforeAll(async () => {
    schema = freshSchema("soak_replicas");
    const target = new URL(schema.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const url = new URL(schema.url);
    url.port = String(proxy.port);
    appName = schema.name; // this run's backends, and no one else's
    url.searchParams.set("application_name", appName);
    fake = await startFakeSlack({ token: SLACK_TOKEN });
    hs = await FakeHomeserver.start({ accessToken: MATRIX_TOKEN });
    fleet = startFleet({
      database: { url: url.toString(), schema: schema.name },
      adapters: ["slack", "matrix"],
      env: {
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_APP_TOKEN: "",
        SLACK_API_URL: fake.apiUrl,
        MATRIX_HOMESERVER_URL: hs.url,
        MATRIX_ACCESS_TOKEN: MATRIX_TOKEN,
        MATRIX_ALLOWED_SERVERS: "",
        MATRIX_ALLOWED_ROOMS: "",
      },
    });
  });
  afterAll(async () => {
    if (!progress.done)
      console.warn(
        `stopped after ${progress.kills} kills; ${startTimes()}; ${progress.settling || "not settling yet"}`,
      );
    stopAll();
    await fleet?.close();
    await proxy?.up(); // whatever happened, the proxy is not left refusing
    await proxy?.close();
    await fake?.close();
    await hs?.close();
    await schema?.drop();
  });

  /** What a PostgreSQL restart does to the replicas, without restarting the shared server. */
  async function pgRestart(): Promise<number> {
    // First the server's side of a shutdown: every backend of this run ended (the replicas
    // read 57P01 on their connections); then nothing accepted for a while.
    const admin = new pg.Client({ connectionString: schema.url });
    let ended = 0;
    try {
      await admin.connect();
      const r = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
        [appName],
      );
      ended = r.rowCount ?? 0;
    } finally {
      await admin.end().catch(() => {});
      await proxy.down();
      await sleep(PG_DOWN_MS);
      await proxy.up();
    }
    return ended;
  }

  it("answers every Slack event and every Matrix message exactly once", async () => {
    const started = Date.now();
    const room = hs.createRoom({ members: ["@alice:fake.test"] });
    const ready = new Set<Replica>();
    const everyone: Replica[] = [];
    let failedStarts = 0;
    let closing = false;
    const spawn = async () => {
      try {
        const t0 = Date.now();
        const r = await fleet.add();
        progress.startsMs.push(Date.now() - t0);
        everyone.push(r);
        ready.add(r);
      } catch (error) {
        if (closing) return; // the test ran out of time: the fleet is being closed
        failedStarts++;
        console.warn(`a replacement replica did not start: ${(error as Error).message}`);
      }
    };
    const at = () => ((Date.now() - started) / 1000).toFixed(1);
    const timeline: string[] = [];
    for (let i = 0; i < 3; i++) await spawn();

    // ---- Slack: events, each delivered (and retried) as Slack does ----
    const events: { ts: string; acked: boolean; deliveries: number; at: string }[] = [];
    let turn = 0;
    const nextPort = () => {
      const live = [...ready];
      return live.length ? live[turn++ % live.length]!.port : 1;
    };
    async function deliver(n: number): Promise<void> {
      const ts = `1700000000.${String(n).padStart(6, "0")}`;
      const ev = { ts, acked: false, deliveries: 0, at: at() };
      events.push(ev);
      const body = mentionBody({
        eventId: `Ev0SOAK${String(n).padStart(6, "0")}`,
        text: "<@UBOT0001> numa",
        userId: `USOAK${String(n).padStart(6, "0")}`,
        channelId: "C0SOAK001",
        ts,
      });
      for (let attempt = 0; attempt <= SLACK_RETRY_DELAYS_MS.length; attempt++) {
        if (attempt) await sleep(SLACK_RETRY_DELAYS_MS[attempt - 1]!);
        ev.deliveries++;
        const status = await postEvent(undefined, nextPort(), body, SIGNING_SECRET, {
          headers: attempt
            ? { "x-slack-retry-num": String(attempt), "x-slack-retry-reason": "http_timeout" }
            : {},
        });
        if (status === 200) {
          ev.acked = true;
          return;
        }
      }
    }
    // ---- Matrix: a message from a person of their own every few hundred ms ----
    const messages: string[] = [];
    const sentAt = new Map<string, string>();
    let running = true;
    stopAll = () => {
      running = false;
      closing = true;
    };
    const deliveries: Promise<void>[] = [];
    const slackLoad = (async () => {
      for (let n = 1; running; n++) {
        deliveries.push(deliver(n));
        await sleep(SLACK_EVERY_MS);
      }
    })();
    const matrixLoad = (async () => {
      for (let n = 1; running; n++) {
        const id = hs.message(room, `@soak-${n}:fake.test`, "!virt numa");
        messages.push(id);
        sentAt.set(id, at());
        await sleep(MATRIX_EVERY_MS);
      }
    })();

    // ---- Faults ----
    let syncerKills = 0;
    let pgBackendsEnded = 0;
    const starts: Promise<void>[] = [];
    for (let k = 1; k <= KILLS; k++) {
      await sleep(KILL_EVERY_MS);
      while (ready.size < 2) await sleep(100);
      let victim: Replica | undefined;
      if (k % 3 === 0) {
        for (const r of ready) if ((await fleet.health(r))?.replica?.role === "syncer") victim = r;
        if (victim) syncerKills++;
        if (victim) timeline.push(`${at()} s: syncer killed`);
      }
      const live = [...ready];
      victim ??= live[Math.floor(Math.random() * live.length)]!;
      ready.delete(victim);
      await fleet.kill(victim);
      progress.kills = k;
      starts.push(spawn());
      if (PG_RESTARTS.has(k)) {
        timeline.push(`${at()} s: PostgreSQL away`);
        pgBackendsEnded += await pgRestart();
      }
    }
    running = false;
    await Promise.all([slackLoad, matrixLoad, ...starts]);
    await Promise.all(deliveries);
    const loadMs = Date.now() - started;

    // ---- Settle and count ----
    // The answers left in the channel: a second answer sent without a claim (the database
    // away) is taken back by its sender (unclaimed-answers.ts), and counted apart.
    const slackPosts = () => {
      const per = new Map<unknown, number>();
      for (const m of fake.messagesIn("C0SOAK001"))
        per.set(m.thread_ts, (per.get(m.thread_ts) ?? 0) + 1);
      return per;
    };
    const attempts = () => {
      const per = new Map<string, number>();
      for (const a of hs.sendAttempts) per.set(a.txnId, (per.get(a.txnId) ?? 0) + 1);
      return per;
    };
    const txnOf = (eventId: string) => txnIdFor("reply", room, eventId);
    const unanswered = () => ({
      slack: events.filter((e) => !slackPosts().has(e.ts)).length,
      matrix: messages.filter((m) => !attempts().has(txnOf(m))).length,
    });
    const settleStart = Date.now();
    let lastProgress = settleStart;
    let left = Number.POSITIVE_INFINITY;
    while (Date.now() - settleStart < SETTLE_MS && Date.now() - lastProgress < SETTLE_QUIET_MS) {
      const u = unanswered();
      if (u.slack === 0 && u.matrix === 0) break;
      if (u.slack + u.matrix < left) lastProgress = Date.now();
      left = u.slack + u.matrix;
      progress.settling = `settling for ${((Date.now() - settleStart) / 1000).toFixed(0)} s after ${((settleStart - started) / 1000).toFixed(0)} s of load: ${u.slack} Slack events and ${u.matrix} Matrix messages unanswered`;
      await sleep(500);
    }
    await sleep(2_000); // a late second answer would show by now
    progress.done = true;
    const settleMs = Date.now() - settleStart;

    const posts = slackPosts();
    const sends = attempts();
    // Distinct replies (by transaction id or not) to one message, as the room shows them.
    const shown = new Map<string, number>();
    for (const s of hs.sent) {
      const rel = s.content["m.relates_to"] as
        | { "m.in_reply_to"?: { event_id?: string } }
        | undefined;
      const to = rel?.["m.in_reply_to"]?.event_id;
      if (to) shown.set(to, (shown.get(to) ?? 0) + 1);
    }
    const slack = {
      events: events.length,
      lost: events.filter((e) => !posts.has(e.ts)).length,
      doubled: events.filter((e) => (posts.get(e.ts) ?? 0) > 1).length,
      retried: events.filter((e) => e.deliveries > 1).length,
      neverAcked: events.filter((e) => !e.acked).length,
    };
    const matrix = {
      messages: messages.length,
      lost: messages.filter((m) => !sends.has(txnOf(m))).length,
      doubled: messages.filter((m) => (shown.get(m) ?? 0) > 1).length,
      resent: messages.filter((m) => (sends.get(txnOf(m)) ?? 0) > 1).length,
    };
    console.log(
      `replicas soak: ${KILLS} SIGKILLs (${syncerKills} of the Matrix syncer), PostgreSQL away ${PG_RESTARTS.size}× for ${PG_DOWN_MS / 1000} s (${pgBackendsEnded} backends ended), ` +
        `${(loadMs / 1000).toFixed(0)} s of load + ${(settleMs / 1000).toFixed(0)} s to settle; ${startTimes()}\n` +
        `  Slack: ${slack.events} events, ${slack.lost} lost, ${slack.doubled} doubled${slack.doubled ? " (goal 0: NOT met)" : ""} (${slack.retried} needed a retry, ${slack.neverAcked} never acked, ${fake.callsTo("chat.delete").length} second answers withdrawn)\n` +
        `  Matrix: ${matrix.messages} messages, ${matrix.lost} lost${matrix.lost ? " (goal 0: NOT met)" : ""}, ${matrix.doubled} doubled in the room; ` +
        `${matrix.resent} replies sent again under the same transaction id after a syncer died`,
    );
    if (slack.lost + slack.doubled + matrix.lost + matrix.doubled > 0) {
      const warned = new Map<string, number>();
      for (const r of everyone)
        for (const [k, v] of r.bot.warnings()) warned.set(k, (warned.get(k) ?? 0) + v);
      const firstAt = new Map<unknown, number>();
      const gaps: string[] = [];
      for (const c of fake.callsTo("chat.postMessage", { all: true })) {
        const first = firstAt.get(c.body.thread_ts);
        if (first === undefined) firstAt.set(c.body.thread_ts, c.at);
        else
          gaps.push(
            `${((first - started) / 1000).toFixed(1)}+${((c.at - first) / 1000).toFixed(1)} s`,
          );
      }
      console.log(
        `  diagnostics: Slack answers given twice (first at + second after) ${gaps.slice(0, 20).join(", ")}\n` +
          `  Slack lost, sent at (s) × deliveries: ${events
            .filter((e) => !posts.has(e.ts))
            .map((e) => `${e.at}×${e.deliveries}`)
            .slice(0, 40)
            .join(", ")}\n` +
          `  Matrix lost, sent at (s): ${messages
            .filter((m) => !sends.has(txnOf(m)))
            .map((m) => sentAt.get(m))
            .slice(0, 40)
            .join(", ")}\n` +
          `  ${timeline.join("; ")}\n` +
          `  replicas logged: ${[...warned].map(([k, v]) => `${k} ×${v}`).join("; ")}`,
      );
    }
    expect({
      failedStarts,
      slackLost: slack.lost,
      slackDoubled: slack.doubled,
      matrixLost: matrix.lost,
      matrixDoubled: matrix.doubled,
    }).toEqual({
      failedStarts: 0,
      slackLost: 0,
      slackDoubled: 0,
      matrixLost: 0,
      matrixDoubled: 0,
    });
    // Paced by replica starts (each kill waits for two live replicas): 98 s of load with
    // starts of 2.5 s (median), 166 s at 4.5 s on a loaded machine (max 18 s), more beside
    // totd-replicas' 157 processes, where 295 s ran out once; then up to 62 s to settle.
    // 369 s in all in CI beside the other soaks; more than 600 s with the machine loaded
    // to 10-13 by other work.
  }, 900_000);
});
