// The talk-of-the-day schedule: every destination (the operator's TOTD_* channels and
// rooms, and the ones that subscribed from chat) on its own local time and zone, posted
// exactly once per local day, the same talk everywhere for the same calendar date.
//
// Each destination runs on its own (delivery-queue.ts): one failing is retried
// (delivery.ts) and never holds up the others; one refused is paused until resume().
// Records (records.ts) are durable before and after every send, so a restart never posts
// twice and never posts a past day's talk late (settlement.ts). With replicas (share()), every replica runs this
// schedule and they take turns per destination under claims (shared-records.ts): the one
// holding a destination's claim reads its record fresh, looks or sends, and records.

import { type DeliveryContext, targetId } from "./context.ts";
import { createDeliveryQueue } from "./delivery-queue.ts";
import { type Entry, entryOf } from "./entry.ts";
import { morningChooser } from "./morning-choice.ts";
import { createPostTimes, type PostTime } from "./post-times.ts";
import { destinationId, destinationStatus, openRecordBook, type RecordBook } from "./records.ts";
import { logSchedule } from "./schedule-log.ts";
import { createSendSettle, DEFAULT_SEND_SETTLE_MS } from "./send-settle.ts";
import { pauseUnlessPaused, resumeIfPaused, settleAtStart } from "./settlement.ts";
import { inTurn, openSharedRecordBook } from "./shared-records.ts";
import { createSlots, DEFAULT_CONCURRENCY } from "./slots.ts";
import type { DestinationStatus, ScheduledDestination } from "./subscription-schedule.ts";
import { dateInZone } from "./today.ts";
import { todayPlan } from "./today-plan.ts";
import { type DailyPost, type DailyPostOptions, DEFAULT_BACKOFF } from "./types.ts";
import { createWakeTimer } from "./wake-timer.ts";

export type { PostPlatform } from "../core/platform.ts";
export type { DailyPostObserver } from "./context.ts";
export type { DestinationStatus } from "./subscription-schedule.ts";
export type { DailyPost } from "./types.ts";
export { DEFAULT_BACKOFF } from "./types.ts";

