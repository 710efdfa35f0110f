// bench:replicas, part 1 (bench/replicas/main.ts): what the PostgreSQL state store adds to
// an answer, beside the file store (issue #22's goal: ≤ 1 ms of p50 per answer).
//
// Per store (the file store in a temporary STATE_DIR; PostgreSQL in a fresh schema,
// dropped afterwards), one operation after another:
//   - claim+done: put-if-absent of a Slack event claim, then its "done" mark: what every
//     answered Slack event costs in the store (event-dedupe.ts);
//   - get, put: a read and a write of one subscription-sized record;
//   - lease round: one renewal of the syncer lease (PostgreSQL only).
// `ops` operations per kind and round, `rounds` rounds alternating which store goes first;
// the table shows medians over the rounds of each round's p50 and p99 (ms).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { StateStore } from "../../src/core/state-store.ts";
import { createLogger } from "../../src/log.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import { createLease } from "../../src/persist/lease.ts";
import { createPgStore, type PgStateStore } from "../../src/persist/pg-store.ts";
import { median, percentile, round } from "../shared/stats.ts";

const logger = createLogger({ level: "silent", pretty: false });

type Kind = "claim+done" | "get" | "put" | "lease round";
type Timings = Map<Kind, number[]>;

interface Subject {
  readonly name: "file" | "postgres";
  readonly store: StateStore;
  readonly pg: PgStateStore | null;
}

const record = { channel: "C0BENCH0001", time: "09:00", timeZone: "Europe/Berlin", by: "U0BENCH" };

async function time(out: number[], op: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await op();
  out.push(performance.now() - started);
}

async function measure(subject: Subject, round: number, ops: number): Promise<Timings> {
  const t: Timings = new Map();
  const samples = (k: Kind) => {
    const list: number[] = [];
    t.set(k, list);
    return list;
  };
  const events = await subject.store.open("slack-events", (raw) => raw);
  const subs = await subject.store.open("subscriptions", (raw) => raw);
  const claims = samples("claim+done");
  for (let i = 0; i < ops; i++) {
    const id = `Ev0BENCH${round}x${i}`;
    await time(claims, async () => {
      await events.putIfAbsent(id, { holder: "bench", state: "claimed", at: 0 }, { ttlMs: 30_000 });
      await events.put(id, { holder: "bench", state: "done", at: 0 }, { ttlMs: 3_600_000 });
    });
  }
  const puts = samples("put");
  for (let i = 0; i < ops; i++) await time(puts, () => subs.put(`slack:C${i % 50}`, record));
  const gets = samples("get");
  for (let i = 0; i < ops; i++) await time(gets, () => subs.get(`slack:C${i % 50}`));
  if (subject.pg) {
    const lease = createLease({ store: subject.pg, name: `bench-${round}`, logger });
    const rounds = samples("lease round");
    for (let i = 0; i < ops; i++) await time(rounds, () => lease.tick());
    await lease.stop();
  }
  return t;
}

/** Prints the table; true when the PostgreSQL store met its goal. */
export async function measureStoreOps(
  databaseUrl: string,
  rounds: number,
  ops: number,
  log: (line: string) => void,
): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), "virt-talks-bench-replicas-"));
  const schema = `vt_bench_${process.pid}`;
  const pgStore = createPgStore({ connectionString: databaseUrl, schema, logger });
  await pgStore.ready();
  const subjects: Subject[] = [
    { name: "file", store: createFileStore({ dir, logger }), pg: null },
    { name: "postgres", store: pgStore, pg: pgStore },
  ];
  const perRound = new Map<string, Array<{ p50: number; p99: number }>>();
  try {
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? subjects : [...subjects].reverse();
      for (const s of order) {
        for (const [kind, list] of await measure(s, r, ops)) {
          const sorted = [...list].sort((a, b) => a - b);
          const key = `${s.name}\t${kind}`;
          const rows = perRound.get(key) ?? [];
          rows.push({ p50: percentile(sorted, 50)!, p99: percentile(sorted, 99)! });
          perRound.set(key, rows);
        }
      }
    }
  } finally {
    await pgStore.close();
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
  const med = (key: string, f: "p50" | "p99") => median((perRound.get(key) ?? []).map((x) => x[f]));
  log(`state-store operations, ${rounds} round(s) × ${ops} each, medians (ms)`);
  log(["store", "operation", "p50", "p99"].join("\t"));
  for (const key of perRound.keys())
    log([key, round(med(key, "p50")!, 3), round(med(key, "p99")!, 3)].join("\t"));
  const added = med("postgres\tclaim+done", "p50")! - med("file\tclaim+done", "p50")!;
  log(
    `PostgreSQL adds ${round(added, 3)} ms of p50 per answered Slack event over the file store (goal ≤ 1 ms): ${added <= 1 ? "met" : "MISSED"}`,
  );
  return added <= 1;
}
