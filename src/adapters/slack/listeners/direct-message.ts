// A direct message to the bot (App Home's Messages tab, event message.im): answered in the
// same DM, as a plain message (More results works there; there is no one to share with).
// Only a person's new message is a question: edits, deletions and other subtypes, the bot's
// own messages and other bots' are ignored (two bots could otherwise talk forever).
import type { App } from "@slack/bolt";
import { renderSlackAnswer } from "../../../render/slack/answer.ts";
import { unescapeText } from "../../../render/slack/escape.ts";
import type { SlackContext } from "../context.ts";
import { stripBotMention } from "../mention-text.ts";

/** The fields of a message event the bot looks at (Slack's union type has many shapes). */
interface DirectMessage {
  readonly channel: string;
  readonly channel_type?: string;
  readonly subtype?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly text?: string;
}

/** Whether a message event is a person's new message in a DM with the bot. */
export function isQuestionInDm(event: DirectMessage, botUserId: string | undefined): boolean {
  if (event.channel_type !== "im" || event.subtype !== undefined) return false;
  if (event.bot_id || !event.user) return false;
  return event.user !== botUserId;
}

export function registerDirectMessage(app: App, ctx: SlackContext): void {
  app.event("message", async ({ event, context }) => {
    const message = event as DirectMessage;
    const botUserId = context.botUserId ?? ctx.identity.current?.userId;
    if (!isQuestionInDm(message, botUserId)) return;
    const { channel } = message;
    await ctx.run("dm", async () => {
      const startedAt = ctx.clock();
      const { reply, outcome } = await ctx.turn.handle({
        platform: "slack",
        conversation: channel,
        user: message.user!,
        text: unescapeText(stripBotMention(message.text ?? "", botUserId)),
        asker: ctx.asker(message.user!, channel),
      });
      if (!reply) return ctx.report(outcome, startedAt);
      try {
        // A slow-down notice too goes in the DM: only the asker reads it there anyway.
        await ctx.api.postMessage({ channel, ...renderSlackAnswer(reply, "dm") });
        ctx.report(outcome, startedAt);
      } catch (error) {
        ctx.report(outcome, startedAt, false);
        throw error;
      }
    });
  });
}
