// One Matrix syncer among replicas, on the real PostgreSQL and the fake homeserver: each
// replica is the real wiring (startReplica's "matrix-sync" lease, the single-syncer
// wrapper, the real Matrix adapter and SDK), in this process with a pool of its own.
// Lease timings are short (3 s) so a takeover happens within the test's patience.
import { performance } from "node:perf_hooks";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FakeHomeserver } from "../../../bench/shared/fakes/homeserver.ts";
import {
  createMatrixAdapter,
  type MatrixChatAdapter,
} from "../../../src/adapters/matrix/adapter.ts";
import { createSender, txnIdFor } from "../../../src/adapters/matrix/sender.ts";
import { createSingleSyncer } from "../../../src/adapters/matrix/single-syncer.ts";
import { type Replica, startReplica } from "../../../src/app/replica.ts";
import { createRateLimiter } from "../../../src/core/rate-limit.ts";
import { createTurn } from "../../../src/core/turn.ts";
import { createReplicaCounters } from "../../../src/http/replica-metrics.ts";
import { createPgStore, type PgStateStore } from "../../../src/persist/pg-store.ts";
import { silent } from "../../persist/store-places.ts";
import { alice, FAST, realLibrary, TOKEN } from "../../support/matrix-harness.ts";
import { describePg, freshSchema, type TestSchema } from "../../support/postgres.ts";

/**
 * A holder keeps its lease through a stall of ttl - renewEvery (2.7 s): the 2 shared cores
 * here, at a load of 10 to 30, stalled a worker past 1.2 s (the lease was 1.5 s), and the
 * holder lost it with no pause of the test's making.
 */
const LEASE = { ttlMs: 3_000, renewEveryMs: 300, standbyPollMs: 100 };
/** Long enough for a lease to run out and be taken over, with room to spare. */
const TAKEOVER_PATIENCE_MS = 10_000;

interface TestReplica {
  readonly store: PgStateStore;
  readonly replica: Replica;
  readonly adapter: MatrixChatAdapter;
  /** How many Matrix adapters (terms as the syncer) it built. */
  readonly terms: { count: number };
  /** Added to its monotonic clock: a pause past its lease, as SIGSTOP would make it. */
  readonly clock: { pausedMs: number };
  readonly registry: Registry;
}

