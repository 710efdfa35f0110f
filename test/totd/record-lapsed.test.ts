// The daily post on replicas when a post went out (or was found by a look) but its record
// could not be written, because the claim lapsed meanwhile (the process stood still between
// the send and the record). The delivery goes on: the next turn reads the record fresh,
// looks, finds the post and records it. Before, it ended as done and, once every replica had
// done so, the destination stayed "in flight" all day (the totd-replicas soak stalled so).
import { expect, it } from "vitest";
import type { ClaimStores } from "../../src/core/claims.ts";
import type { PostPort } from "../../src/core/post-port.ts";
import { within } from "../../src/core/retry.ts";
import { LeaseLostError } from "../../src/persist/pg-statement.ts";
import { type DestinationRecord, TOTD_NAMESPACE } from "../../src/totd/records.ts";
import { describePg } from "../support/postgres.ts";
import { captureLogger, fakeChat, type RecordedPost } from "../support/totd-helpers.ts";
import { alteredClaims, DAY, operator, POST_TIME, pgReplicas, sleep } from "../support/totd-pg.ts";
import { postedRecord, storedRecords } from "../support/totd-stored.ts";

const KEY = `totd:${DAY}:slack:C1`;
const TTL_MS = 1_000;

describePg("a daily post whose record could not be written, on replicas", () => {
  const replicas = pgReplicas("totd_claim_renewal");

  /** One replica posting to Slack channel C1, whose looks take `lookMs`. */
  function replica(channel: RecordedPost[], { lookMs = 0, claims = (c: ClaimStores) => c } = {}) {
    const slack = fakeChat("slack", { channel });
    const slow: PostPort = {
      capabilities: slack.capabilities,
      postCard: (destination, card, key) => slack.postCard(destination, card, key),
      findPost: async (destination, key, since) => {
        await sleep(lookMs);
        return slack.findPost!(destination, key, since);
      },
    };
    const realAt = Date.now();
    const { daily } = replicas.dailyPost({
      ports: { slack: slow },
      destinations: [operator("slack")("C1")],
      now: () => new Date(POST_TIME + 60_000 + (Date.now() - realAt)),
      claims,
      ttlMs: TTL_MS,
      sendSettleMs: 0,
    });
    return { daily, slack };
  }

  /** What a replica killed mid-send leaves: a send for today in flight (and no claim). */
  async function sendInFlight(): Promise<void> {
    const { schema } = replicas;
    await replicas.store(captureLogger().logger).ready();
    await schema.query(`DELETE FROM "${schema.name}".leases`);
    const at = new Date(POST_TIME + 30_000).toISOString();
    await schema.query(
      `INSERT INTO "${schema.name}".state_entries (namespace, key, value) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (namespace, key) DO UPDATE SET value = EXCLUDED.value`,
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
  }

  it("a claim lapsed before the post was recorded: the delivery goes on, looks, finds the post and records it", async () => {
    await sendInFlight();
    const channel: RecordedPost[] = [];
    let refused = 0;
    // The first two writes of the posted record are refused, as a write under a lapsed claim
    // is (the process stood still between the send, or the look, and the record).
    const lapsing = alteredClaims((values) => ({
      async write(claim, key, value) {
        if ((value as DestinationRecord).lastPosted === DAY && refused++ < 2)
          throw new LeaseLostError("(test: the claim lapsed)", {
            lease: "",
            holder: "",
            epoch: 0,
          });
        return values.write(claim, key, value);
      },
    }));
    const alone = replica(channel, { lookMs: 0, claims: lapsing });
    await alone.daily.start();
    const idle = alone.daily.idle();
    expect(await within(idle, 15_000, "still working")).not.toBe("still working");

    expect(refused).toBe(3);
    expect(channel.map((p) => p.key)).toEqual([KEY]);
    expect(await storedRecords(replicas.schema)).toEqual({ "slack:C1": postedRecord(DAY) });
    // A look found nothing and it sent, the record failed; the next turn found the post, the
    // record failed again; the one after found it and recorded it.
    expect(alone.slack.lookups.map((l) => l.key)).toEqual([KEY, KEY, KEY]);
  });
});
