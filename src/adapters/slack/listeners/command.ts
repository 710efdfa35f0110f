// The /virt slash command. The answer is usually ready at ack time (a search takes well
// under a millisecond), so it goes back IN the ack's body: one HTTP exchange, no
// response_url post. A subscription command may first ask Slack about the asker (users.info)
// and the channel; if the answer is not ready within ACK_BUDGET_MS, the command is acked
// empty and the answer follows through its response_url. All parsing, paging and rate
// limiting is the conversation turn's; a slow-down reply is an answer like any other, shown
// to the asker alone in the ack body.
import type { App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Reply } from "../../../core/reply.ts";
import { within } from "../../../core/retry.ts";
import { COMMAND, renderSlackAnswer } from "../../../render/slack/answer.ts";
import { messageFields, type SlackMessage } from "../../../render/slack/blocks.ts";
import type { SlackContext } from "../context.ts";
import { ackBody, forRoom } from "./message-body.ts";
import { question } from "./question.ts";

/** Slack wants the ack within 3 s; this leaves room for the way back. */
const ACK_BUDGET_MS = 2000;

/** What the command listener reads of Bolt's arguments. */
export type CommandArgs = Pick<SlackCommandMiddlewareArgs, "command" | "ack">;

/** The listener of /virt. The whole request is tracked (stop() waits for it), ack included. */
export const onCommand =
  (ctx: SlackContext) =>
  ({ command, ack }: CommandArgs): Promise<void> =>
    ctx.run("command", async () => {
      const turn = ctx.turn.handle(
        question(ctx, command.channel_id ?? "", command.user_id ?? "", command.text ?? ""),
      );
      /** Whether the ack went out empty: the answer then goes through the response_url. */
      let acked = false;
      await ctx.answer({
        async ask() {
          const ready = await within(turn, ACK_BUDGET_MS);
          if (ready?.reply) return ready;
          // Past the rate limit: the ack body is seen by the asker alone, so every limited
          // command shows when to try again (a room only ever hears it once).
          if (ready?.slowDown) return { ...ready, reply: ready.slowDown };
          // Not ready in time: the ack still has to go out.
          await ack();
          acked = true;
          return ready ?? turn;
        },
        render: (reply) => renderSlackAnswer(reply, "command"),
        send(message: SlackMessage, reply: Reply) {
          if (reply.kind === "talk") ctx.rememberTalk(reply.card);
          if (!acked) return ack(ackBody(message, forRoom(reply)));
          return ctx.respond(command.response_url, {
            response_type: forRoom(reply) ? "in_channel" : "ephemeral",
            ...messageFields(message),
          });
        },
      });
    });

export function registerCommand(app: App, ctx: SlackContext): void {
  app.command(COMMAND, onCommand(ctx));
}