export function createDailyPost(options: DailyPostOptions): DailyPost {
  const log = options.logger.child({ component: "totd" });
  const now = options.now ?? (() => new Date());
  let stopped = false;
  /** Every destination, started or not; entries exist once the schedule runs. */
  const wanted = new Map(options.destinations.map((d) => [targetId(d), d]));
  const entries = new Map<string, Entry>();
  const times = createPostTimes<Entry>();
  const deliveries = createDeliveryQueue(log);
  let ctx: DeliveryContext | null = null;
  let starting: Promise<void> | null = null;
  let book: Promise<RecordBook> | null = null;
  /** With replicas: the claims every destination's records are worked on under. */
  let shared = options.shared;
  /** The records, opened once (by start, or by a subscribe that comes first). */
  const records = () => {
    book ??= shared
      ? openSharedRecordBook(shared.claims, shared.options)
      : openRecordBook(options.state);
    return book;
  };
  const timer = createWakeTimer({
    now,
    entries: () => times.groups(),
    due: (group: PostTime<Entry>) => {
      const at = now();
      // A timer that fires late (suspend, clock change) must not post before the day's time.
      if (!ctx || !group.clock.passedToday(at)) return;
      const date = group.clock.dateOf(at);
      for (const entry of group.members)
        if (!entry.ended) deliveries.launch(ctx, entry.target, date);
    },
    logger: log,
    ...(options.wakeEveryMs ? { everyMs: options.wakeEveryMs } : {}),
  });

  function add(dest: ScheduledDestination): Entry | null {
    const port = options.ports[dest.platform];
    if (!port) {
      log.error({ destination: targetId(dest) }, "no adapter for this destination's platform");
      return null;
    }
    const entry = entryOf(dest, port, times.at(dest.time, dest.timeZone));
    entry.group.members.add(entry);
    entries.set(entry.target.id, entry);
    return entry;
  }

  /** The destination's entry, replaced (and the timer re-armed) when its time changed. */
  function place(dest: ScheduledDestination): Entry | null {
    const id = targetId(dest);
    const entry = entries.get(id);
    const old = entry?.target.dest;
    if (
      entry &&
      old?.time === dest.time &&
      old.timeZone === dest.timeZone &&
      old.source === dest.source
    )
      return entry;
    drop(id);
    const added = add(dest);
    if (added) timer.arm();
    return added;
  }

  function tick(entry: Entry): void {
    if (!ctx || entry.ended) return;
    const at = now();
    // A timer that fires late (suspend, clock change) must not post before the day's time.
    if (!entry.target.clock.passedToday(at)) return;
    deliveries.launch(ctx, entry.target, entry.target.clock.dateOf(at));
  }

  function drop(id: string): void {
    const entry = entries.get(id);
    if (!entry) return;
    entry.end();
    entries.delete(id);
    times.leave(entry.group, entry);
  }

  async function begin(): Promise<void> {
    const book = await records();
    // Ports are looked up now: the wiring attaches the adapters after creating the post.
    for (const dest of wanted.values()) add(dest);
    times.prune();
    const context: DeliveryContext = {
      book,
      log,
      now,
      observer: options.observer,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      random: options.random ?? Math.random,
      post: morningChooser(options, log),
      slots: createSlots(options.concurrency ?? DEFAULT_CONCURRENCY),
      mayPost: shared?.mayPost ?? (() => true),
      stillWanted: shared?.stillWanted ?? (async () => "send"),
      sendSettle: createSendSettle(shared?.sendSettleMs ?? DEFAULT_SEND_SETTLE_MS, () =>
        now().getTime(),
      ),
    };
    // All at once: their state writes go out together (one write, not one per destination).
    await Promise.all([...entries.values()].map(({ target }) => settleAtStart(context, target)));
    await book
      .prune((id) => wanted.has(id), dateInZone(now(), "UTC"))
      .catch((err: unknown) => log.error({ err }, "cannot prune the daily-post records"));
    ctx = context;
    if (stopped) return;
    logSchedule(log, times.groups(), entries.size, now());
    timer.wake(); // catch up where today's time passed, then wait for the next post time
  }

  const statusOf = (dest: ScheduledDestination): DestinationStatus =>
    destinationStatus(dest, ctx?.book.get(targetId(dest)));

  async function idle(): Promise<void> {
    await starting;
    await deliveries.drained();
  }

  return {
    start() {
      starting ??= begin();
      return starting;
    },
    share(claims) {
      if (book) throw new Error("share() must come before the daily-post records are opened");
      shared = claims;
    },
    async stop() {
      stopped = true;
      for (const entry of entries.values()) entry.end();
      timer.stop();
      await idle();
    },
    include(dests) {
      if (starting) throw new Error("include() is for before start(); use set()");
      for (const dest of dests) wanted.set(targetId(dest), dest);
    },
    async set(dest) {
      const id = targetId(dest);
      wanted.set(id, dest);
      if (!starting) {
        // start() schedules it (and posts at once if today's time has passed).
        const { clock } = times.at(dest.time, dest.timeZone);
        const b = await records();
        await b.refresh(id);
        if (!b.get(id).paused) return todayPlan(b.get(id), clock, now());
        // Asked from the room itself: the bot is there again.
        await inTurn(b, id, now, async () => {
          const record = b.get(id);
          if (record.paused) await b.put(id, { ...record, paused: null, lastError: null });
        });
        log.info({ destination: id }, "talk of the day resumed for this destination");
        return todayPlan(b.get(id), clock, now());
      }
      await starting;
      if (!ctx || stopped) return "later-today";
      const entry = place(dest);
      if (!entry) return "paused";
      // Asked from the room itself: the bot is there again.
      await resumeIfPaused(ctx, entry.target);
      const plan = todayPlan(ctx.book.get(id), entry.target.clock, now());
      if (plan === "posting-now")
        deliveries.launch(ctx, entry.target, entry.target.clock.dateOf(now()));
      return plan;
    },
    async reschedule(dest) {
      // Another replica's change, read from the store: its record says whether it is
      // paused or done today (no resume: nobody asked from the room here).
      wanted.set(targetId(dest), dest);
      if (!starting) return;
      await starting;
      if (!ctx || stopped) return;
      const entry = place(dest);
      if (!entry) return;
      await ctx.book
        .refresh(entry.target.id)
        .catch((err: unknown) =>
          log.warn({ destination: entry.target.id, err }, "cannot read the daily-post record"),
        );
      tick(entry);
    },
    remove(platform, destination) {
      const id = destinationId(platform, destination);
      wanted.delete(id);
      drop(id);
    },
    status(platform, destination) {
      const dest = wanted.get(destinationId(platform, destination));
      return dest ? statusOf(dest) : undefined;
    },
    statusAll() {
      const out: Record<string, DestinationStatus> = {};
      for (const [id, dest] of wanted) out[id] = statusOf(dest);
      return out;
    },
    async resume(platform, destination) {
      await starting;
      const entry = entries.get(destinationId(platform, destination));
      if (!ctx || !entry) return;
      if (await resumeIfPaused(ctx, entry.target)) tick(entry);
    },
    async pause(platform, destination, reason) {
      await starting;
      const entry = entries.get(destinationId(platform, destination));
      if (ctx && entry) await pauseUnlessPaused(ctx, entry.target, reason);
    },
    idle,
  };
}
