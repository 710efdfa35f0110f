// The daily post on two replicas when the first one's send is still on its way to the
// platform after its claim lapsed: it checked its claim right before sending, then stood
// still (starved of CPU, stopped) before the request went out, so its claim lapsed in the
// database meanwhile. The second replica takes the destination over and finds the send in
// flight. Looking at once finds nothing (the post has not arrived) and sends again: two
// posts, as the totd-replicas soak once had on a loaded machine. It looks only once the
// earlier send has had time to arrive (send-settle.ts), finds it and records it.
// Every step is driven by hand: the first send arrives when the test says, the second
// replica's clock moves when the test moves it.
import { expect, it } from "vitest";
import type { DailyPost } from "../../src/totd/daily-post.ts";
import { describePg } from "../support/postgres.ts";
import {
  type FakeChat,
  fakeChat,
  type LogLine,
  type RecordedPost,
} from "../support/totd-helpers.ts";
import { DAY, operator, POST_TIME, pgReplicas, until } from "../support/totd-pg.ts";
import { postedRecord, storedRecords } from "../support/totd-stored.ts";

const KEY = `totd:${DAY}:slack:C1`;
/** Long enough that no claim lapses here unless the test says so. */
const TTL_MS = 5_000;
/** How long a replica waits before it looks for a send it found in flight (its own clock). */
const SETTLE_MS = 100;

interface Replica {
  readonly daily: DailyPost;
  readonly slack: FakeChat;
  readonly lines: LogLine[];
}

describePg("a send still on its way when another replica takes its destination over", () => {
  const replicas = pgReplicas("totd_send_in_flight");

  /** One replica posting to Slack channel C1 (shared with the other), on clock `now`. */
  function replica(channel: RecordedPost[], now: () => number): Replica {
    const slack = fakeChat("slack", { channel });
    const { daily, lines } = replicas.dailyPost({
      ports: { slack },
      destinations: [operator("slack")("C1")],
      backoff: { initialMs: 20, maxMs: 50 },
      now: () => new Date(now()),
      ttlMs: TTL_MS,
      sendSettleMs: SETTLE_MS,
    });
    return { daily, slack, lines };
  }

  it("the other replica looks for it only once it has had time to arrive, finds it and records it: one post", async () => {
    const channel: RecordedPost[] = [];
    // The first replica's send reaches the platform when `arrive` is called.
    let arrive = () => {};
    const onItsWay = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    const realAt = Date.now();
    const first = replica(channel, () => POST_TIME + 60_000 + (Date.now() - realAt));
    first.slack.behaviour = (_destination, n) => (n === 1 ? onItsWay : undefined);
    await first.daily.start();
    await until(() => first.slack.attempts.length === 1); // checked its claim, and sent

    // It stands still: no renewal reaches the database, and its claim lapses there.
    const { schema } = replicas;
    await schema.query(`UPDATE "${schema.name}".leases SET expires_at = 0`);
    const clock = { at: POST_TIME + 120_000 };
    const second = replica(channel, () => clock.at);
    await second.daily.start();
    // The second replica has found the send in flight (or, looking at once, sent again).
    const settling = () =>
      second.lines.some((l) => /in flight: looking for it once it has had time/.test(l.msg));
    await until(() => settling() || second.slack.attempts.length > 0);

    arrive(); // the first replica's request reaches the platform
    await until(() => channel.length > 0);
    clock.at += SETTLE_MS; // the second replica's wait is over
    await Promise.all([first.daily.idle(), second.daily.idle()]);

    expect(channel.map((p) => p.key)).toEqual([KEY]);
    expect(second.slack.attempts).toEqual([]);
    // Whichever replica came round first looked, found the post and recorded it.
    const lookups = [...first.slack.lookups, ...second.slack.lookups];
    expect(lookups.map((l) => l.key)).toContain(KEY);
    expect(await storedRecords(schema)).toEqual({ "slack:C1": postedRecord(DAY) });
  });
});
