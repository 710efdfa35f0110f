// Link buttons open their URL in the browser, but Slack still sends a block_actions payload
// for the click; it must be acked or the user sees a warning. Nothing else to do.
import type { App, SlackActionMiddlewareArgs } from "@slack/bolt";
import { ACTION, actionPattern } from "../../../render/slack/ids.ts";

/** The listener of link button clicks: the ack, nothing else. */
export const onLinkButton = async ({ ack }: Pick<SlackActionMiddlewareArgs, "ack">) => {
  await ack();
};

export function registerLinkButton(app: App): void {
  app.action(actionPattern(ACTION.link), onLinkButton);
}
