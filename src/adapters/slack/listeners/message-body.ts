// A rendered message as the bodies Slack takes, and who a reply is for.
import type { RespondArguments } from "@slack/bolt";
import type { Reply } from "../../../core/reply.ts";
import type { SlackMessage } from "../../../render/slack/blocks.ts";

/**
 * Whether a reply is for the whole channel (a subscription confirmation: "visibility: room")
 * rather than for the asker alone (every search answer, refusals, usage).
 */
export function forRoom(reply: Reply): boolean {
  return "visibility" in reply && reply.visibility === "room";
}

/** The ack body of a slash command: ephemeral, or in the channel for everyone. */
export function ackBody(message: SlackMessage, inChannel = false): RespondArguments {
  return {
    response_type: inChannel ? "in_channel" : "ephemeral",
    text: message.text,
    ...(message.blocks.length ? { blocks: [...message.blocks] } : {}),
  };
}
