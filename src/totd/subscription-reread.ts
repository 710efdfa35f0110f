// What a re-read of the subscriptions (another replica may have changed them) means for
// this process: the records read, with what changed here meanwhile kept as this process
// holds it, and what to unschedule and reschedule. Pure, so the rules of a re-read are
// tested without a store or a schedule; subscriptions.ts applies them.
import type { SubscriptionRecord } from "./subscription-records.ts";

/** The records served and those stored but left out (over SUBSCRIPTIONS_MAX at start). */
export interface LoadedRecords {
  readonly records: Map<string, SubscriptionRecord>;
  readonly leftOut: Set<string>;
}

/**
 * `read` with each destination changed here after the read began (`touched` at a
 * generation past `since`) as `here` holds it: the store read may not hold that change
 * yet. Changes `read` in place and returns it.
 */
export function keepLocalChanges(
  read: LoadedRecords,
  here: LoadedRecords,
  touched: ReadonlyMap<string, number>,
  since: number,
): LoadedRecords {
  for (const [id, at] of touched) {
    if (at <= since) continue;
    const record = here.records.get(id);
    if (record) read.records.set(id, record);
    else read.records.delete(id);
    if (here.leftOut.has(id)) read.leftOut.add(id);
    else read.leftOut.delete(id);
  }
  return read;
}

export interface RereadCounts {
  added: number;
  removed: number;
  moved: number;
}

export interface RereadChanges {
  readonly counts: RereadCounts;
  /** Chat subscriptions gone: to take off the schedule. */
  readonly removed: readonly SubscriptionRecord[];
  /** Chat subscriptions new or at another time: to (re)schedule. */
  readonly rescheduled: readonly SubscriptionRecord[];
}

/**
 * From the records served before to those after: how many were added, removed or moved,
 * and which to unschedule or reschedule. The operator's destinations are counted but
 * never scheduled from here.
 */
export function rereadChanges(
  before: ReadonlyMap<string, SubscriptionRecord>,
  after: ReadonlyMap<string, SubscriptionRecord>,
  operator: { has(id: string): boolean },
): RereadChanges {
  const counts = { added: 0, removed: 0, moved: 0 };
  const removed: SubscriptionRecord[] = [];
  for (const [id, r] of before) {
    if (after.has(id)) continue;
    counts.removed++;
    if (!operator.has(id)) removed.push(r);
  }
  const rescheduled: SubscriptionRecord[] = [];
  for (const [id, r] of after) {
    const was = before.get(id);
    if (was && was.time === r.time && was.timeZone === r.timeZone) continue;
    if (was) counts.moved++;
    else counts.added++;
    if (!operator.has(id)) rescheduled.push(r);
  }
  return { counts, removed, rescheduled };
}
