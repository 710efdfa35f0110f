// The daily post on two replicas when one turn at a destination (claim, look, send, record)
// takes longer than a claim: the holder keeps its claim while it works, so the turn ends
// with the post. Without renewals each replica's claim lapsed mid-look, the other took it
// over and its write was refused in turn: the destination got no post at all (the
// totd-replicas soak stalled like this on a loaded CI machine, every replica starved of CPU).
import { afterAll, beforeAll, expect, it } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import type { PostPort } from "../../src/core/post-port.ts";
import { within } from "../../src/core/retry.ts";
import { createPgClaims } from "../../src/persist/claims.ts";
import { createPgStore, type PgStateStore } from "../../src/persist/pg-store.ts";
import { createDailyPost, type DailyPost } from "../../src/totd/daily-post.ts";
import { TOTD_NAMESPACE } from "../../src/totd/records.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import {
  captureLogger,
  type FakeChat,
  fakeChat,
  type LogLine,
  type RecordedPost,
} from "../support/totd-helpers.ts";
import { postedRecord, storedRecords } from "../support/totd-stored.ts";

const ZONE = "Europe/Berlin";
const DAY = "2026-05-04";
/** 09:00 in Berlin that day. */
const POST_TIME = Date.parse("2026-05-04T07:00:00Z");
const KEY = `totd:${DAY}:slack:C1`;
const TTL_MS = 600;
/** Every look at the channel takes longer than a claim (a slow platform, a starved process). */
const LOOK_MS = 900;
const core = createCore({ catalog: loadCatalog(), timeZone: ZONE });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describePg("a daily-post turn longer than a claim, on replicas", () => {
  let schema: TestSchema;
  const stores: PgStateStore[] = [];
  const dailies: DailyPost[] = [];

  beforeAll(() => {
    schema = freshSchema("totd_claim_renewal");
  });
  afterAll(async () => {
    await Promise.all(dailies.map((d) => d.stop()));
    await Promise.all(stores.map((s) => s.close()));
    await schema.drop();
  });

  /** One replica posting to Slack channel C1, whose looks take LOOK_MS. */
  function replica(channel: RecordedPost[]): {
    daily: DailyPost;
    slack: FakeChat;
    lines: LogLine[];
  } {
    const { logger, lines } = captureLogger();
    const store = createPgStore({
      connectionString: schema.url,
      schema: schema.name,
      logger,
      poolMax: 3,
    });
    stores.push(store);
    const slack = fakeChat("slack", { channel });
    const slow: PostPort = {
      capabilities: slack.capabilities,
      postCard: (destination, card, key) => slack.postCard(destination, card, key),
      findPost: async (destination, key, since) => {
        await sleep(LOOK_MS);
        return slack.findPost!(destination, key, since);
      },
    };
    const realAt = Date.now();
    const daily = createDailyPost({
      ports: { slack: slow },
      destinations: [
        { platform: "slack", destination: "C1", time: "09:00", timeZone: ZONE, source: "operator" },
      ],
      core,
      state: store,
      logger,
      backoff: { initialMs: 50, maxMs: 200 },
      now: () => new Date(POST_TIME + 60_000 + (Date.now() - realAt)),
      shared: { claims: createPgClaims(store, logger), options: { ttlMs: TTL_MS } },
    });
    dailies.push(daily);
    return { daily, slack, lines };
  }

  it("keeps the claim through a slow look: posted once, no write refused, no second look", async () => {
    // Opens the schema, then leaves what a replica killed mid-send leaves: a send in flight.
    const first = createPgStore({
      connectionString: schema.url,
      schema: schema.name,
      logger: captureLogger().logger,
    });
    stores.push(first);
    await first.ready();
    const at = new Date(POST_TIME + 30_000).toISOString();
    await schema.query(
      `INSERT INTO "${schema.name}".state_entries (namespace, key, value) VALUES ($1, $2, $3::jsonb)`,
      [
        TOTD_NAMESPACE,
        "slack:C1",
        JSON.stringify({
          lastPosted: null,
          settled: null,
          intent: { date: DAY, key: KEY, attempts: 1, inFlight: true, at },
          lastError: null,
          paused: null,
        }),
      ],
    );

    const channel: RecordedPost[] = [];
    const replicas = [replica(channel), replica(channel)];
    await Promise.all(replicas.map((r) => r.daily.start()));
    // Bounded: without renewals the two replicas take the claim from each other for ever.
    const idle = Promise.all(replicas.map((r) => r.daily.idle()));
    expect(await within(idle, 8_000, "still working")).not.toBe("still working");

    expect(channel.map((p) => p.key)).toEqual([KEY]);
    expect(await storedRecords(schema)).toEqual({ "slack:C1": postedRecord(DAY) });
    // One look (it found nothing), one send, by the replica that held the claim throughout.
    expect(replicas.flatMap((r) => r.slack.lookups).map((l) => l.key)).toEqual([KEY]);
    const lines = replicas.flatMap((r) => r.lines);
    expect(lines.filter((l) => l.msg === "cannot write the daily-post state")).toEqual([]);
    expect(lines.filter((l) => l.msg === "daily post failed")).toEqual([]);
  });
});
