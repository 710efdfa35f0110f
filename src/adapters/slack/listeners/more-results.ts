// "More results": the next page of the same search, replacing the ephemeral message
// through the click's response_url. The query and offset travel in the button value.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { SLOW_DOWN_MESSAGE } from "../../../core/rate-limit.ts";
import { renderNotice, renderSlackAnswer } from "../../../render/slack/answer.ts";
import { messageFields } from "../../../render/slack/blocks.ts";
import { decodeMore } from "../../../render/slack/button-values.ts";
import { ACTION, actionPattern } from "../../../render/slack/ids.ts";
import { NOTICES } from "../../../render/slack/notices.ts";
import { outcomeOf, type SlackContext, serve } from "../context.ts";

export function registerMoreResults(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    actionPattern(ACTION.more),
    async ({ ack, body, action }) => {
      await ack();
      const url = body.response_url;
      await serve(
        ctx,
        { userId: body.user.id, source: "more", startedAt: ctx.clock() },
        async () => {
          const state = decodeMore(action.value);
          if (state === null) {
            await ctx.respond(url, {
              response_type: "ephemeral",
              replace_original: false,
              ...messageFields(renderNotice(NOTICES.expiredButton)),
            });
            // A stale or unknown button is the user's problem, not ours: counted like a usage answer.
            return { command: "usage", results: 0 };
          }
          const answer = ctx.core.answer(state.q, { offset: state.o });
          await ctx.respond(url, {
            replace_original: true,
            ...messageFields(renderSlackAnswer(answer, "command")),
          });
          return outcomeOf(answer);
        },
        () =>
          ctx.respond(url, {
            response_type: "ephemeral",
            replace_original: false,
            ...messageFields(renderNotice(SLOW_DOWN_MESSAGE)),
          }),
      );
    },
  );
}
