// Which room hears about which talks after a sync: every watch's query is run as a
// question on the new catalog (same search, same acceptance rule), and the talks it accepts
// among those the sync added or materially changed make one alert per watch. Recordings
// and slides that appeared are announced as updates, but only to rooms already told about
// that talk. Pure: delivery (dedupe across restarts, one message an hour) is alerts.ts.
import type { CatalogChange, Media } from "./changes.ts";
import type { WatchPlatform, WatchRecord } from "./watches.ts";

/** Cards shown in one alert; the rest are counted and linked. */
export const ALERT_CARDS = 10;

export interface AlertItem {
  readonly talk: string;
  /** "new": added; "changed": title, speakers, time or room; media: what became available. */
  readonly why: "new" | "changed" | Media;
}

export interface PlannedAlert {
  readonly platform: WatchPlatform;
  readonly destination: string;
  /** The watch's number in its room and its query, as `watches` lists them. */
  readonly watch: number;
  readonly query: string;
  readonly items: readonly AlertItem[];
}

/**
 * `rank(query)`: the ids the search accepts for a question, best first; null when the
 * query no longer parses as a search (the grammar changed under an old watch).
 * `announced(platform, destination, talk)`: whether that room was told about the talk.
 */
export function planAlerts(
  watches: readonly WatchRecord[],
  change: CatalogChange,
  rank: (query: string) => readonly string[] | null,
  announced: (platform: WatchPlatform, destination: string, talk: string) => boolean,
): PlannedAlert[] {
  const why = new Map<string, AlertItem["why"]>();
  for (const id of change.changed) why.set(id, "changed");
  for (const id of change.added) why.set(id, "new");
  const out: PlannedAlert[] = [];
  const ranked = new Map<string, readonly string[] | null>();
  for (const record of watches) {
    const told = new Set<string>();
    record.watches.forEach((watch, i) => {
      let ids = ranked.get(watch.query);
      if (ids === undefined) {
        ids = rank(watch.query);
        ranked.set(watch.query, ids);
      }
      const items: AlertItem[] = [];
      for (const talk of ids ?? []) {
        if (told.has(talk)) continue;
        const reason = why.get(talk);
        if (reason) items.push({ talk, why: reason });
        for (const media of change.media.get(talk) ?? [])
          if (announced(record.platform, record.destination, talk))
            items.push({ talk, why: media });
      }
      // A talk two watches of one room match is told once, under the first watch.
      for (const item of items) told.add(item.talk);
      if (items.length)
        out.push({
          platform: record.platform,
          destination: record.destination,
          watch: i + 1,
          query: watch.query,
          items,
        });
    });
  }
  return out;
}
