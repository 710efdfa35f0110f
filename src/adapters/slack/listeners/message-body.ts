// A rendered message as the bodies Slack takes: an ephemeral ack, a response_url post.
import type { RespondArguments } from "@slack/bolt";
import type { SlackMessage } from "../../../render/slack/blocks.ts";

/** The ack body of a slash command: an ephemeral answer only the asker sees. */
export function ackBody(message: SlackMessage): RespondArguments {
  return {
    response_type: "ephemeral",
    text: message.text,
    ...(message.blocks.length ? { blocks: [...message.blocks] } : {}),
  };
}
