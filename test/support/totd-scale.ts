// Many destinations for the daily post's scale tests (test/totd/scale.test.ts, and the
// 10,000-destination run in test/soak/totd-scale.test.ts): chat subscriptions on a few
// dozen post times in zones with and without DST, and croner's post dates for each (the
// reference the post clock replaced) to check "exactly one post per local day" against.
import { Cron } from "croner";
import { expect, vi } from "vitest";
import type { PostPlatform } from "../../src/core/platform.ts";
import type { ScheduledDestination } from "../../src/totd/subscription-schedule.ts";
import {
  DAY_MS,
  type DailyHarness,
  type HarnessOptions,
  localTime,
  tempDir,
} from "./totd-helpers.ts";

const ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"];
const pad = (n: number) => String(n).padStart(2, "0");

/** `count` chat destinations on 40 post times in 5 zones, half Slack, half Matrix. */
function manyDestinations(count: number): ScheduledDestination[] {
  return Array.from({ length: count }, (_, i) => {
    const platform: PostPlatform = i % 2 === 0 ? "slack" : "matrix";
    const minutes = (i % 8) * 180 + (i % 5) * 7; // 00:00, 03:07, 06:14, ...
    return {
      platform,
      destination: platform === "slack" ? `C${i}` : `!r${i}:example.org`,
      time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`,
      timeZone: ZONES[Math.floor(i / 8) % ZONES.length]!,
      source: "chat",
    };
  });
}

/** The local dates croner posts on from `from` to `to`, with a catch-up at `from`. */
function expectedDates(time: string, timeZone: string, from: Date, to: Date): string {
  const [h, m] = time.split(":");
  const job = new Cron(`0 ${Number(m)} ${Number(h)} * * *`, { timezone: timeZone, paused: true });
  const date = (at: Date) => localTime(at.toISOString(), timeZone).slice(0, 10);
  const last = job.previousRuns(1, new Date(from.getTime() + 1))[0];
  const dates = last && date(last) === date(from) ? [date(from)] : [];
  for (let run = job.nextRun(from); run && run <= to; run = job.nextRun(run)) dates.push(date(run));
  return dates.join(" ");
}

/**
 * Starts `count` destinations at `from` (through `start`, dailyPostSuite's), runs `days`
 * days on the fake clock and checks every destination got exactly croner's dates, each
 * (after the start-up catch-up) at its local time, with one timer pending throughout.
 */
export async function runMany(
  start: (dir: string, extra: Partial<HarnessOptions>) => DailyHarness,
  count: number,
  from: Date,
  days: number,
): Promise<void> {
  vi.useFakeTimers({ now: from });
  const extra = manyDestinations(count);
  const h = start(tempDir(), { slackChannels: [], matrixRooms: [], extra });
  await vi.advanceTimersByTimeAsync(0);
  await h.daily.idle();
  // One timer for the next due post, whatever the number of destinations.
  expect(vi.getTimerCount()).toBe(1);
  await vi.advanceTimersByTimeAsync(days * DAY_MS);
  await h.daily.idle();
  expect(vi.getTimerCount()).toBe(1);
  const to = new Date(from.getTime() + days * DAY_MS);

  const byId = new Map(extra.map((d) => [d.destination, d]));
  const posted = new Map<string, string[]>();
  const late: string[] = [];
  for (const p of [...h.slack.attempts, ...h.matrix.attempts]) {
    const list = posted.get(p.destination) ?? [];
    list.push(p.key.split(":")[1]!);
    posted.set(p.destination, list);
    const d = byId.get(p.destination)!;
    if (p.at !== from.toISOString() && !localTime(p.at, d.timeZone).endsWith(`${d.time}:00`))
      late.push(`${p.destination} ${p.at}`);
  }
  // One croner job per post time (each holds an 80 KB table): not one per destination.
  const expected = new Map<string, string>();
  const wrong = extra.filter((d) => {
    const key = `${d.time} ${d.timeZone}`;
    if (!expected.has(key)) expected.set(key, expectedDates(d.time, d.timeZone, from, to));
    return (posted.get(d.destination) ?? []).join(" ") !== expected.get(key);
  });
  expect(wrong).toEqual([]);
  expect(late).toEqual([]);
}
