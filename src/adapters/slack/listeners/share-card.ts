// "Share in channel": posts that card for everyone (response_type in_channel, credited
// "shared by <@USER>"), then deletes the ephemeral preview it came from.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { toCard } from "../../../core/card.ts";
import { SLOW_DOWN_MESSAGE } from "../../../core/rate-limit.ts";
import { renderNotice, renderShared } from "../../../render/slack/answer.ts";
import { messageFields, type SlackMessage } from "../../../render/slack/blocks.ts";
import { decodeShare } from "../../../render/slack/button-values.ts";
import { ACTION, actionPattern } from "../../../render/slack/ids.ts";
import { NOTICES } from "../../../render/slack/notices.ts";
import { errorText, type SlackContext, serve } from "../context.ts";

export function registerShareCard(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    actionPattern(ACTION.share),
    async ({ ack, body, action }) => {
      await ack();
      const url = body.response_url;
      const notice = (message: SlackMessage) =>
        ctx.respond(url, {
          response_type: "ephemeral",
          replace_original: false,
          ...messageFields(message),
        });
      await serve(
        ctx,
        { userId: body.user.id, source: "share", startedAt: ctx.clock() },
        async () => {
          const state = decodeShare(action.value);
          const talk = state ? ctx.core.catalog.byId.get(state.id) : undefined;
          if (!state || !talk) {
            await notice(renderNotice(state ? NOTICES.unknownTalk : NOTICES.expiredButton));
            // A stale or unknown button is the user's problem, not ours: counted like a usage answer.
            return { command: "usage", results: 0 };
          }
          const card = toCard(talk, state.h ?? null);
          try {
            await ctx.respond(url, {
              response_type: "in_channel",
              replace_original: false,
              ...messageFields(renderShared(card, body.user.id)),
            });
          } catch (error) {
            await notice(renderNotice(NOTICES.shareFailed)).catch((e: unknown) =>
              ctx.logger.warn({ err: errorText(e) }, "slack share notice failed"),
            );
            throw error;
          }
          // The card is in the channel now; a preview left behind is harmless, so a failed
          // delete is only logged.
          await ctx
            .respond(url, { delete_original: true })
            .catch((e: unknown) =>
              ctx.logger.warn({ err: errorText(e) }, "slack preview delete failed"),
            );
          return { command: "share", results: 1 };
        },
        () => notice(renderNotice(SLOW_DOWN_MESSAGE)),
      );
    },
  );
}
