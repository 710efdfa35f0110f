// Slack messages for the watch replies: the core's one wording (watchText), escaped, the
// askers' mentions kept, commands written as typed where the reply is shown.
import { type WatchReply, watchText } from "../../watch/watch-replies.ts";
import type { SlackMessage } from "./blocks.ts";
import { renderReplyLine } from "./subscription.ts";
import type { Surface } from "./surface.ts";

export function renderWatchReply(reply: WatchReply, surface: Surface): SlackMessage {
  return renderReplyLine(surface, (keep, ask) => {
    const held: WatchReply =
      reply.kind === "watch-added" || reply.kind === "unwatched"
        ? { ...reply, by: keep(reply.by) }
        : reply.kind === "watch-list"
          ? { ...reply, watches: reply.watches.map((w) => ({ ...w, by: keep(w.by) })) }
          : reply;
    return watchText(held, ask, "channel");
  });
}
