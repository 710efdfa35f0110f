// npm run bench:replicas — several replicas on PostgreSQL beside one replica on the file
// store (issue #22), all on 127.0.0.1:
//   1. the state store alone: what PostgreSQL adds per answered Slack event (store-ops.ts);
//   2. Slack c50: signed app_mention events (each claimed in the store before it is
//      answered) from 50 closed-loop clients, round-robin over the replicas' ports (the load
//      balancer); three replicas on one PostgreSQL schema against one on the file store.
//      Every replica is the dist/ bundle `npm start` runs, a process of its own;
//   3. Matrix takeover: the syncer SIGKILLed, a message sent at that moment; seconds until
//      it is answered. Three replicas: a standby takes the lease over. One replica on the
//      file store: started again at once (the best a supervisor does).
// Medians of three rounds (alternating which setup goes first), side by side. The load
// generator and the fakes run in this process, on the same (2-core, shared) machine as the
// replicas: the throughput ratio is bounded by the cores, not only by the bot.
//
// BENCH_QUICK=1: one round, fewer requests (a smoke run; figures are noisy).
// Exit code: 0 every goal met, 1 a goal missed, 2 the benchmark itself failed.
import { availableParallelism, loadavg } from "node:os";
import pg from "pg";
import { errorBreakdown, type Figures, figures } from "../bot/load.ts";
import { TEXTS } from "../bot/run.ts";
import { buildBot } from "../shared/bot-command.ts";
import { FakeHomeserver } from "../shared/fakes/homeserver.ts";
import { startFakeSlack } from "../shared/fakes/slack-web-api.ts";
import { median, round } from "../shared/stats.ts";
import { type FleetOptions, startFleet } from "./fleet.ts";
import { runEventLevel, tally, tapThreadReplies } from "./slack-events.ts";
import { measureStoreOps } from "./store-ops.ts";
import { measureTakeover, type Takeover } from "./takeover.ts";

const QUICK = process.env.BENCH_QUICK === "1";
const ROUNDS = QUICK ? 1 : 3;
const STORE_OPS = QUICK ? 200 : 1_000;
const C50_COUNT = QUICK ? 550 : 2_200;
const WARMUP = 44;
const REPLICAS = 3;
const DATABASE_URL = process.env.DATABASE_URL?.trim() || "postgres://postgres@127.0.0.1:5432/test";
const SLACK_TOKEN = "xoxb-bench-0000-virt-talks";
const SIGNING_SECRET = "bench-signing-secret-0123456789";
const MATRIX_TOKEN = "syt_bench_matrix_token_0123456789";
/** The issue's goals. */
const GOALS = { throughputRatio: 2, takeoverMs: 10_000 };

type Setup = "one/file" | "three/pg";
const SETUPS: readonly Setup[] = ["one/file", "three/pg"];

const log = (line = "") => process.stdout.write(`${line}\n`);
const loadLine = () => {
  const [one, five] = loadavg();
  return `load average ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min)`;
};

let schemas = 0;
/** A fresh schema for one setup's run; dropped by the returned function. */
function schemaFor(setup: Setup): { database: FleetOptions["database"]; drop(): Promise<void> } {
  if (setup === "one/file") return { database: null, drop: async () => {} };
  const schema = `vt_bench_replicas_${process.pid}_${++schemas}`;
  return {
    database: { url: DATABASE_URL, schema },
    async drop() {
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
      await admin.end();
    },
  };
}

interface SlackFigures extends Figures {
  /** Answered, but after the 5 s the figures wait (in `errors`). */
  readonly late: number;
  readonly lost: number;
  readonly doubled: number;
}

async function slackRound(setup: Setup): Promise<SlackFigures> {
  const fake = await startFakeSlack({ token: SLACK_TOKEN });
  const { database, drop } = schemaFor(setup);
  const fleet = startFleet({
    database,
    adapters: ["slack"],
    env: {
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: "",
      SLACK_API_URL: fake.apiUrl,
      MATRIX_HOMESERVER_URL: "",
      MATRIX_ACCESS_TOKEN: "",
    },
  });
  try {
    const count = setup === "one/file" ? 1 : REPLICAS;
    // One after another: three cold starts at once would only measure the start-up.
    for (let i = 0; i < count; i++) await fleet.add();
    const arrivals = tapThreadReplies(fake, 10 * 60_000);
    const load = {
      fake,
      arrivals,
      ports: fleet.replicas.map((r) => r.port),
      signingSecret: SIGNING_SECRET,
      replyTimeoutMs: 5_000,
      sent: [] as string[],
    };
    await runEventLevel(load, { concurrency: 1, count: WARMUP, deadlineMs: 30_000 }, TEXTS);
    const run = await runEventLevel(
      load,
      { concurrency: 50, count: C50_COUNT, deadlineMs: 60_000 },
      TEXTS,
    );
    // Answers still on their way are waited for (10 s at most) before counting the lost.
    const deadline = Date.now() + 10_000;
    while (tally(fake, load.sent).lost > 0 && Date.now() < deadline) await fake.settle(500);
    const f = figures(run);
    const { lost, doubled } = tally(fake, load.sent);
    if (lost || doubled || f.errors) {
      const warned = new Map<string, number>();
      for (const r of fleet.replicas)
        for (const [k, v] of r.bot.warnings()) warned.set(k, (warned.get(k) ?? 0) + v);
      log(
        `    ${setup}: ${errorBreakdown(run)}; replicas logged ${[...warned].map(([k, v]) => `${k} ×${v}`).join("; ")}`,
      );
    }
    return { ...f, late: f.errors - lost, lost, doubled };
  } finally {
    await fleet.close();
    await fake.close();
    await drop();
  }
}

