// "Share in channel": posts that card for everyone (response_type in_channel, credited
// "shared by <@USER>"), then redraws the asker's ephemeral list with the card marked as
// shared, its other cards and More results still there. Slack does not hand back an
// ephemeral message's content, so the list is redrawn: a search page through the turn (the
// button carries its query and offset; counted and rate-limited like any request), a single
// talk of the day or random talk from the cards shown lately.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { TalkCard } from "../../../core/card.ts";
import type { Reply } from "../../../core/reply.ts";
import type { TurnOutcome } from "../../../core/turn.ts";
import { renderNotice, renderShared, renderSlackAnswer } from "../../../render/slack/answer.ts";
import { messageFields, type SlackMessage } from "../../../render/slack/blocks.ts";
import { decodeShare, type ShareValue } from "../../../render/slack/button-values.ts";
import { ACTION, actionPattern } from "../../../render/slack/ids.ts";
import { NOTICES } from "../../../render/slack/notices.ts";
import { errorText, type SlackContext } from "../context.ts";
import { channelOf } from "./more-results.ts";

/** The card with `id` in a reply, if it shows one. */
export function cardIn(reply: Reply | null, id: string): TalkCard | undefined {
  if (reply?.kind === "results") return reply.hits.find((h) => h.card.id === id)?.card;
  return reply?.kind === "talk" && reply.card.id === id ? reply.card : undefined;
}

const SHARED: TurnOutcome = { platform: "slack", command: "share", results: 1, outcome: "ok" };
const STALE: TurnOutcome = { platform: "slack", command: "usage", results: 0, outcome: "ok" };

export function registerShareCard(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    actionPattern(ACTION.share),
    async ({ ack, body, action }) => {
      await ack();
      const url = body.response_url;
      const user = body.user.id;
      const notice = (message: SlackMessage) =>
        ctx.respond(url, {
          response_type: "ephemeral",
          replace_original: false,
          ...messageFields(message),
        });

      /** The list the card was shown in, redrawn; null when the turn says nothing. */
      async function redraw(
        state: ShareValue,
      ): Promise<{ reply: Reply | null; outcome: TurnOutcome }> {
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

      await ctx.run("share", async () => {
        const startedAt = ctx.clock();
        const state = decodeShare(action.value);
        const { reply, outcome } = state ? await redraw(state) : { reply: null, outcome: STALE };
        if (reply?.kind === "slow-down") {
          await notice(renderNotice(reply.message));
          return ctx.report(outcome, startedAt);
        }
        if (outcome.outcome === "rate-limited") return ctx.report(outcome, startedAt);
        const card = state ? cardIn(reply, state.id) : undefined;
        if (!state || !reply || !card) {
          await notice(renderNotice(state?.q ? NOTICES.unknownTalk : NOTICES.expiredButton));
          // A stale or unknown button is the user's problem, not ours: counted like a usage answer.
          return ctx.report(STALE, startedAt);
        }
        try {
          await ctx.respond(url, {
            response_type: "in_channel",
            replace_original: false,
            ...messageFields(renderShared(card, user)),
          });
        } catch (error) {
          ctx.report(SHARED, startedAt, false);
          await notice(renderNotice(NOTICES.shareFailed)).catch((e: unknown) =>
            ctx.logger.warn({ err: errorText(e) }, "slack share notice failed"),
          );
          throw error;
        }
        ctx.report(SHARED, startedAt);
        // The card is in the channel now; a list left unmarked is harmless, so a failed
        // redraw is only logged.
        const shared = [...new Set([...(state.s ?? []), card.id])];
        await ctx
          .respond(url, {
            replace_original: true,
            ...messageFields(renderSlackAnswer(reply, "command", { shared })),
          })
          .catch((e: unknown) =>
            ctx.logger.warn({ err: errorText(e) }, "slack list redraw failed"),
          );
      });
    },
  );
}
