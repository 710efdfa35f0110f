// Slack messages for the subscription replies (subscribe, unsubscribe, subscription): the
// core's one wording (subscriptionText), escaped, with two Slack touches. The asker is named
// by a mention, "<@U…>" (the Slack Asker's displayName): Slack shows it as the person's name,
// and it is the only markup made on purpose, kept only when it is exactly a user mention.
// Commands are written the way one types them where the reply is shown (`/virt unsubscribe`).
import { type SubscriptionReply, subscriptionText } from "../../totd/subscription-replies.ts";
import type { SlackMessage } from "./blocks.ts";
import { escapeText, truncateEscaped } from "./escape.ts";
import { BLOCK_KIT_LIMITS } from "./limits.ts";
import { askOn, type Surface } from "./surface.ts";

const MENTION = /^<@[UW][A-Z0-9]{2,30}>$/;
/** Stands for a kept mention while the rest of the line is escaped (never in user text). */
const HOLD = /\u0001(\d+)\u0001/g;

/** The reply with each name that is a mention replaced by a placeholder. */
function holdNames(reply: SubscriptionReply, keep: (name: string) => string): SubscriptionReply {
  switch (reply.kind) {
    case "subscribed":
    case "unsubscribed":
      return { ...reply, by: keep(reply.by) };
    case "subscription-status": {
      const view = reply.subscription;
      return view?.setBy === undefined
        ? reply
        : { ...reply, subscription: { ...view, setBy: keep(view.setBy) } };
    }
    default:
      return reply;
  }
}

/**
 * One reply line for Slack: `build` writes it with `keep` around each name (a name that is
 * exactly a user mention survives escaping); commands are written as typed on `surface`.
 */
export function renderReplyLine(
  surface: Surface,
  build: (keep: (name: string) => string, ask: (command: string) => string) => string,
): SlackMessage {
  const mentions: string[] = [];
  const keep = (name: string) => {
    if (!MENTION.test(name)) return name;
    mentions.push(name);
    return `\u0001${mentions.length - 1}\u0001`;
  };
  const line = build(keep, (command) => `\`${askOn(surface, command)}\``);
  const text = escapeText(line).replace(HOLD, (_, i: string) => mentions[Number(i)] ?? "");
  return { text: truncateEscaped(text, BLOCK_KIT_LIMITS.fallbackText), blocks: [] };
}

export function renderSubscriptionReply(reply: SubscriptionReply, surface: Surface): SlackMessage {
  return renderReplyLine(surface, (keep, ask) =>
    subscriptionText(holdNames(reply, keep), ask, "channel"),
  );
}
