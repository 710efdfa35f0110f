// Two replicas: two real Bolt apps in-process, one fake Slack, one PostgreSQL state store
// (each replica with a pool of its own, as two processes would have). Slack delivers each
// event to both at once and then retries it to both: every event is answered exactly once.
// A claim left by a replica that died mid-answer is taken over once its lease runs out.
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { type FakeSlack, startFakeSlack } from "../../../bench/shared/fakes/slack-web-api.ts";
import { EVENTS_NAMESPACE } from "../../../src/adapters/slack/event-claims.ts";
import type { ClaimOutcome } from "../../../src/core/adapter.ts";
import { createPgStore, type PgStateStore } from "../../../src/persist/pg-store.ts";
import { silent } from "../../persist/store-places.ts";
import { describePg, freshSchema, type TestSchema } from "../../support/postgres.ts";
import { type Harness, SECRETS, startHarness } from "../../support/slack-harness.ts";

/** What each delivery came to, across both replicas (the /metrics counters). */
const outcomes: ClaimOutcome[] = [];
const LEASE = { leaseMs: 3_000, pollMs: 20, onOutcome: (o: ClaimOutcome) => outcomes.push(o) };
/** The claim a dead replica left: shorter than LEASE, so the test waits little for it. */
const ORPHAN_TTL_MS = 300;

describePg("Slack events across two replicas on PostgreSQL", () => {
  let schema: TestSchema;
  let fake: FakeSlack;
  const stores: PgStateStore[] = [];
  let replicas: Harness[];
  const store = () => {
    const s = createPgStore({ connectionString: schema.url, schema: schema.name, logger: silent });
    stores.push(s);
    return s;
  };

  beforeAll(async () => {
    schema = freshSchema("slack_replicas");
    fake = await startFakeSlack({ token: SECRETS.botToken });
    replicas = await Promise.all(
      [0, 1].map(() =>
        startHarness({ start: true, fake, state: store(), adapter: { claims: LEASE } }),
      ),
    );
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await Promise.all(stores.map((s) => s.close()));
    await fake.close();
    await schema.drop();
  });
  beforeEach(() => {
    fake.reset();
    outcomes.length = 0;
  });
  const tally = () =>
    Object.fromEntries(
      [...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]),
    );

  const ignored = () =>
    replicas.flatMap((r) => r.logs).filter((l) => l.includes("slack event re-delivery ignored"))
      .length;
  const postsIn = (ts: string) =>
    fake.callsTo("chat.postMessage", { all: true }).filter((c) => c.body.thread_ts === ts);

  it("answers each event once when it reaches both replicas at once and is retried to both", async () => {
    const before = ignored();
    const events = Array.from({ length: 6 }, (_, i) => ({
      eventId: `Ev0REPLICA${i}`,
      ts: `1700000000.00010${i}`,
    }));
    const deliver = (e: (typeof events)[number], retryNum?: number) =>
      Promise.all(
        replicas.map((r) =>
          r.mention({
            eventId: e.eventId,
            ts: e.ts,
            text: "<@UBOT0001> numa",
            ...(retryNum ? { retryNum } : {}),
          }),
        ),
      );
    await Promise.all(events.map((e) => deliver(e)));
    for (const retryNum of [1, 2]) await Promise.all(events.map((e) => deliver(e, retryNum)));
    // Six deliveries of each event: one answered, five acknowledged and ignored.
    await vi.waitFor(() => expect(ignored() - before).toBe(events.length * 5), { timeout: 10_000 });
    for (const e of events) expect([e.ts, postsIn(e.ts).length]).toEqual([e.ts, 1]);
    expect(fake.callsTo("chat.postMessage", { all: true })).toHaveLength(events.length);
    expect(tally()).toEqual({ won: events.length, ignored: events.length * 5 });
  });

  it("takes over the claim of a replica that died mid-answer once its lease is over", async () => {
    // What a replica killed after claiming leaves behind: a claim, never marked done.
    const dead = await store().open(EVENTS_NAMESPACE, (raw) => raw);
    const ts = "1700000000.000200";
    await dead.putIfAbsent(
      "Ev0ORPHAN1",
      { holder: "dead-replica:1:abcd", state: "claimed", at: Date.now() },
      { ttlMs: ORPHAN_TTL_MS },
    );
    const retry = await replicas[1]!.mention({
      eventId: "Ev0ORPHAN1",
      ts,
      text: "<@UBOT0001> numa",
      retryNum: 1,
    });
    expect(retry.status).toBe(200);
    await fake.waitFor((calls) => calls.some((c) => c.body.thread_ts === ts), 5_000);
    expect(replicas[1]!.logText()).toContain(
      "slack event claim expired unfinished; taking it over",
    );
    // A later retry finds it done.
    const before = ignored();
    await replicas[0]!.mention({
      eventId: "Ev0ORPHAN1",
      ts,
      text: "<@UBOT0001> numa",
      retryNum: 2,
    });
    await vi.waitFor(() => expect(ignored()).toBe(before + 1));
    expect(postsIn(ts)).toHaveLength(1);
    expect(tally()).toEqual({ takeover: 1, ignored: 1 });
  });
});
