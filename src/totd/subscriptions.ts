// The rooms and channels that subscribed to the talk of the day from chat: one record per
// destination in the state store ("subscriptions" namespace, written atomically by the
// file store), loaded at start and handed to the schedule (the daily post). The
// operator's TOTD_* destinations are listed too but never stored or removed from here.
import type { PostPlatform } from "../core/platform.ts";
import type { KeyValue, StateStore } from "../core/state-store.ts";
import type { Logger } from "../log.ts";
import { destinationId } from "./records.ts";
import {
  anything,
  key,
  loadRecords,
  readRecord,
  SUBSCRIPTIONS_NAMESPACE,
  type SubscriptionRecord,
} from "./subscription-records.ts";
import type { SubscriptionView } from "./subscription-replies.ts";
import { keepLocalChanges, type RereadCounts, rereadChanges } from "./subscription-reread.ts";
import type {
  ScheduledDestination,
  SubscriptionSchedule,
  TodayPlan,
} from "./subscription-schedule.ts";
import { dateInZone } from "./today.ts";

export { SUBSCRIPTIONS_NAMESPACE, type SubscriptionRecord } from "./subscription-records.ts";

const SUBSCRIPTION_DEFAULTS = Object.freeze({ max: 500 });

export interface Asked {
  readonly user: string;
  readonly displayName: string;
}

export type SubscribeResult =
  | {
      readonly kind: "subscribed";
      readonly today: TodayPlan;
      readonly previous?: { readonly time: string; readonly timeZone: string };
    }
  | { readonly kind: "operator"; readonly destination: ScheduledDestination }
  | { readonly kind: "limit"; readonly max: number };

export interface Subscriptions {
  /** The chat subscriptions (those the operator also lists are left to the operator). */
  chat(): readonly ScheduledDestination[];
  /** What the `subscription` command shows: null when the destination gets nothing. */
  view(platform: PostPlatform, destination: string): SubscriptionView | null;
  subscribe(
    platform: PostPlatform,
    destination: string,
    when: { readonly time: string; readonly timeZone: string },
    by: Asked,
  ): Promise<SubscribeResult>;
  unsubscribe(
    platform: PostPlatform,
    destination: string,
  ): Promise<"removed" | "operator" | "absent">;
  /**
   * Replicas: the subscription of one destination as the store holds it now (another
   * replica may have changed it), null when there is none.
   */
  stored(
    platform: PostPlatform,
    destination: string,
  ): Promise<{ readonly time: string; readonly timeZone: string } | null>;
  /**
   * Replicas: reads every subscription again and reschedules what another replica
   * added, removed or moved; how many of each.
   */
  reread(): Promise<RereadCounts>;
  /** Destinations by platform, source and state, for /metrics. */
  counts(): Array<{ platform: PostPlatform; source: string; state: string; count: number }>;
}

interface SubscriptionsOptions {
  readonly state: StateStore;
  readonly schedule: SubscriptionSchedule;
  readonly operator: readonly ScheduledDestination[];
  readonly logger: Logger;
  /** SUBSCRIPTIONS_MAX: destinations in all, the operator's included. */
  readonly max?: number;
  readonly now?: () => Date;
  /** Called after each change made here (replicas tell the others: subscription-sync.ts). */
  readonly changed?: () => void;
}

