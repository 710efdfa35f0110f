// The bot's own joins and leaves (member_joined_channel / member_left_channel about the bot's
// user): invited back to a channel, the talk of the day resumes there; removed, it pauses.
// Other people's joins and leaves are none of the bot's business. Bolt's ignoreSelf lets
// these two event types through on purpose.
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { MembershipChange } from "../../../core/platform.ts";
import type { SlackContext } from "../context.ts";

export type { MembershipChange } from "../../../core/platform.ts";

/** What the membership listener reads of Bolt's arguments. */
export type MembershipArgs = Pick<
  SlackEventMiddlewareArgs<"member_joined_channel" | "member_left_channel">,
  "event"
> &
  Pick<AllMiddlewareArgs, "context">;

/** The listener of member_joined_channel / member_left_channel: only the bot's own. */
export const onMembershipEvent =
  (ctx: SlackContext, announce: (change: MembershipChange) => void) =>
  async ({ event, context }: MembershipArgs): Promise<void> => {
    const bot = context.botUserId ?? ctx.identity.current?.userId;
    if (bot === undefined || event.user !== bot) return;
    const membership = event.type === "member_joined_channel" ? "join" : "leave";
    ctx.logger.info(
      { channel: event.channel, membership },
      "slack: the bot's channel membership changed",
    );
    announce({ destination: event.channel, membership });
  };

export function registerMembership(
  app: App,
  ctx: SlackContext,
  announce: (change: MembershipChange) => void,
): void {
  for (const type of ["member_joined_channel", "member_left_channel"] as const)
    app.event(type, onMembershipEvent(ctx, announce));
}

/** Listeners of membership changes; one that throws is logged and the rest still hear. */
export function createMembershipListeners(ctx: Pick<SlackContext, "logger">) {
  const listeners = new Set<(change: MembershipChange) => void>();
  return {
    announce(change: MembershipChange) {
      for (const listener of listeners) {
        try {
          listener(change);
        } catch (error) {
          ctx.logger.error({ ...change, err: String(error) }, "slack membership listener failed");
        }
      }
    },
    /** Adds a listener; returns how to remove it. */
    onMembership(listener: (change: MembershipChange) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
