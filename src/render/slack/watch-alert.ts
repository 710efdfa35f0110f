// PURE: a watch alert → one Block Kit message for the channel: the heading, each card's
// section with why it is news, and how to see the rest.
import type { WatchAlertMessage } from "../../watch/alert-message.ts";
import { type Block, context, header, type SlackMessage, section } from "./blocks.ts";
import { cardFallback, cardSectionText } from "./card.ts";
import { clip, escapeText } from "./escape.ts";
import { BLOCK_KIT_LIMITS } from "./limits.ts";
import { COMMAND } from "./surface.ts";

export function renderSlackWatchAlert(alert: WatchAlertMessage): SlackMessage {
  const blocks: Block[] = [header(clip(alert.heading, BLOCK_KIT_LIMITS.headerText))];
  for (const entry of alert.entries) {
    blocks.push(section(cardSectionText(entry.card)));
    blocks.push(context(escapeText(entry.note)));
  }
  const again = `${COMMAND} ${alert.query}`;
  const rest = alert.more
    ? `…and ${alert.more} more: \`${again}\``
    : `Ask again any time: \`${again}\``;
  blocks.push(context(clip(rest, BLOCK_KIT_LIMITS.contextText)));
  return {
    text: clip(
      `${alert.heading}: ${alert.entries.map((e) => cardFallback(e.card)).join("; ")}`,
      3000,
    ),
    blocks,
  };
}