async function takeoverRounds(setup: Setup): Promise<Takeover[]> {
  const hs = await FakeHomeserver.start({ accessToken: MATRIX_TOKEN });
  const room = hs.createRoom({ members: ["@alice:fake.test"] });
  const { database, drop } = schemaFor(setup);
  const fleet = startFleet({
    database,
    adapters: ["matrix"],
    env: {
      SLACK_BOT_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      SLACK_APP_TOKEN: "",
      MATRIX_HOMESERVER_URL: hs.url,
      MATRIX_ACCESS_TOKEN: MATRIX_TOKEN,
      MATRIX_ALLOWED_SERVERS: "",
      MATRIX_ALLOWED_ROOMS: "",
    },
  });
  try {
    const count = setup === "one/file" ? 1 : REPLICAS;
    for (let i = 0; i < count; i++) await fleet.add();
    const out: Takeover[] = [];
    for (let r = 0; r < ROUNDS; r++)
      out.push(await measureTakeover(fleet, hs, room, setup === "one/file"));
    return out;
  } finally {
    await fleet.close();
    await hs.close();
    await drop();
  }
}

const ms = (n: number | null) => (n === null ? "–" : `${round(n, 1)}`);

async function main(): Promise<number> {
  log("virt-talks bench:replicas — three replicas on PostgreSQL beside one on the file store");
  buildBot();
  log(
    `${availableParallelism()} CPUs, shared by the replicas, the load generator and the fakes (one process); ${loadLine()}`,
  );
  log(
    `${ROUNDS} round(s)${QUICK ? " [BENCH_QUICK]" : ""}; PostgreSQL ${new URL(DATABASE_URL).host}`,
  );
  log();

  const storeOk = await measureStoreOps(DATABASE_URL, ROUNDS, STORE_OPS, log);
  log();

  log(
    `Slack c50: ${C50_COUNT} app_mention events over 50 clients (+${WARMUP} warm-up), round-robin over the replicas`,
  );
  const slack = new Map<Setup, SlackFigures[]>(SETUPS.map((s) => [s, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const setup of r % 2 === 0 ? SETUPS : [...SETUPS].reverse()) {
      const f = await slackRound(setup);
      slack.get(setup)!.push(f);
      log(
        `  round ${r + 1} ${setup}: ${f.rps} answers/s, p50 ${f.p50_ms} ms, p99 ${f.p99_ms} ms; answered after 5 s ${f.late}, lost ${f.lost}, doubled ${f.doubled}`,
      );
    }
  }
  const med = (setup: Setup, k: "rps" | "p50_ms" | "p99_ms") =>
    median(slack.get(setup)!.flatMap((f) => (f[k] === null ? [] : [f[k]!])));
  const total = (setup: Setup, k: "late" | "lost" | "doubled") =>
    slack.get(setup)!.reduce((n, f) => n + f[k], 0);
  log(["setup", "answers/s", "p50 ms", "p99 ms", "after 5 s", "lost", "doubled"].join("\t"));
  for (const s of SETUPS)
    log(
      [
        s,
        ms(med(s, "rps")),
        ms(med(s, "p50_ms")),
        ms(med(s, "p99_ms")),
        total(s, "late"),
        total(s, "lost"),
        total(s, "doubled"),
      ].join("\t"),
    );
  const ratio =
    (med("three/pg", "rps") ?? 0) / (med("one/file", "rps") ?? Number.POSITIVE_INFINITY);
  const p99ok = (med("three/pg", "p99_ms") ?? Infinity) <= (med("one/file", "p99_ms") ?? 0);
  log(
    `three/one throughput ${round(ratio, 2)}× (goal ≥ ${GOALS.throughputRatio}×): ${ratio >= GOALS.throughputRatio ? "met" : "MISSED"}; ` +
      `p99 three ≤ one: ${p99ok ? "met" : "MISSED"} — ${availableParallelism()} CPUs for 3 replicas + PostgreSQL + the load generator`,
  );
  const once = SETUPS.every((s) => total(s, "lost") === 0 && total(s, "doubled") === 0);
  log(`every event answered exactly once: ${once ? "yes" : "NO"}`);
  log();

  log(
    "Matrix takeover: the syncer SIGKILLed, then a question every 250 ms; seconds until the first answer",
  );
  const takeovers = new Map<Setup, Takeover[]>();
  for (const setup of SETUPS) {
    const t = await takeoverRounds(setup);
    takeovers.set(setup, t);
    log(
      `  ${setup}: ${t.map((x) => `${(x.ms / 1000).toFixed(1)} s (${x.asked} asked, ${x.unanswered} unanswered, ${x.doubled} doubled)`).join("; ")}`,
    );
  }
  log(["setup", "median s", "max s", "unanswered", "doubled"].join("\t"));
  for (const s of SETUPS) {
    const t = takeovers.get(s)!;
    log(
      [
        s === "one/file" ? "one/file (restarted at once)" : s,
        ms((median(t.map((x) => x.ms)) ?? 0) / 1000),
        ms(Math.max(...t.map((x) => x.ms)) / 1000),
        t.reduce((n, x) => n + x.unanswered, 0),
        t.reduce((n, x) => n + x.doubled, 0),
      ].join("\t"),
    );
  }
  const three = takeovers.get("three/pg")!;
  const takeoverOk =
    Math.max(...three.map((x) => x.ms)) <= GOALS.takeoverMs &&
    three.every((x) => x.unanswered === 0 && x.doubled === 0);
  log(
    `three/pg takeover ≤ ${GOALS.takeoverMs / 1000} s every time, every question answered once: ${takeoverOk ? "met" : "MISSED"}`,
  );
  log(`machine afterwards: ${loadLine()}`);
  const met = [storeOk, ratio >= GOALS.throughputRatio, p99ok, takeoverOk, once];
  return met.every(Boolean) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
