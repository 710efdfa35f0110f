// Posting a card unasked (the talk of the day) and settling a send whose outcome is unknown.
// chat.postMessage has no idempotency key (capabilities.resendsSafely is false): each post
// carries its key as message metadata so findPost can look for it in the channel's history
// (canFindPost), and a failure is thrown as a DeliveryError that says what a retry may do.
import { LRUCache } from "lru-cache";
import type { TalkCard } from "../../core/card.ts";
import { DeliveryError, type PostLookup, type PostPort } from "../../core/post-port.ts";
import type { Logger } from "../../log.ts";
import { renderPostedCard } from "../../render/slack/answer.ts";
import { renderSlackWatchAlert } from "../../render/slack/watch-alert.ts";
import { findPost, postMetadata } from "./find-post.ts";
import type { Identity } from "./identity.ts";
import { classifyWebApiError } from "./web-api-failure.ts";
import type { SlackApi } from "./web-client.ts";

/** A failed chat.postMessage as the post port's error, classified as every Slack call is. */
export function deliveryError(error: unknown, destination: string): DeliveryError {
  const failure = classifyWebApiError(error);
  const message = `slack post to ${destination} failed: ${failure.detail}`;
  return new DeliveryError(failure, message, { cause: error });
}

interface CardPosterOptions {
  readonly api: SlackApi;
  readonly identity: Identity;
  readonly logger: Logger;
}

export function createCardPoster(options: CardPosterOptions): Required<PostPort> {
  const { api, identity, logger } = options;
  // Keys posted by this process: a repeated call with the same key does not post twice.
  // Across processes the daily post asks findPost before it sends again.
  const posted = new LRUCache<string, true>({ max: 1000, ttl: 7 * 24 * 60 * 60_000 });
  return {
    capabilities: { resendsSafely: false, canFindPost: true },
    async postCard(destination: string, card: TalkCard, idempotencyKey: string) {
      if (posted.has(idempotencyKey)) {
        logger.info({ idempotencyKey }, "slack card already posted; skipping");
        return;
      }
      posted.set(idempotencyKey, true); // before the send: two concurrent calls post once
      try {
        await api.postMessage({
          channel: destination,
          ...renderPostedCard(card),
          metadata: postMetadata(idempotencyKey),
        });
      } catch (error) {
        posted.delete(idempotencyKey);
        throw deliveryError(error, destination);
      }
    },
    // The morning post during a watched conference comes this way too, under the daily
    // post's key: the same metadata and the same once-per-key rule as postCard.
    async postWatchAlert(destination, alert, idempotencyKey) {
      if (posted.has(idempotencyKey)) {
        logger.info({ idempotencyKey }, "slack list already posted; skipping");
        return;
      }
      posted.set(idempotencyKey, true);
      try {
        await api.postMessage({
          channel: destination,
          ...renderSlackWatchAlert(alert),
          metadata: postMetadata(idempotencyKey),
        });
      } catch (error) {
        posted.delete(idempotencyKey);
        throw deliveryError(error, destination);
      }
    },
    findPost(destination: string, idempotencyKey: string, since: Date): Promise<PostLookup> {
      return findPost({
        api,
        identity: () => identity.get(),
        channel: destination,
        key: idempotencyKey,
        since,
      });
    },
  };
}
