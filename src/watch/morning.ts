// The morning post during a conference a room watches: instead of the talk of the day, the
// day's talks of that conference the room's watches match (issue 20, "the conference
// week"). Pure: the core, the room's watch queries and the room's local date in; the
// message (the watch-alert shape, so both platforms' renderers and post ports serve it)
// or null when no watched conference runs that day.
import type { Core } from "../core/answer.ts";
import { toCard } from "../core/card.ts";
import { eventName, tableOf } from "../week/listing.ts";
import { localDate, slotLine } from "../week/times.ts";
import type { WatchAlertMessage } from "./alert-message.ts";
import { ALERT_CARDS } from "./plan.ts";
import { acceptedIds } from "./watch-alerts.ts";

/**
 * The talks of `date` (each read in its conference's zone) that any of `queries` accepts,
 * in time order with their slot lines: at most ALERT_CARDS, the rest counted.
 */
export function watchedDay(
  core: Core,
  queries: readonly string[],
  date: string,
): WatchAlertMessage | null {
  const day = tableOf(core.catalog.talks).filter((t) => localDate(t.start, t.timeZone) === date);
  if (!day.length || !queries.length) return null;
  const accepted = new Set<string>();
  for (const query of queries) for (const id of acceptedIds(core, query) ?? []) accepted.add(id);
  const matched = day.filter((t) => accepted.has(t.talk.id));
  if (!matched.length) return null;
  const events = [...new Set(matched.map((t) => eventName(t.talk)))].join(" and ");
  const count = matched.length;
  return {
    heading: `Today at ${events}: ${count} ${count === 1 ? "talk" : "talks"} for your watches`,
    entries: matched
      .slice(0, ALERT_CARDS)
      .map((t) => ({ card: toCard(t.talk), note: slotLine(t) })),
    more: Math.max(0, count - ALERT_CARDS),
    // "see all" / "ask again": the day's schedule, narrowed by the one watch when one.
    query: queries.length === 1 ? `schedule today ${queries[0]}` : "schedule today",
  };
}