export async function openSubscriptions(options: SubscriptionsOptions): Promise<Subscriptions> {
  const log = options.logger.child({ component: "subscriptions" });
  const now = options.now ?? (() => new Date());
  const max = options.max ?? SUBSCRIPTION_DEFAULTS.max;
  const store: KeyValue<unknown> = await options.state.open(SUBSCRIPTIONS_NAMESPACE, anything);
  if (store.recovered)
    log.error("the subscriptions file was unreadable; chat subscriptions start empty");
  const operator = new Map(
    options.operator.map((d) => [destinationId(d.platform, d.destination), d]),
  );
  let { records, leftOut } = loadRecords(await store.entries(), max, operator.size, log);
  const changed = options.changed ?? (() => {});
  /**
   * When each destination was last changed here (a counter, at the start and at the end
   * of each change): a re-read leaves alone what changed here after it began reading,
   * since the store it read may not hold that change yet. Nothing waits on anything, so
   * one process alone (the file store) changes as it always did.
   */
  const touched = new Map<string, number>();
  let generation = 0;
  const touch = (id: string) => touched.set(id, ++generation);
  /** One re-read at a time. */
  let rereading: Promise<unknown> = Promise.resolve();

  /** Reads every subscription again; reschedules what another replica changed. */
  async function reread(): Promise<RereadCounts> {
    const since = generation;
    const read = loadRecords(await store.entries(), max, operator.size, null);
    const next = keepLocalChanges(read, { records, leftOut }, touched, since);
    for (const [id, at] of touched) if (at <= since) touched.delete(id);
    const { counts, removed, rescheduled } = rereadChanges(records, next.records, operator);
    for (const r of removed) options.schedule.remove(r.platform, r.destination);
    records = next.records;
    leftOut = next.leftOut;
    await Promise.all(rescheduled.map((r) => options.schedule.reschedule(toDest(r))));
    if (counts.added + counts.removed + counts.moved > 0)
      log.info(counts, "subscriptions changed through another replica: rescheduled");
    return counts;
  }

  const toDest = (r: SubscriptionRecord): ScheduledDestination => ({
    platform: r.platform,
    destination: r.destination,
    time: r.time,
    timeZone: r.timeZone,
    source: "chat",
  });

  return {
    chat: () => [...records.values()].filter((r) => !operator.has(key(r))).map(toDest),
    view(platform, destination) {
      const id = destinationId(platform, destination);
      const record = operator.has(id) ? undefined : records.get(id);
      const dest = operator.get(id) ?? (record ? toDest(record) : undefined);
      if (!dest) return null;
      const status = options.schedule.status(platform, destination);
      return {
        source: dest.source,
        time: dest.time,
        timeZone: dest.timeZone,
        ...(record ? { setBy: record.by, setOn: setOn(record) } : {}),
        lastPosted: status?.lastPosted ?? null,
        state: status?.state ?? "active",
        ...(status?.paused ? { pausedReason: status.paused.reason } : {}),
      };
    },
    async subscribe(platform, destination, when, by) {
      const id = destinationId(platform, destination);
      const op = operator.get(id);
      if (op) return { kind: "operator", destination: op };
      const before = records.get(id);
      if (!before && operator.size + records.size >= max) return { kind: "limit", max };
      const record: SubscriptionRecord = {
        platform,
        destination,
        ...when,
        byUser: by.user,
        by: by.displayName,
        at: now().toISOString(),
      };
      // Counted at once, so concurrent subscribes (a Matrix batch) cannot pass the maximum;
      // durable before the schedule changes, and undone if the write fails.
      records.set(id, record);
      touch(id);
      try {
        await store.put(id, record);
      } catch (err) {
        if (records.get(id) === record) {
          if (before) records.set(id, before);
          else records.delete(id);
        }
        throw err;
      } finally {
        touch(id);
      }
      changed();
      log.info(
        { destination: id, postTime: when.time, timeZone: when.timeZone, by: by.user },
        "subscribed",
      );
      const today = await options.schedule.set(toDest(record));
      const moved =
        before && (before.time !== when.time || before.timeZone !== when.timeZone)
          ? { previous: { time: before.time, timeZone: before.timeZone } }
          : {};
      return { kind: "subscribed", today, ...moved };
    },
    async unsubscribe(platform, destination) {
      const id = destinationId(platform, destination);
      if (operator.has(id)) return "operator";
      touch(id);
      try {
        if (leftOut.delete(id)) {
          // Stored but never served (over SUBSCRIPTIONS_MAX at start): forget it for good.
          await store.delete(id);
        } else {
          if (!records.has(id)) return "absent";
          await store.delete(id);
          records.delete(id);
          options.schedule.remove(platform, destination);
        }
      } finally {
        touch(id);
      }
      log.info({ destination: id }, "unsubscribed");
      changed();
      return "removed";
    },
    async stored(platform, destination) {
      const record = readRecord(await store.get(destinationId(platform, destination)));
      return record && { time: record.time, timeZone: record.timeZone };
    },
    reread() {
      const mine = rereading.then(reread, reread);
      rereading = mine.catch(() => {});
      return mine;
    },
    counts() {
      const out = new Map<
        string,
        { platform: PostPlatform; source: string; state: string; count: number }
      >();
      const all = [
        ...operator.values(),
        ...[...records.values()].filter((r) => !operator.has(key(r))).map(toDest),
      ];
      for (const d of all) {
        const state = options.schedule.status(d.platform, d.destination)?.state ?? "active";
        const k = `${d.platform}\u0000${d.source}\u0000${state}`;
        const entry = out.get(k) ?? { platform: d.platform, source: d.source, state, count: 0 };
        entry.count++;
        out.set(k, entry);
      }
      return [...out.values()];
    },
  };
}

/** The local date a subscription record was made on, in its zone. */
const setOn = (record: SubscriptionRecord): string =>
  dateInZone(new Date(record.at), record.timeZone);
