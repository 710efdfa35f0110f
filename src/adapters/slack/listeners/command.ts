// The /virt slash command: ack at once (Slack allows 3 s), then answer ephemerally through
// the command's response_url. All parsing is the core's.
import type { App } from "@slack/bolt";
import { SLOW_DOWN_MESSAGE } from "../../../core/rate-limit.ts";
import { COMMAND, renderNotice, renderSlackAnswer } from "../../../render/slack/answer.ts";
import { messageFields, type SlackMessage } from "../../../render/slack/blocks.ts";
import { unescapeText } from "../../../render/slack/escape.ts";
import { outcomeOf, type SlackContext, serve } from "../context.ts";

export function registerCommand(app: App, ctx: SlackContext): void {
  app.command(COMMAND, async ({ command, ack }) => {
    await ack();
    const reply = (message: SlackMessage) =>
      ctx.respond(command.response_url, { response_type: "ephemeral", ...messageFields(message) });
    await serve(
      ctx,
      { userId: command.user_id, source: "command", startedAt: ctx.clock() },
      async () => {
        const answer = ctx.core.answer(unescapeText(command.text ?? ""));
        await reply(renderSlackAnswer(answer, "command"));
        return outcomeOf(answer);
      },
      () => reply(renderNotice(SLOW_DOWN_MESSAGE)),
    );
  });
}
