// The bot's own joins and leaves (member_joined_channel / member_left_channel about the bot's
// user): invited back to a channel, the talk of the day resumes there; removed, it pauses.
// Other people's joins and leaves are none of the bot's business. Bolt's ignoreSelf lets
// these two event types through on purpose.
import type { App } from "@slack/bolt";
import type { MembershipChange } from "../../../core/platform.ts";
import type { SlackContext } from "../context.ts";

export type { MembershipChange } from "../../../core/platform.ts";

const EVENTS = [
  ["member_joined_channel", "join"],
  ["member_left_channel", "leave"],
] as const;

export function registerMembership(
  app: App,
  ctx: SlackContext,
  announce: (change: MembershipChange) => void,
): void {
  for (const [type, membership] of EVENTS) {
    app.event(type, async ({ event, context }) => {
      const bot = context.botUserId ?? ctx.identity.current?.userId;
      if (bot === undefined || event.user !== bot) return;
      ctx.logger.info(
        { channel: event.channel, membership },
        "slack: the bot's channel membership changed",
      );
      announce({ destination: event.channel, membership });
    });
  }
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
