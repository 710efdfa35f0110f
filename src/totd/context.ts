// What the daily post's parts share: one destination to deliver to (its schedule, its
// clock, its post port) and the services every delivery uses (records, log, clock,
// backoff). Kept apart so schedule, delivery and settlement do not import each other's
// internals.
import type { TalkCard } from "../core/card.ts";
import type { PostPlatform } from "../core/platform.ts";
import type { PostPort } from "../core/post-port.ts";
import type { Backoff } from "../core/retry.ts";
import type { Logger } from "../log.ts";
import type { WatchAlertMessage } from "../watch/alert-message.ts";
import type { PostClock } from "./clock.ts";
import { type DestinationRecord, destinationId, type RecordBook } from "./records.ts";
import type { SendSettle } from "./send-settle.ts";
import type { Slots } from "./slots.ts";
import type { ScheduledDestination } from "./subscription-schedule.ts";

export interface DailyPostObserver {
  /** One call per attempt: "sent" once a day per destination, "failed" per failed try. */
  dailyPost(platform: PostPlatform, result: "sent" | "failed"): void;
}

/** The morning post: the talk of the day, or the day's talks of a watched conference. */
export type MorningPost =
  | { readonly kind: "card"; readonly card: TalkCard }
  | { readonly kind: "watched"; readonly message: WatchAlertMessage };

/** One destination on its schedule. */
export interface Target {
  readonly id: string;
  readonly dest: ScheduledDestination;
  readonly clock: PostClock;
  readonly port: PostPort;
  /** Aborted when the daily post stops or the destination is removed. */
  readonly signal: AbortSignal;
}

export interface DeliveryContext {
  readonly book: RecordBook;
  readonly log: Logger;
  readonly now: () => Date;
  readonly observer: DailyPostObserver | undefined;
  readonly backoff: Backoff;
  readonly random: () => number;
  /** What a destination's post for `date` is: chosen once per delivery, before any send. */
  readonly post: (target: Target, date: string) => MorningPost;
  /** Sends and looks under way at once, for every destination together. */
  readonly slots: Slots;
  /** Replicas: whether this one can post to the platform now (SharedRecords.mayPost). */
  readonly mayPost: (platform: PostPlatform) => boolean;
  /** Replicas: whether the destination is still subscribed at this time (SharedRecords.stillWanted). */
  readonly stillWanted: (dest: ScheduledDestination) => Promise<StillWanted>;
  /** Replicas: when a look for a send left in flight can be trusted (send-settle.ts). */
  readonly sendSettle: SendSettle;
}

/**
 * Right before a send under the claim, what the shared store says of the destination's
 * subscription: still there at this time, removed, or moved to another time (or zone).
 */
export type StillWanted = "send" | "gone" | "moved";

/** Writes a record; false (and one error line) when the store refuses. */
export async function save(
  ctx: DeliveryContext,
  id: string,
  record: DestinationRecord,
): Promise<boolean> {
  try {
    await ctx.book.put(id, record);
    return true;
  } catch (err) {
    ctx.log.error({ destination: id, err }, "cannot write the daily-post state");
    return false;
  }
}

export const targetId = (dest: ScheduledDestination) =>
  destinationId(dest.platform, dest.destination);

export const errorText = (err: unknown): string =>
  err instanceof Error ? err.message : String(err);
