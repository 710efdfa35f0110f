// Many rooms subscribing from chat at once (the report: 10,000 channels sending
// `/virt subscribe 00:00 UTC`): every command is answered while today's posts go out
// behind it, a few sends at a time; a process that dies mid-flood and restarts posts
// nothing twice, and a clean stop mid-flood leaves the rest to the next start.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { DEFAULT_CONCURRENCY } from "../../src/totd/slots.ts";
import { fakeChat, removeTempDirs, tempDir } from "../support/totd-helpers.ts";
import {
  powerAsker,
  type SubscriptionBot,
  subscriptionBot,
} from "../support/totd-subscriptions.ts";

const ROOMS = 300;
const channels = Array.from({ length: ROOMS }, (_, i) => `C${i}`);
const mod = powerAsker("Mod", 100);

afterEach(() => {
  vi.useRealTimers();
  removeTempDirs();
});

/** Every channel sends `subscribe 00:00 UTC` at once; the replies, in channel order. */
const flood = (bot: SubscriptionBot): Promise<Array<Reply | null>> =>
  Promise.all(channels.map((c) => bot.say("slack", c, "subscribe 00:00 UTC", mod, `U-${c}`)));

/** Posts per channel in a fake's channel (what reached Slack), for the channels that have any. */
function perChannel(posts: ReadonlyArray<{ destination: string; key: string }>) {
  const out = new Map<string, string[]>();
  for (const p of posts) out.set(p.destination, [...(out.get(p.destination) ?? []), p.key]);
  return out;
}

describe(`${ROOMS} channels subscribing at once`, () => {
  it("answers every one, posts today's talk once each, at most DEFAULT_CONCURRENCY sends at a time", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") });
    const slack = fakeChat("slack");
    let inFlight = 0;
    let most = 0;
    slack.behaviour = () => {
      inFlight++;
      most = Math.max(most, inFlight);
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          inFlight--;
          resolve();
        }, 50),
      );
    };
    const bot = await subscriptionBot({ dir: tempDir(), time: "09:00", max: 10_000, slack });
    const replies = await flood(bot);
    expect(replies.map((r) => r && "today" in r && `${r.kind} ${r.today}`)).toEqual(
      channels.map(() => "subscribed posting-now"),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    await bot.totd.idle();
    const posts = perChannel(slack.posts);
    expect(channels.filter((c) => posts.get(c)?.join() !== `totd:2026-05-04:slack:${c}`)).toEqual(
      [],
    );
    expect(most).toBe(DEFAULT_CONCURRENCY);
    await bot.totd.stop();
  });

  it("a process that dies mid-flood, restarted, posts nothing twice and the rest once", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") });
    const dir = tempDir();
    const first = fakeChat("slack");
    // The first sends arrive; from the 100th on, Slack has the post but the process dies
    // before it hears back (every slot then hangs: nothing more goes out).
    first.behaviour = (_c, _n) => (first.attempts.length > 100 ? "deliver-and-hang" : undefined);
    const dying = await subscriptionBot({ dir, max: 10_000, slack: first });
    await flood(dying);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(first.channel.length).toBe(100 + DEFAULT_CONCURRENCY);
    void dying.totd.stop(); // its sends never settle: the dead process

    vi.setSystemTime(new Date("2026-05-04T10:05:00Z"));
    const second = fakeChat("slack", { channel: first.channel });
    const restarted = await subscriptionBot({ dir, max: 10_000, slack: second });
    await vi.advanceTimersByTimeAsync(60_000);
    await restarted.totd.idle();
    const posts = perChannel(first.channel);
    expect(channels.filter((c) => posts.get(c)?.join() !== `totd:2026-05-04:slack:${c}`)).toEqual(
      [],
    );
    // It looked only where a send had been under way when the process died.
    expect(second.lookups).toHaveLength(DEFAULT_CONCURRENCY);
    await restarted.totd.stop();
  });

  it("a clean stop mid-flood sends nothing more; the next start posts the rest, once each", async () => {
    vi.useFakeTimers({ now: new Date("2026-05-04T10:00:00Z") });
    const dir = tempDir();
    const slack = fakeChat("slack");
    slack.behaviour = () => new Promise<void>((resolve) => setTimeout(resolve, 100));
    const bot = await subscriptionBot({ dir, max: 10_000, slack });
    await flood(bot);
    await vi.advanceTimersByTimeAsync(250);
    const stopping = bot.totd.stop();
    await vi.advanceTimersByTimeAsync(100); // the sends under way finish
    await stopping;
    const sentBefore = slack.channel.length;
    expect(sentBefore).toBeLessThan(ROOMS);

    const again = await subscriptionBot({
      dir,
      max: 10_000,
      slack: fakeChat("slack", { channel: slack.channel }),
    });
    await vi.advanceTimersByTimeAsync(60_000);
    await again.totd.idle();
    const posts = perChannel(slack.channel);
    expect(channels.filter((c) => posts.get(c)?.join() !== `totd:2026-05-04:slack:${c}`)).toEqual(
      [],
    );
    await again.totd.stop();
  });
});
