// `subscribe [HH:MM] [Area/City]`, `unsubscribe` and `subscription` (parsed by the one
// grammar, src/core/grammar.ts), answered with a SubscriptionReply: the handlers this
// feature registers with the turn. Who may change a room's subscription is the adapter's
// call (Asker.mayManageSubscriptions: Matrix power levels, Slack admins); changes are
// rate-limited per room.
import type { SubscriptionCommand } from "../core/grammar.ts";
import type { PostPlatform } from "../core/platform.ts";
import { createRateLimiter, type RateLimiter } from "../core/rate-limit.ts";
import type { CommandHandlers, TurnInput } from "../core/turn.ts";
import type { Logger } from "../log.ts";
import { type Place, placeOf } from "../watch/watch-replies.ts";
import type { SubscriptionReply } from "./subscription-replies.ts";
import type { Subscriptions } from "./subscriptions.ts";

const SUBSCRIPTION_LIMITS = Object.freeze({
  /** Subscribe/unsubscribe commands a room may send in a burst, then one a minute. */
  burst: 3,
  perSecond: 1 / 60,
});

/** The turn's handlers for the subscription commands. Never throw. */
export type SubscriptionCommands = Required<
  Pick<CommandHandlers, "subscribe" | "unsubscribe" | "subscription" | "subscription-usage">
>;

interface SubscriptionCommandOptions {
  /** The registry, once open; null where there is no talk of the day (console mode). */
  readonly subscriptions: () => Promise<Subscriptions | null>;
  /** TOTD_TIME and TOTD_TIMEZONE: what `subscribe` alone means. */
  readonly defaults: { readonly time: string; readonly timeZone: string };
  /** Per room; SUBSCRIPTION_LIMITS unless a test sets its own. */
  readonly rateLimiter?: RateLimiter;
  /** Where a failed write is reported (the asker only hears that nothing changed). */
  readonly logger?: Logger;
}

const refused = (
  reason: Extract<SubscriptionReply, { kind: "subscription-refused" }>["reason"],
  message: string,
): SubscriptionReply => ({ kind: "subscription-refused", visibility: "asker", reason, message });

const UNAVAILABLE =
  "The talk of the day can be subscribed to from a Slack channel or a Matrix room, by someone in it.";

export function createSubscriptionCommands(
  options: SubscriptionCommandOptions,
): SubscriptionCommands {
  const limiter = options.rateLimiter ?? createRateLimiter({ ...SUBSCRIPTION_LIMITS });
  const defaults = { time: options.defaults.time.slice(0, 5), timeZone: options.defaults.timeZone };

  async function answer(
    input: TurnInput,
    command: Exclude<SubscriptionCommand, { kind: "usage" }>,
  ): Promise<SubscriptionReply> {
    const registry = await options.subscriptions();
    if (!registry || input.platform === "console") return refused("unavailable", UNAVAILABLE);
    const platform: PostPlatform = input.platform;
    const room = input.conversation;
    if (command.kind === "subscription") {
      const subscription = registry.view(platform, room);
      return { kind: "subscription-status", visibility: "asker", subscription };
    }
    const { asker } = input;
    if (!asker) return refused("unavailable", UNAVAILABLE);
    const permission = await asker.mayManageSubscriptions(command.kind);
    if (!permission.allowed) return refused("permission", permission.reason);
    const place = placeOf(platform);
    // Changes only, from people allowed to make them: one room cannot churn the store.
    // Stopping is never refused: only subscribing counts against the limit.
    if (
      command.kind === "subscribe" &&
      limiter.take(`${platform}\u0000${room}`, input.now) !== "ok"
    ) {
      return refused(
        "slow-down",
        `Too many subscription changes in this ${place} just now; try again in a minute.`,
      );
    }

    if (command.kind === "unsubscribe") {
      const done = await registry.unsubscribe(platform, room);
      if (done === "removed")
        return { kind: "unsubscribed", visibility: "room", by: asker.displayName };
      if (done === "absent")
        return refused("not-subscribed", `This ${place} is not subscribed to the talk of the day.`);
      return refused("operator", operatorMessage(registry.view(platform, room), place));
    }
    const when = {
      time: command.time ?? defaults.time,
      timeZone: command.timeZone ?? defaults.timeZone,
    };
    const result = await registry.subscribe(platform, room, when, {
      user: input.user,
      displayName: asker.displayName,
    });
    switch (result.kind) {
      case "operator":
        return refused("operator", operatorMessage(registry.view(platform, room), place));
      case "limit":
        return refused(
          "limit",
          `The talk of the day already goes to ${result.max} rooms and channels, the most this bot is set up for; ask its operator.`,
        );
      case "subscribed":
        return {
          kind: "subscribed",
          visibility: "room",
          by: asker.displayName,
          ...when,
          today: result.today,
          ...(result.previous ? { previous: result.previous } : {}),
        };
    }
  }

  async function handle(
    input: TurnInput,
    command: Exclude<SubscriptionCommand, { kind: "usage" }>,
  ): Promise<SubscriptionReply> {
    try {
      return await answer(input, command);
    } catch (err) {
      // The state store could not write (a full disk): nothing changed, say so.
      options.logger?.error(
        { err, platform: input.platform, conversation: input.conversation },
        "subscription command failed",
      );
      return refused(
        "unavailable",
        "I could not save that just now; nothing changed. Please try again later.",
      );
    }
  }

  return {
    subscribe: (command, input) => handle(input, command),
    unsubscribe: (command, input) => handle(input, command),
    subscription: (command, input) => handle(input, command),
    "subscription-usage": async ({ message }) => ({
      kind: "subscription-usage",
      visibility: "asker",
      message,
    }),
  };
}

function operatorMessage(view: { time: string; timeZone: string } | null, place: Place): string {
  const when = view ? ` (${view.time}, ${view.timeZone})` : "";
  return `This ${place} gets the talk of the day from the operator's settings${when}; it cannot be changed or removed from chat.`;
}
