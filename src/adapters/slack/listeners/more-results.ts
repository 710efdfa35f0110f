// "More results": the next page of the same search, replacing the message it was clicked in
// (the ephemeral /virt answer, or the bot's answer in a DM) through the click's
// response_url. The query and offset travel in the button value; the turn pages them.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { renderNotice, renderSlackAnswer, type Surface } from "../../../render/slack/answer.ts";
import { messageFields } from "../../../render/slack/blocks.ts";
import { decodeMore } from "../../../render/slack/button-values.ts";
import { ACTION, actionPattern } from "../../../render/slack/ids.ts";
import { NOTICES } from "../../../render/slack/notices.ts";
import type { SlackContext } from "../context.ts";

/** Where the click came from: a DM's answers are redrawn as DM answers. */
export function surfaceOf(body: BlockAction): Surface {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ephemeral = body.container?.is_ephemeral === true;
  return !ephemeral && typeof channel === "string" && channel.startsWith("D") ? "dm" : "command";
}

/** The channel a click happened in: the conversation the turn pages for. */
export const channelOf = (body: BlockAction): string =>
  body.channel?.id ?? body.container?.channel_id ?? "";

export function registerMoreResults(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    actionPattern(ACTION.more),
    async ({ ack, body, action }) => {
      await ack();
      const url = body.response_url;
      await ctx.run("more", async () => {
        const startedAt = ctx.clock();
        const state = decodeMore(action.value);
        if (state === null) {
          await ctx.respond(url, {
            response_type: "ephemeral",
            replace_original: false,
            ...messageFields(renderNotice(NOTICES.expiredButton)),
          });
          // A stale or unknown button is the user's problem, not ours: counted like a usage answer.
          ctx.report({ platform: "slack", command: "usage", results: 0, outcome: "ok" }, startedAt);
          return;
        }
        const { reply, outcome } = await ctx.turn.handle({
          platform: "slack",
          conversation: channelOf(body),
          user: body.user.id,
          text: state.q,
          page: { query: state.q, offset: state.o },
        });
        if (!reply) return ctx.report(outcome, startedAt);
        try {
          // A slow-down notice comes on its own; the page stays where it was.
          await ctx.respond(
            url,
            reply.kind === "slow-down"
              ? {
                  response_type: "ephemeral",
                  replace_original: false,
                  ...messageFields(renderNotice(reply.message)),
                }
              : {
                  replace_original: true,
                  ...messageFields(renderSlackAnswer(reply, surfaceOf(body))),
                },
          );
          ctx.report(outcome, startedAt);
        } catch (error) {
          ctx.report(outcome, startedAt, false);
          throw error;
        }
      });
    },
  );
}
