// What today holds for a destination just (re)scheduled, from its record and its clock
// alone: the reply to `subscribe` says it, and "posting-now" is what starts a delivery.
import type { PostClock } from "./clock.ts";
import { type DestinationRecord, dayIsDone } from "./records.ts";
import type { TodayPlan } from "./subscription-schedule.ts";

export function todayPlan(record: DestinationRecord, clock: PostClock, at: Date): TodayPlan {
  if (record.paused) return "paused";
  if (dayIsDone(record, clock.dateOf(at))) return "done-today";
  return clock.passedToday(at) ? "posting-now" : "later-today";
}
