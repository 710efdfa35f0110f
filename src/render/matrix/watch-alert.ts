// PURE: a watch alert → one m.notice: the heading, each card with why it is news, and how
// to see the rest. Every piece of catalog text is escaped by cardPart and escapeHtml.
import { BANG_COMMAND } from "../../core/address.ts";
import type { WatchAlertMessage } from "../../watch/alert-message.ts";
import { cardPart } from "./answer.ts";
import { escapeHtml } from "./html.ts";
import { type NoticeContent, notice } from "./notice.ts";

export function renderMatrixWatchAlert(alert: WatchAlertMessage): NoticeContent {
  const again = `${BANG_COMMAND} ${alert.query}`;
  const rest = alert.more ? `…and ${alert.more} more: ` : "Ask again any time: ";
  const parts = [
    { text: alert.heading, html: `<p><strong>${escapeHtml(alert.heading)}</strong></p>` },
    ...alert.entries.map((entry, i) => {
      const card = cardPart(entry.card, i + 1);
      return {
        text: `${card.text}\n${entry.note}`,
        html: `${card.html}<p><em>${escapeHtml(entry.note)}</em></p>`,
      };
    }),
    {
      text: `${rest}${again}`,
      html: `<p>${escapeHtml(rest)}<code>${escapeHtml(again)}</code></p>`,
    },
  ];
  return notice(parts);
}
