// A person's question typed in Slack (/virt, a mention, a DM) as the conversation turn takes it.
import type { TurnInput } from "../../../core/turn.ts";
import { unescapeText } from "../../../render/slack/escape.ts";
import type { SlackContext } from "../context.ts";
import { questionText } from "../mention-text.ts";

/**
 * `text` is still in Slack's escaped form, mentions and all (mention-text.ts). The conversation is the channel, also inside a
 * thread: a subscription is the channel's, and "more" pages the asker's last search there.
 */
export function question(
  ctx: SlackContext,
  channel: string,
  user: string,
  text: string,
): TurnInput {
  return {
    platform: "slack",
    conversation: channel,
    user,
    text: unescapeText(questionText(text)),
    asker: ctx.asker(user, channel),
  };
}
