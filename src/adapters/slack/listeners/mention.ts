// "@virt-talks numa" in a channel: the answer IN the channel, as a thread reply, through
// chat.postMessage. A subscription confirmation goes to the channel itself, for everyone; a
// refusal or a usage line only to the asker (ephemeral, in the thread). Bolt has already
// acked the event (Events API) by the time this runs; Slack re-deliveries of an answered
// event are dropped by the event-dedupe middleware.
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Reply } from "../../../core/reply.ts";
import { renderNotice, renderSlackAnswer } from "../../../render/slack/answer.ts";
import type { SlackMessage } from "../../../render/slack/blocks.ts";
import { NOTICES } from "../../../render/slack/notices.ts";
import { errorText, type SlackContext } from "../context.ts";
import { answerMetadataIn, noteAnswerSent } from "../find-answer.ts";
import { classifyWebApiError } from "../web-api-failure.ts";
import { forRoom } from "./message-body.ts";
import { question } from "./question.ts";

/** Post failures after which an ephemeral note cannot reach the user either. */
const UNREACHABLE = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "restricted_action",
  "user_not_in_channel",
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
]);

/** What the mention listener reads of Bolt's arguments. */
export type MentionArgs = Pick<SlackEventMiddlewareArgs<"app_mention">, "event"> &
  Pick<AllMiddlewareArgs, "context">;

/** Told to the asker alone (ephemeral, in the thread) rather than posted in the channel. */
const privately = (reply: Reply) =>
  reply.kind === "slow-down" || ("visibility" in reply && !forRoom(reply));

/** The listener of app_mention events: the answer in the channel, as a thread reply. */
export const onMention =
  (ctx: SlackContext) =>
  async ({ event, context }: MentionArgs): Promise<void> => {
    // Bots (ourselves included) never get an answer: two bots could talk forever.
    if (event.bot_id || event.subtype === "bot_message" || !event.user) return;
    const botUserId = context.botUserId ?? ctx.identity.current?.userId;
    if (event.user === botUserId) return;

    const { channel, user } = event;
    const threadTs = event.thread_ts ?? event.ts;
    const note = (message: SlackMessage, what: string) =>
      ctx.api
        .postEphemeral({ channel, user, threadTs, ...message })
        .catch((e: unknown) => ctx.logger.warn({ err: errorText(e) }, what));

    async function post(message: SlackMessage, reply: Reply): Promise<void> {
      const where = forRoom(reply) ? { channel } : { channel, threadTs };
      // Names the event it answers, so a takeover after a crash finds it (find-answer.ts).
      const metadata = answerMetadataIn(context);
      try {
        const ts = await ctx.api.postMessage({
          ...where,
          ...message,
          ...(metadata ? { metadata } : {}),
        });
        noteAnswerSent(context, ts);
      } catch (error) {
        const failure = classifyWebApiError(error);
        const reachable = !(failure.kind === "refused" && UNREACHABLE.has(failure.detail));
        if (reachable) await note(renderNotice(NOTICES.postFailed), "slack error notice failed");
        throw error;
      }
    }

    await ctx.run("mention", async () => {
      await ctx.answer({
        ask: () => ctx.turn.handle(question(ctx, channel, user, event.text ?? "")),
        render: (reply) => renderSlackAnswer(reply, "mention"),
        send: (message, reply) =>
          privately(reply) ? note(message, "slack note to the asker failed") : post(message, reply),
      });
    });
  };

export function registerMention(app: App, ctx: SlackContext): void {
  app.event("app_mention", onMention(ctx));
}
