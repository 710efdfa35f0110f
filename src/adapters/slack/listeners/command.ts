// The /virt slash command. The answer is usually ready at ack time (a search takes well
// under a millisecond), so it goes back IN the ack's body: one HTTP exchange, no
// response_url post. A subscription command may first ask Slack about the asker (users.info)
// and the channel; if the answer is not ready within ACK_BUDGET_MS, the command is acked
// empty and the answer follows through its response_url. All parsing, paging and rate
// limiting is the conversation turn's.
import type { App } from "@slack/bolt";
import { within } from "../../../core/retry.ts";
import type { TurnResult } from "../../../core/turn.ts";
import { COMMAND, renderSlackAnswer } from "../../../render/slack/answer.ts";
import { messageFields } from "../../../render/slack/blocks.ts";
import { unescapeText } from "../../../render/slack/escape.ts";
import type { SlackContext } from "../context.ts";
import { ackBody, forRoom } from "./message-body.ts";

/** Slack wants the ack within 3 s; this leaves room for the way back. */
export const ACK_BUDGET_MS = 2000;

export function registerCommand(app: App, ctx: SlackContext): void {
  // The whole request is tracked (stop() waits for it), ack included.
  app.command(COMMAND, ({ command, ack }) =>
    ctx.run("command", async () => {
      const startedAt = ctx.clock();
      const channel = command.channel_id ?? "";
      const user = command.user_id ?? "";
      const answer = ctx.turn.handle({
        platform: "slack",
        conversation: channel,
        user,
        text: unescapeText(command.text ?? ""),
        asker: ctx.asker(user, channel),
      });
      const ready = await within(answer, ACK_BUDGET_MS);
      if (ready) {
        const { reply, outcome } = ready;
        if (reply?.kind === "talk") ctx.rememberTalk(reply.card);
        // null: a flood past its one slow-down notice; the ack still has to go out.
        await (reply ? ack(ackBody(renderSlackAnswer(reply, "command"), forRoom(reply))) : ack());
        return ctx.report(outcome, startedAt);
      }
      await ack();
      await answerLater(ctx, answer, command.response_url, startedAt);
    }),
  );
}

/** The answer that missed the ack, through the command's response_url. */
async function answerLater(
  ctx: SlackContext,
  answer: Promise<TurnResult>,
  responseUrl: string,
  startedAt: number,
): Promise<void> {
  const { reply, outcome } = await answer;
  if (!reply) return ctx.report(outcome, startedAt);
  if (reply.kind === "talk") ctx.rememberTalk(reply.card);
  try {
    await ctx.respond(responseUrl, {
      response_type: forRoom(reply) ? "in_channel" : "ephemeral",
      ...messageFields(renderSlackAnswer(reply, "command")),
    });
    ctx.report(outcome, startedAt);
  } catch (error) {
    ctx.report(outcome, startedAt, false);
    throw error;
  }
}
