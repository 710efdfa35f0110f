// The Slack side of "who may change what this channel subscribes to" (the Asker port):
// by default any member of the channel; with SUBSCRIBE_ADMINS_ONLY only workspace admins and
// owners (users.info, scope users:read). To subscribe, the bot must be in the channel, or the
// talk of the day could never be posted there: the asker is told how to invite it (the bot
// never joins on its own and never asks for chat:write.public). Unsubscribing a channel the
// bot was removed from needs no invitation.
import type { Asker, Permission } from "../../core/platform.ts";
import type { Logger } from "../../log.ts";
import { classifyWebApiError } from "./web-api-failure.ts";
import type { SlackApi } from "./web-client.ts";

export const ASKER_TEXT = Object.freeze({
  adminsOnly:
    "Only workspace admins and owners can change the talk of the day or watches here. Ask one of them to run this.",
  cannotCheckAdmin:
    "I couldn't check whether you are a workspace admin just now (Slack didn't answer); please try again in a minute.",
  notInChannel:
    "I'm not in this channel, so I couldn't post here. Invite me with `/invite @virt-talks`, then run the command again.",
});

/** Slack's answers to a history read that mean the bot is not in the channel. */
const OUTSIDE = new Set(["not_in_channel", "channel_not_found"]);

interface SlackAskerArgs {
  readonly api: Pick<SlackApi, "userInfo" | "history">;
  readonly logger: Logger;
  /** The asker's user id (U…/W…). */
  readonly user: string;
  /** The channel the command was typed in: the destination. */
  readonly channel: string;
  readonly adminsOnly: boolean;
}

const allowed: Permission = { allowed: true };
const refuse = (reason: string): Permission => ({ allowed: false, reason });

/** Whether the bot is in `channel`: a one-message history read (scopes it already has). */
async function botIsIn(args: SlackAskerArgs): Promise<boolean> {
  try {
    await args.api.history({ channel: args.channel, oldest: "0", limit: 1 });
    return true;
  } catch (error) {
    const failure = classifyWebApiError(error);
    if (failure.kind === "refused" && OUTSIDE.has(failure.detail)) return false;
    // missing_scope or Slack unavailable: cannot tell. Let it through; a daily post that is
    // refused later pauses the destination and says so in /healthz.
    args.logger.warn({ channel: args.channel, failure }, "slack: cannot check channel membership");
    return true;
  }
}

export function slackAsker(args: SlackAskerArgs): Asker {
  return {
    // A mention: Slack shows it as the person's name.
    displayName: `<@${args.user}>`,
    async mayManageSubscriptions(change) {
      if (args.adminsOnly) {
        let role: Awaited<ReturnType<SlackApi["userInfo"]>>;
        try {
          role = await args.api.userInfo(args.user);
        } catch {
          return refuse(ASKER_TEXT.cannotCheckAdmin);
        }
        if (!role.isAdmin && !role.isOwner) return refuse(ASKER_TEXT.adminsOnly);
      }
      if (change === "unsubscribe") return allowed;
      return (await botIsIn(args)) ? allowed : refuse(ASKER_TEXT.notInChannel);
    },
  };
}
