// Global middleware: an Events API delivery whose event_id was already seen is dropped.
// Slack re-sends an event (X-Slack-Retry-Num: 1, 2, 3) when our 200 was late or lost;
// Bolt acks the re-delivery with 200 and this stops it from being answered twice.
import type { App } from "@slack/bolt";
import type { SlackContext } from "../context.ts";

export function registerEventDedupe(app: App, ctx: SlackContext): void {
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && !ctx.events.firstSighting(eventId, ctx.clock())) {
      ctx.logger.info(
        { eventId, retryNum: context.retryNum, retryReason: context.retryReason },
        "slack event re-delivery ignored",
      );
      return;
    }
    await next();
  });
}
