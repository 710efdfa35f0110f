// "@virt-talks numa" in a channel: up to three cards IN the channel, as a thread reply,
// through chat.postMessage. Bolt has already acked the event (Events API) by the time this
// runs; Slack re-deliveries of an answered event are dropped by the dedupe middleware.
import type { App } from "@slack/bolt";
import { SLOW_DOWN_MESSAGE } from "../../../core/rate-limit.ts";
import { renderNotice, renderSlackAnswer } from "../../../render/slack/answer.ts";
import type { SlackMessage } from "../../../render/slack/blocks.ts";
import { unescapeText } from "../../../render/slack/escape.ts";
import { NOTICES } from "../../../render/slack/notices.ts";
import { errorText, outcomeOf, type SlackContext, serve } from "../context.ts";
import { stripBotMention } from "../mention-text.ts";
import { classifyWebApiError } from "../web-client.ts";

/** Mentions answer with one page: at most three cards in a channel. */
const MENTION_PAGE = 3;

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

    await serve(
      ctx,
      { userId: user, source: "mention", startedAt: ctx.clock() },
      async () => {
        const text = unescapeText(stripBotMention(event.text ?? "", botUserId));
        const answer = ctx.core.answer(text, { pageSize: MENTION_PAGE });
        try {
          await ctx.api.postMessage({ channel, threadTs, ...renderSlackAnswer(answer, "mention") });
        } catch (error) {
          const failure = classifyWebApiError(error);
          const reachable = !(failure.kind === "refused" && UNREACHABLE.has(failure.error));
          if (reachable)
            await note(renderNotice(NOTICES.postFailed)).catch((e: unknown) =>
              ctx.logger.warn({ err: errorText(e) }, "slack error notice failed"),
            );
          throw error;
        }
        return outcomeOf(answer);
      },
      () => note(renderNotice(SLOW_DOWN_MESSAGE)),
    );
  });
}
