// A watch alert as every platform shows it: a heading naming the watch, at most ten cards
// each with why it is news, and how to see the rest. Platform-neutral; renderers in
// src/render/*/watch-alert.ts.
import { type TalkCard, toCard } from "../core/card.ts";
import type { Talk } from "../core/talk.ts";
import { ALERT_CARDS, type AlertItem, type PlannedAlert } from "./plan.ts";

export interface AlertEntry {
  readonly card: TalkCard;
  /** "New talk", "Changed", "Video now available", "Slides now available". */
  readonly note: string;
}

export interface WatchAlertMessage {
  readonly heading: string;
  readonly entries: readonly AlertEntry[];
  /** Talks beyond the ones shown. */
  readonly more: number;
  /** The watch's query: "see all" asks it again. */
  readonly query: string;
}

const NOTES: Readonly<Record<AlertItem["why"], string>> = Object.freeze({
  new: "New talk",
  changed: "Changed (title, speakers, time or room)",
  video: "Video now available",
  slides: "Slides now available",
});

/** `talk(id)`: the talk in the catalog now; an item whose talk is gone is left out. */
export function alertMessage(
  alert: PlannedAlert,
  talk: (id: string) => Talk | undefined,
): WatchAlertMessage | null {
  const entries: AlertEntry[] = [];
  for (const item of alert.items) {
    const found = talk(item.talk);
    if (found) entries.push({ card: toCard(found), note: NOTES[item.why] });
  }
  if (!entries.length) return null;
  const updates = alert.items.every((i) => i.why === "video" || i.why === "slides");
  const count = entries.length;
  const heading = updates
    ? `Update for your watch “${alert.query}”`
    : `${count} ${count === 1 ? "talk" : "talks"} for your watch “${alert.query}”`;
  return {
    heading,
    entries: entries.slice(0, ALERT_CARDS),
    more: Math.max(0, count - ALERT_CARDS),
    query: alert.query,
  };
}
