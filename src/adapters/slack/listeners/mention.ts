// "@virt-talks numa" in a channel: the answer IN the channel, as a thread reply, through
// chat.postMessage. A subscription confirmation goes to the channel itself, for everyone; a
// refusal or a usage line only to the asker (ephemeral, in the thread). Bolt has already
// acked the event (Events API) by the time this runs; Slack re-deliveries of an answered
// event are dropped by the event-dedupe middleware.
import type { App } from "@slack/bolt";
import { renderNotice, renderSlackAnswer } from "../../../render/slack/answer.ts";
import type { SlackMessage } from "../../../render/slack/blocks.ts";
import { unescapeText } from "../../../render/slack/escape.ts";
import { NOTICES } from "../../../render/slack/notices.ts";
import { errorText, type SlackContext } from "../context.ts";
import { stripBotMention } from "../mention-text.ts";
import { classifyWebApiError } from "../web-client.ts";
import { forRoom } from "./message-body.ts";

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

export function registerMention(app: App, ctx: SlackContext): void {
  app.event("app_mention", async ({ event, context }) => {
    // Bots (ourselves included) never get an answer: two bots could talk forever.
    if (event.bot_id || event.subtype === "bot_message" || !event.user) return;
    const botUserId = context.botUserId ?? ctx.identity.current?.userId;
    if (event.user === botUserId) return;

    const { channel, user } = event;
    const threadTs = event.thread_ts ?? event.ts;
    const note = (message: SlackMessage) =>
      ctx.api.postEphemeral({ channel, user, threadTs, ...message });

    await ctx.run("mention", async () => {
      const startedAt = ctx.clock();
      const { reply, outcome } = await ctx.turn.handle({
        platform: "slack",
        // The channel, not the thread: a subscription is the channel's.
        conversation: channel,
        user,
        text: unescapeText(stripBotMention(event.text ?? "", botUserId)),
        asker: ctx.asker(user, channel),
      });
      if (!reply) return ctx.report(outcome, startedAt);
      if (reply.kind === "slow-down" || ("visibility" in reply && !forRoom(reply))) {
        // Told to the asker alone, in the thread.
        const message =
          reply.kind === "slow-down"
            ? renderNotice(reply.message)
            : renderSlackAnswer(reply, "mention");
        await note(message).catch((e: unknown) =>
          ctx.logger.warn({ err: errorText(e) }, "slack note to the asker failed"),
        );
        return ctx.report(outcome, startedAt);
      }
      try {
        const where = forRoom(reply) ? { channel } : { channel, threadTs };
        await ctx.api.postMessage({ ...where, ...renderSlackAnswer(reply, "mention") });
        ctx.report(outcome, startedAt);
      } catch (error) {
        ctx.report(outcome, startedAt, false);
        const failure = classifyWebApiError(error);
        const reachable = !(failure.kind === "refused" && UNREACHABLE.has(failure.detail));
        if (reachable)
          await note(renderNotice(NOTICES.postFailed)).catch((e: unknown) =>
            ctx.logger.warn({ err: errorText(e) }, "slack error notice failed"),
          );
        throw error;
      }
    });
  });
}