describePg("one Matrix syncer among replicas", () => {
  let schema: TestSchema;
  let hs: FakeHomeserver;
  let replicas: TestReplica[] = [];

  beforeAll(() => {
    schema = freshSchema("syncer");
  });
  afterEach(async () => {
    for (const r of replicas) {
      await r.adapter.stop();
      await r.replica.stop();
      await r.store.close().catch(() => {}); // closed already by a test
    }
    replicas = [];
    await hs.close();
    await schema.query(`DROP SCHEMA IF EXISTS "${schema.name}" CASCADE`);
  });
  afterAll(() => schema.drop());

  async function startOne(): Promise<TestReplica> {
    const store = createPgStore({
      connectionString: schema.url,
      schema: schema.name,
      logger: silent,
    });
    await store.ready();
    // Built before the lease's first round: the catalog's first load blocks this process
    // for a second or two on a loaded machine, longer than the lease is held unrenewed.
    const deps = {
      turn: createTurn({ library: realLibrary(), rateLimiter: createRateLimiter() }),
      logger: silent,
      observer: { answered: () => {} },
      state: store,
    };
    const registry = new Registry();
    const clock = { pausedMs: 0 };
    const replica = startReplica({
      postgres: store,
      matrix: true,
      counters: createReplicaCounters([registry]),
      logger: silent,
      lease: { ...LEASE, monotonic: () => performance.now() + clock.pausedMs },
    });
    const lease = replica.deps.matrixSync;
    if (!lease) throw new Error("no matrix-sync lease with matrix configured");
    const config = {
      homeserverUrl: hs.url,
      accessToken: TOKEN,
      allowedServers: [],
      allowedRooms: [],
      subscribeMinPower: 50,
    };
    const terms = { count: 0 };
    const adapter = createSingleSyncer(
      lease,
      (extra) => {
        terms.count++;
        return createMatrixAdapter(config, deps, { ...FAST, ...extra });
      },
      silent,
    );
    const t: TestReplica = { store, registry, replica, adapter, terms, clock };
    await adapter.start();
    replicas.push(t);
    return t;
  }

  const attemptsFor = (txnId: string) => hs.sendAttempts.filter((a) => a.txnId === txnId).length;
  const replyTxn = (roomId: string, eventId: string) => txnIdFor("reply", roomId, eventId);
  /** The sync token the syncer stored (fenced by its epoch). */
  const storedToken = async () =>
    (
      await schema.query<{ value: string }>(
        `SELECT value FROM "${schema.name}".state_entries WHERE namespace = 'matrix-sync' AND key = 'token'`,
      )
    ).rows[0]?.value ?? null;

  /**
   * Holds the lease and its term's adapter synced once. Not health() alone: before the
   * lease's first round ends a replica is a standby, whose health is "up" too, and a second
   * replica started then could win the lease first (it did on a loaded machine).
   */
  const syncing = (r: TestReplica) =>
    r.replica.status().role === "syncer" &&
    r.terms.count === 1 &&
    r.adapter.health().state === "up";
  /** Until the syncer has stored a sync token at least this far along the stream. */
  const tokenStored = (position: number) =>
    vi.waitFor(
      async () => {
        const token = await storedToken();
        expect(token !== null && Number(token.slice(1)) >= position).toBe(true);
      },
      { timeout: 5_000, interval: 10 },
    );

  /** A room, a replica syncing, and a second one started after it (the standby). */
  async function syncerAndStandby() {
    hs = await FakeHomeserver.start({ accessToken: TOKEN });
    const room = hs.createRoom({ members: [alice] });
    const a = await startOne();
    await hs.until(() => syncing(a), "the first replica syncing");
    return { room, a, b: await startOne() };
  }

  it("syncs on the lease holder only: the standby builds no client and never calls /sync", async () => {
    const { room, a, b } = await syncerAndStandby();
    const asked = hs.message(room, alice, "!virt numa");
    await hs.until(() => hs.sent.length === 1, "one answer");
    expect(attemptsFor(replyTxn(room, asked))).toBe(1);
    expect([a.terms.count, b.terms.count]).toEqual([1, 0]);
    expect(a.replica.status()).toEqual({ database: "reachable", role: "syncer", epoch: 1 });
    expect(b.replica.status()).toEqual({ database: "reachable", role: "standby", epoch: null });
    expect(b.adapter.health()).toEqual({ state: "up", detail: "standby: another replica syncs" });
    expect(
      await a.registry.getSingleMetricAsString("virt_talks_matrix_sync_takeovers_total"),
    ).toContain("virt_talks_matrix_sync_takeovers_total 1");
  });

  it("a holder paused past its lease sends nothing; the standby takes over from the stored token and answers once", async () => {
    const { room, a, b } = await syncerAndStandby();
    const first = hs.message(room, alice, "!virt numa");
    await hs.until(() => hs.sent.length === 1, "the first answer");
    // Its token written (within a second): the next syncer does not replay the first question.
    await tokenStored(hs.position);
    // Paused: its own clock jumps past the lease, and the database hears from it no more
    // (its pool is gone, so it cannot renew nor take the lease again).
    a.clock.pausedMs = 60_000;
    await a.store.close();
    const second = hs.message(room, alice, "!virt vhost");
    await hs.until(() => hs.sent.length === 2, "the standby's answer", TAKEOVER_PATIENCE_MS);
    await hs.until(
      () => a.terms.count === 1 && a.replica.status().role === "standby",
      "a standing by",
    );
    expect(attemptsFor(replyTxn(room, first))).toBe(1);
    expect(attemptsFor(replyTxn(room, second))).toBe(1);
    expect(b.terms.count).toBe(1);
    expect(b.replica.status()).toMatchObject({ role: "syncer", epoch: 2 });
  });

  it("a standby started after the syncer died still answers what was asked meanwhile, once", async () => {
    hs = await FakeHomeserver.start({ accessToken: TOKEN });
    const room = hs.createRoom({ members: [alice] });
    const a = await startOne();
    await hs.until(() => syncing(a), "the first replica syncing");
    await tokenStored(0);
    // The syncer is gone (as if SIGKILLed: no renewals, no database) and nobody syncs.
    a.clock.pausedMs = 60_000;
    await a.store.close();
    const asked = hs.message(room, alice, "!virt numa");
    await new Promise((r) => setTimeout(r, 50));
    // A replica started only now (a deploy replacing them one by one) takes over: the
    // question predates it, but the stored token replays it.
    const b = await startOne();
    await hs.until(() => hs.sent.length === 1, "the new syncer's answer", TAKEOVER_PATIENCE_MS);
    expect(attemptsFor(replyTxn(room, asked))).toBe(1);
    expect(b.replica.status()).toMatchObject({ role: "syncer" });
  });

  it("hands over at once when the syncer stops (a deploy)", async () => {
    const { room, a, b } = await syncerAndStandby();
    await a.adapter.stop();
    await a.replica.stop();
    const asked = hs.message(room, alice, "!virt numa");
    await hs.until(() => hs.sent.length === 1, "the new syncer's answer");
    expect(attemptsFor(replyTxn(room, asked))).toBe(1);
    expect(b.replica.status()).toMatchObject({ role: "syncer", epoch: 2 });
  });
});

describe("a send refused by the lease", () => {
  it("never reaches the homeserver and is not retried", async () => {
    const server = await FakeHomeserver.start({ accessToken: TOKEN });
    try {
      const room = server.createRoom({ members: [alice] });
      let asked = 0;
      const sender = createSender({
        homeserverUrl: server.url,
        accessToken: TOKEN,
        logger: silent,
        beforeSend: () => {
          asked++;
          throw new Error('lease "matrix-sync" no longer held');
        },
      });
      await expect(sender.send(room, { body: "x" }, "reply-1")).rejects.toThrow(
        'send rejected: lease "matrix-sync" no longer held',
      );
      expect([asked, server.sendAttempts.length]).toEqual([1, 0]);
    } finally {
      await server.close();
    }
  });
});
