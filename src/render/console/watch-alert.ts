// PURE: a watch alert as terminal text (the console shows what a room would get).
import type { WatchAlertMessage } from "../../watch/alert-message.ts";
import { consoleCard } from "./answer.ts";
import { clean } from "./text.ts";

export function renderConsoleWatchAlert(alert: WatchAlertMessage): string {
  const lines = [`=== ${clean(alert.heading)} ===`];
  alert.entries.forEach((entry, i) => {
    lines.push(consoleCard(entry.card, { marker: `${i + 1}.` }), `   (${clean(entry.note)})`);
  });
  lines.push(
    alert.more
      ? `…and ${alert.more} more: ${clean(alert.query)}`
      : `Ask again any time: ${clean(alert.query)}`,
  );
  return lines.join("\n");
}
