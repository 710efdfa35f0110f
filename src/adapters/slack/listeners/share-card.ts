// "Share in channel": posts that card for everyone (response_type in_channel, credited
// "shared by <@USER>"), then redraws the asker's ephemeral list with the card marked as
// shared, its other cards and More results still there. Slack does not hand back an
// ephemeral message's content, so the list is redrawn: a search page through the turn (the
// button carries its query and offset; counted and rate-limited like any request), a single
// talk of the day or random talk from the cards shown lately.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { TalkCard } from "../../../core/card.ts";
import type { Reply } from "../../../core/reply.ts";
import type { Asked } from "../../../core/respond.ts";
import type { TurnOutcome } from "../../../core/turn.ts";
import { renderShared, renderSlackAnswer } from "../../../render/slack/answer.ts";
import { messageFields } from "../../../render/slack/blocks.ts";
import { decodeShare, type ShareValue } from "../../../render/slack/button-values.ts";
import { ACTION, actionPattern } from "../../../render/slack/ids.ts";
import { NOTICES } from "../../../render/slack/notices.ts";
import { errorText, type SlackContext } from "../context.ts";
import type { ResponsePayload } from "../response-url.ts";
import {
  type ButtonArgs,
  type ClickNotice,
  channelOf,
  EXPIRED,
  noticePayload,
  STALE_OUTCOME,
} from "./more-results.ts";

/** The card with `id` in a reply, if it shows one. */
export function cardIn(reply: Reply | null, id: string): TalkCard | undefined {
  if (reply?.kind === "results") return reply.hits.find((h) => h.card.id === id)?.card;
  return reply?.kind === "talk" && reply.card.id === id ? reply.card : undefined;
}

const SHARED: TurnOutcome = { platform: "slack", command: "share", results: 1, outcome: "ok" };

/** What a click on Share comes to: a card to share, or a notice for the clicker alone. */
type ShareAnswer =
  | ClickNotice
  | {
      readonly kind: "share";
      readonly card: TalkCard;
      /** The list the card was shown in, redrawn with it marked as shared. */
      readonly list: Reply;
      readonly shared: readonly string[];
    };

/** The card's post and the list redrawn, or the notice. */
type ShareMessage =
  | { readonly notice: ResponsePayload }
  | { readonly post: ResponsePayload; readonly redrawn: ResponsePayload };

/** The listener of Share in channel clicks. */
export const onShareCard =
  (ctx: SlackContext) =>
  async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ack();
    const url = body.response_url;
    const user = body.user.id;

    /** The list the card was shown in, redrawn; null when the turn says nothing. */
    async function redraw(state: ShareValue): Promise<Asked<Reply>> {
      if (state.q === undefined) {
        const card = ctx.recentTalk(state.id, state.h);
        return { reply: card ? { kind: "talk", reason: "random", card } : null, outcome: SHARED };
      }
      return ctx.turn.handle({
        platform: "slack",
        conversation: channelOf(body),
        user,
        text: state.q,
        page: { query: state.q, offset: state.o ?? 0 },
      });
    }

    async function ask(): Promise<Asked<ShareAnswer>> {
      const state = decodeShare(action.value);
      if (!state) return { reply: EXPIRED, outcome: STALE_OUTCOME };
      const { reply, outcome } = await redraw(state);
      if (reply?.kind === "slow-down")
        return { reply: { kind: "notice", text: reply.message }, outcome };
      if (outcome.outcome === "rate-limited") return { reply: null, outcome };
      const card = cardIn(reply, state.id);
      if (!reply || !card) {
        const notice = state.q ? NOTICES.unknownTalk : NOTICES.expiredButton;
        return { reply: { kind: "notice", text: notice }, outcome: STALE_OUTCOME };
      }
      const shared = [...new Set([...(state.s ?? []), card.id])];
      return { reply: { kind: "share", card, list: reply, shared }, outcome: SHARED };
    }

    async function share(post: ResponsePayload, redrawn: ResponsePayload): Promise<void> {
      try {
        await ctx.respond(url, post);
      } catch (error) {
        await ctx
          .respond(url, noticePayload(NOTICES.shareFailed))
          .catch((e: unknown) =>
            ctx.logger.warn({ err: errorText(e) }, "slack share notice failed"),
          );
        throw error;
      }
      // The card is in the channel now; a list left unmarked is harmless, so a failed
      // redraw is only logged.
      await ctx
        .respond(url, redrawn)
        .catch((e: unknown) => ctx.logger.warn({ err: errorText(e) }, "slack list redraw failed"));
    }

    await ctx.run("share", async () => {
      await ctx.answer({
        ask,
        render: (answer): ShareMessage =>
          answer.kind === "notice"
            ? { notice: noticePayload(answer.text) }
            : {
                post: {
                  response_type: "in_channel",
                  replace_original: false,
                  ...messageFields(renderShared(answer.card, user)),
                },
                redrawn: {
                  replace_original: true,
                  ...messageFields(
                    renderSlackAnswer(answer.list, "command", { shared: answer.shared }),
                  ),
                },
              },
        send: (message) =>
          "notice" in message
            ? ctx.respond(url, message.notice)
            : share(message.post, message.redrawn),
      });
    });
  };

export function registerShareCard(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(actionPattern(ACTION.share), onShareCard(ctx));
}
