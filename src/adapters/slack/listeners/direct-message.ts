// A direct message to the bot (App Home's Messages tab, event message.im): answered in the
// same DM, as a plain message (More results works there; there is no one to share with).
// Only a person's new message is a question: edits, deletions and other subtypes, the bot's
// own messages and other bots' are ignored (two bots could otherwise talk forever).
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import { renderSlackAnswer } from "../../../render/slack/answer.ts";
import type { SlackContext } from "../context.ts";
import { answerMetadataIn, noteAnswerSent } from "../find-answer.ts";
import { question } from "./question.ts";

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

/** What the DM listener reads of Bolt's arguments. */
export type DirectMessageArgs = Pick<SlackEventMiddlewareArgs<"message">, "event"> &
  Pick<AllMiddlewareArgs, "context">;

/** The listener of message events: a person's question in a DM is answered there. */
export const onDirectMessage =
  (ctx: SlackContext) =>
  async ({ event, context }: DirectMessageArgs): Promise<void> => {
    const message = event as DirectMessage;
    const botUserId = context.botUserId ?? ctx.identity.current?.userId;
    if (!isQuestionInDm(message, botUserId)) return;
    const { channel } = message;
    const user = message.user!;
    const found = answerMetadataIn(context);
    const metadata = found ? { metadata: found } : {};
    await ctx.run("dm", async () => {
      await ctx.answer({
        ask: () => ctx.turn.handle(question(ctx, channel, user, message.text ?? "")),
        render: (reply) => renderSlackAnswer(reply, "dm"),
        // A slow-down notice too goes in the DM: only the asker reads it there anyway.
        // With the event's id in metadata: a takeover after a crash finds it (find-answer.ts).
        send: async (rendered) =>
          noteAnswerSent(context, await ctx.api.postMessage({ channel, ...rendered, ...metadata })),
      });
    });
  };

export function registerDirectMessage(app: App, ctx: SlackContext): void {
  app.event("message", onDirectMessage(ctx));
}
