// What the subscription commands answer, and the one wording of it that every renderer
// (Block Kit, Matrix HTML, the terminal) uses. `visibility` says who should see a reply:
// "room" replies are posted for the whole room (Slack: a channel message, not ephemeral;
// Matrix: an m.notice), "asker" replies only to the person who typed the command.
import type { Place } from "../watch/watch-replies.ts";
import type { DestinationSource, TodayPlan } from "./subscription-schedule.ts";

export const SUBSCRIBE_FORM = "subscribe [HH:MM] [Area/City]";
export const SUBSCRIBE_EXAMPLE = "subscribe 09:00 Europe/Berlin";

export interface SubscriptionView {
  readonly source: DestinationSource;
  readonly time: string;
  readonly timeZone: string;
  /** Who subscribed (chat subscriptions): the asker's display name then. */
  readonly setBy?: string;
  /** When (YYYY-MM-DD, in the subscription's zone). */
  readonly setOn?: string;
  readonly lastPosted: string | null;
  readonly state: "active" | "paused";
  readonly pausedReason?: string;
}

export type RefusalReason =
  /** The asker may not manage subscriptions here (the adapter's reason). */
  | "permission"
  /** The operator's TOTD_* settings own this destination. */
  | "operator"
  /** SUBSCRIPTIONS_MAX destinations already. */
  | "limit"
  /** unsubscribe where nothing is subscribed. */
  | "not-subscribed"
  /** Too many subscription commands in this room just now. */
  | "slow-down"
  /** Not a room the talk of the day can go to (the console, no asker). */
  | "unavailable";

export type SubscriptionReply =
  | {
      readonly kind: "subscribed";
      readonly visibility: "room";
      readonly by: string;
      readonly time: string;
      readonly timeZone: string;
      readonly today: TodayPlan;
      /** The schedule this one replaced, when the room was subscribed already. */
      readonly previous?: { readonly time: string; readonly timeZone: string };
    }
  | {
      readonly kind: "unsubscribed";
      readonly visibility: "room";
      readonly by: string;
    }
  | {
      /** Read-only status: for the asker (Slack: ephemeral; Matrix has no such message). */
      readonly kind: "subscription-status";
      readonly visibility: "asker";
      /** null: this room is not subscribed. */
      readonly subscription: SubscriptionView | null;
    }
  | {
      readonly kind: "subscription-refused";
      readonly visibility: "asker";
      readonly reason: RefusalReason;
      readonly message: string;
    }
  | {
      readonly kind: "subscription-usage";
      readonly visibility: "asker";
      /** One line: what was wrong and the expected form. */
      readonly message: string;
    };

const at = (time: string, timeZone: string) => `${time} (${timeZone})`;

const TODAY: Record<TodayPlan, (time: string) => string> = {
  "posting-now": () => "Today's talk is being posted now.",
  "later-today": (time) => `The first one comes today at ${time}.`,
  "done-today": (time) =>
    `Today's talk is already out here; the next one comes tomorrow at ${time}.`,
  paused: () => "Posting is paused here: invite me back so I can post.",
};

/**
 * The reply as plain text: user-provided parts (display names) are raw, so each renderer
 * escapes the whole line for its platform. `ask` writes a command the way one types it where
 * the reply is shown (Slack: "`/virt unsubscribe`"); as is by default. `place`: what the
 * platform calls the room ("channel" on Slack).
 */
export function subscriptionText(
  reply: SubscriptionReply,
  ask: (command: string) => string = (command) => command,
  place: Place = "room",
): string {
  switch (reply.kind) {
    case "subscribed": {
      const what = reply.previous
        ? `${reply.by} moved the talk of the day here to ${at(reply.time, reply.timeZone)}, from ${at(reply.previous.time, reply.previous.timeZone)}.`
        : `${reply.by} subscribed this ${place} to the talk of the day at ${at(reply.time, reply.timeZone)}.`;
      return `${what} ${TODAY[reply.today](reply.time)} To stop it: ${ask("unsubscribe")}.`;
    }
    case "unsubscribed":
      return `${reply.by} unsubscribed this ${place} from the talk of the day. To start again: ${ask(SUBSCRIBE_FORM)}.`;
    case "subscription-status":
      return statusText(reply.subscription, ask, place);
    case "subscription-refused":
    case "subscription-usage":
      return reply.message;
  }
}

function statusText(
  view: SubscriptionView | null,
  ask: (command: string) => string,
  place: Place,
): string {
  if (!view) {
    return `This ${place} does not get the talk of the day. To subscribe: ${ask(SUBSCRIBE_FORM)}, like ${ask(SUBSCRIBE_EXAMPLE)}.`;
  }
  const who =
    view.source === "operator"
      ? "set by the operator; it cannot be changed from chat"
      : `set by ${view.setBy ?? "someone"}${view.setOn ? ` on ${view.setOn}` : ""}`;
  const last = view.lastPosted ? ` Last posted: ${view.lastPosted}.` : "";
  const paused =
    view.state === "paused"
      ? ` Paused: I could not post here${view.pausedReason ? ` (${view.pausedReason})` : ""}; invite me back to resume.`
      : "";
  const stop = view.source === "chat" ? ` To stop it: ${ask("unsubscribe")}.` : "";
  return `This ${place} gets the talk of the day at ${at(view.time, view.timeZone)}, ${who}.${last}${paused}${stop}`;
}
