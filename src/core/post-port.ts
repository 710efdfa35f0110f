// The post port: posting cards unasked (the talk of the day). A platform that can post
// offers one (the Slack and Matrix adapters' `post`); the daily post depends only on it.
// A failure is one DeliveryError carrying the retry module's Failure, so the caller knows
// what a retry may do without a second taxonomy to translate into.
import type { WatchAlertMessage } from "../watch/alert-message.ts";
import type { TalkCard } from "./card.ts";
import type { Failure } from "./retry.ts";

export class DeliveryError extends Error {
  /**
   * `failure.kind` says what a retry may do: not-sent and rate-limited (the platform said
   * no before taking it) may be sent again; unknown may have arrived; refused will keep
   * being refused until something changes (not in the channel, the room is gone).
   */
  constructor(
    readonly failure: Failure,
    message: string = failure.detail,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DeliveryError";
  }

  /** The wait the platform asked for (429 Retry-After), when it named one. */
  get retryAfterMs(): number | null {
    return this.failure.kind === "rate-limited" ? this.failure.retryAfterMs : null;
  }
}

/** What findPost saw. */
export type PostLookup =
  | { readonly kind: "found" }
  | { readonly kind: "absent" }
  /** The platform will not tell (a missing scope, not in the channel): cannot know. */
  | { readonly kind: "unavailable"; readonly reason: string };

export interface PostCapabilities {
  /**
   * A repeat with the same idempotency key is dropped by the platform (Matrix txn ids), for
   * a while only: the last safety net. Where canFindPost too, the daily post looks first.
   */
  readonly resendsSafely: boolean;
  /**
   * findPost can tell whether an earlier send with a key arrived (Slack message metadata,
   * a Matrix content field).
   */
  readonly canFindPost: boolean;
}

/** Posting cards unasked: the talk of the day. */
export interface PostPort {
  readonly capabilities: PostCapabilities;
  /**
   * Posts a card to a channel or room. `idempotencyKey` names this post
   * ("totd:2026-11-22:slack:C123"). Throws DeliveryError on failure; the caller retries.
   */
  postCard(destination: string, card: TalkCard, idempotencyKey: string): Promise<void>;
  /**
   * Looks in `destination` for a post this bot made with `idempotencyKey` at or after
   * `since`, to settle a send whose outcome is unknown. Only where capabilities.canFindPost.
   * Throws when the answer may come later (a timeout, a 5xx): the caller retries.
   */
  findPost?(destination: string, idempotencyKey: string, since: Date): Promise<PostLookup>;
  /**
   * Posts a watch alert (src/watch/): the cards a sync brought that a room watches for.
   * Throws DeliveryError; the alert is not sent again (a room prefers a missed notice).
   */
  postWatchAlert?(
    destination: string,
    alert: WatchAlertMessage,
    idempotencyKey: string,
  ): Promise<void>;
}
