// The /virt slash command. The answer is ready at ack time (a search takes well under a
// millisecond), so it goes back IN the ack's body: one HTTP exchange, no response_url post.
// All parsing, paging and rate limiting is the conversation turn's.
import type { App } from "@slack/bolt";
import { COMMAND, renderSlackAnswer } from "../../../render/slack/answer.ts";
import { unescapeText } from "../../../render/slack/escape.ts";
import type { SlackContext } from "../context.ts";
import { ackBody } from "./message-body.ts";

export function registerCommand(app: App, ctx: SlackContext): void {
  app.command(COMMAND, async ({ command, ack }) => {
    const startedAt = ctx.clock();
    const { reply, outcome } = await ctx.turn.handle({
      platform: "slack",
      conversation: command.channel_id ?? "",
      user: command.user_id ?? "",
      text: unescapeText(command.text ?? ""),
    });
    if (reply?.kind === "talk") ctx.rememberTalk(reply.card);
    // null: a flood past its one slow-down notice; the ack still has to go out.
    await (reply ? ack(ackBody(renderSlackAnswer(reply, "command"))) : ack());
    ctx.report(outcome, startedAt);
  });
}
