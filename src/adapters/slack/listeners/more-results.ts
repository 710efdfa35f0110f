// "More results": the next page of the same search, replacing the message it was clicked in
// (the ephemeral /virt answer, or the bot's answer in a DM) through the click's
// response_url. The query and offset travel in the button value; the turn pages them.
import type { App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Reply } from "../../../core/reply.ts";
import type { TurnOutcome } from "../../../core/turn.ts";
import { renderNotice, renderSlackAnswer, type Surface } from "../../../render/slack/answer.ts";
import { messageFields } from "../../../render/slack/blocks.ts";
import { decodeMore } from "../../../render/slack/button-values.ts";
import { ACTION, actionPattern } from "../../../render/slack/ids.ts";
import { NOTICES } from "../../../render/slack/notices.ts";
import type { SlackContext } from "../context.ts";
import type { ResponsePayload } from "../response-url.ts";

/** What a click is answered with instead of a page: a line for the clicker alone. */
export interface ClickNotice {
  readonly kind: "notice";
  readonly text: string;
}

/** Where the click came from: a DM's answers are redrawn as DM answers. */
function surfaceOf(body: BlockAction): Surface {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ephemeral = body.container?.is_ephemeral === true;
  return !ephemeral && typeof channel === "string" && channel.startsWith("D") ? "dm" : "command";
}

/** The channel a click happened in: the conversation the turn pages for. */
export const channelOf = (body: BlockAction): string =>
  body.channel?.id ?? body.container?.channel_id ?? "";

/** What the More results listener reads of Bolt's arguments. */
export type ButtonArgs = Pick<
  SlackActionMiddlewareArgs<BlockAction<ButtonAction>>,
  "ack" | "body" | "action"
>;

/** A button whose value cannot be read (stale, or not ours): the clicker is told so. */
export const EXPIRED: ClickNotice = { kind: "notice", text: NOTICES.expiredButton };
/** A stale or unknown button is the user's problem, not ours: counted like a usage answer. */
export const STALE_OUTCOME: TurnOutcome = {
  platform: "slack",
  command: "usage",
  results: 0,
  outcome: "ok",
};

/** A notice for the clicker alone, beside the message clicked in (which stays). */
export const noticePayload = (text: string): ResponsePayload => ({
  response_type: "ephemeral",
  replace_original: false,
  ...messageFields(renderNotice(text)),
});

/** The listener of More results clicks. */
export const onMoreResults =
  (ctx: SlackContext) =>
  async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ack();
    await ctx.run("more", async () => {
      await ctx.answer<Reply | ClickNotice, ResponsePayload, void>({
        async ask() {
          const state = decodeMore(action.value);
          if (state === null) return { reply: EXPIRED, outcome: STALE_OUTCOME };
          return ctx.turn.handle({
            platform: "slack",
            conversation: channelOf(body),
            user: body.user.id,
            text: state.q,
            page: { query: state.q, offset: state.o },
          });
        },
        render(reply) {
          if (reply.kind === "notice") return noticePayload(reply.text);
          // A slow-down notice comes on its own; the page stays where it was.
          if (reply.kind === "slow-down") return noticePayload(reply.message);
          return {
            replace_original: true,
            ...messageFields(renderSlackAnswer(reply, surfaceOf(body))),
          };
        },
        send: (payload) => ctx.respond(body.response_url, payload),
      });
    });
  };

export function registerMoreResults(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(actionPattern(ACTION.more), onMoreResults(ctx));
}
