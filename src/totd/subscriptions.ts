// The rooms and channels that subscribed to the talk of the day from chat: one record per
// destination in the state store ("subscriptions" namespace, written atomically by the
// file store), loaded at start and handed to the schedule (the daily post). The
// operator's TOTD_* destinations are listed too but never stored or removed from here.
import { z } from "zod";
import type { PostPlatform } from "../core/platform.ts";
import type { KeyValue, StateStore } from "../core/state-store.ts";
import type { Logger } from "../log.ts";
import { destinationId } from "./records.ts";
import type { SubscriptionView } from "./subscription-replies.ts";
import type {
  ScheduledDestination,
  SubscriptionSchedule,
  TodayPlan,
} from "./subscription-schedule.ts";
import { dateInZone } from "./today.ts";

export const SUBSCRIPTIONS_NAMESPACE = "subscriptions";
const SUBSCRIPTION_DEFAULTS = Object.freeze({ max: 500 });

/** Zones checked so far (a file holds a handful, repeated thousands of times). */
const zoneChecks = new Map<string, boolean>();

function isZone(timeZone: string): boolean {
  let ok = zoneChecks.get(timeZone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone });
      ok = true;
    } catch {
      ok = false;
    }
    zoneChecks.set(timeZone, ok);
  }
  return ok;
}

const RecordSchema = z.object({
  platform: z.enum(["slack", "matrix"]),
  destination: z.string().min(1),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  timeZone: z.string().refine(isZone, { message: "not an IANA time zone" }),
  /** The asker's platform id and display name at the time. */
  byUser: z.string(),
  by: z.string(),
  /** ISO instant of the subscribe command. */
  at: z.string(),
});
export type SubscriptionRecord = z.infer<typeof RecordSchema>;

/**
 * What the store may hand back: anything. Each entry is checked on load (loadRecords), so
 * one bad entry is skipped with a line naming it, and the valid ones around it stay (a
 * store validator that refused it would set the whole namespace aside).
 */
const anything = (raw: unknown): unknown => (raw === undefined ? null : raw);

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
  const { records, leftOut } = loadRecords(await store.entries(), max, operator.size, log);

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
      try {
        await store.put(id, record);
      } catch (err) {
        if (records.get(id) === record) {
          if (before) records.set(id, before);
          else records.delete(id);
        }
        throw err;
      }
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
      if (leftOut.delete(id)) {
        // Stored but never served (over SUBSCRIPTIONS_MAX at start): forget it for good.
        await store.delete(id);
        log.info({ destination: id }, "unsubscribed");
        return "removed";
      }
      if (!records.has(id)) return "absent";
      await store.delete(id);
      records.delete(id);
      options.schedule.remove(platform, destination);
      log.info({ destination: id }, "unsubscribed");
      return "removed";
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

const key = (r: SubscriptionRecord) => destinationId(r.platform, r.destination);

/**
 * The stored subscriptions to serve: valid ones, the earliest first, as many as
 * SUBSCRIPTIONS_MAX leaves room for beside the operator's destinations. An invalid entry is skipped with
 * one error line naming it and what is wrong; the rest are left out with one warning
 * saying how many. Neither is deleted: fixing the entry or raising the maximum brings it
 * back at the next start.
 */
function loadRecords(
  stored: ReadonlyArray<readonly [string, unknown]>,
  max: number,
  operator: number,
  log: Logger,
): { records: Map<string, SubscriptionRecord>; leftOut: Set<string> } {
  const records = new Map<string, SubscriptionRecord>();
  const leftOut = new Set<string>();
  for (const [id, raw] of stored) {
    const parsed = RecordSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (i) => `${i.path.join(".") || "(record)"}: ${i.message}`,
      );
      log.error(
        { namespace: SUBSCRIPTIONS_NAMESPACE, key: id, problems },
        "skipped an invalid subscription; the others are kept",
      );
    } else if (operator + records.size < max) records.set(id, parsed.data);
    else leftOut.add(id);
  }
  if (leftOut.size > 0) {
    log.warn(
      { leftOut: leftOut.size, served: records.size, operator, max },
      "more chat subscriptions than SUBSCRIPTIONS_MAX allows: the latest ones are left out (kept in the state file; raise SUBSCRIPTIONS_MAX to serve them)",
    );
  }
  return { records, leftOut };
}

/** The local date a subscription record was made on, in its zone. */
const setOn = (record: SubscriptionRecord): string =>
  dateInZone(new Date(record.at), record.timeZone);
