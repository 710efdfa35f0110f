// The post port's operations for Matrix: a card into a room (the talk of the day) or a
// watch alert, once per idempotency key (its txnId), never into an encrypted room, and
// every failure as a DeliveryError that says what a retry may do. Each carries its key in
// its content (find-post.ts), so a send whose outcome is unknown can be looked for.
import type { TalkCard } from "../../core/card.ts";
import { DeliveryError } from "../../core/post-port.ts";
import type { Logger } from "../../log.ts";
import { matrixCardContent } from "../../render/matrix/answer.ts";
import type { NoticeContent } from "../../render/matrix/notice.ts";
import { renderMatrixWatchAlert } from "../../render/matrix/watch-alert.ts";
import type { WatchAlertMessage } from "../../watch/alert-message.ts";
import type { EncryptedRooms } from "./encryption.ts";
import { deliveryErrorOf } from "./errors.ts";
import { withPostKey } from "./find-post.ts";
import type { Rooms } from "./rooms.ts";
import { type Sender, txnIdFor } from "./sender.ts";

interface CardPostDeps {
  readonly rooms: Rooms;
  readonly sender: Sender;
  /** null until the adapter has started (and after it stopped). */
  readonly encryption: () => EncryptedRooms | null;
  readonly logger: Logger;
  /** Aborts a send when shutdown runs out of patience. */
  readonly signal: AbortSignal;
}

export function createCardPoster(deps: CardPostDeps) {
  const post = createNoticePoster(deps);
  return (destination: string, card: TalkCard, idempotencyKey: string) =>
    post(destination, matrixCardContent(card), "card", idempotencyKey);
}

export function createWatchAlertPoster(deps: CardPostDeps) {
  const post = createNoticePoster(deps);
  return (destination: string, alert: WatchAlertMessage, idempotencyKey: string) =>
    // The transaction id of postCard's: one key names one post whatever it holds, so a
    // morning post resent after a restart that chose the list instead of the card (or the
    // reverse) is still dropped by the homeserver. Watch alerts' keys never collide with the
    // daily post's ("watch:…" and "totd:…").
    post(destination, renderMatrixWatchAlert(alert), "card", idempotencyKey);
}

function createNoticePoster(deps: CardPostDeps) {
  const log = deps.logger;
  return async function postNotice(
    destination: string,
    content: NoticeContent,
    kind: "card" | "notice",
    idempotencyKey: string,
  ): Promise<void> {
    const encryption = deps.encryption();
    if (!encryption)
      throw new DeliveryError({ kind: "not-sent", detail: "the Matrix adapter is not running" });
    let roomId = destination;
    try {
      roomId = await deps.rooms.resolveDestination(destination);
      if (await encryption.isEncrypted(roomId)) {
        encryption.skip(roomId, "end-to-end encrypted; the bot cannot post there");
        throw new DeliveryError({ kind: "refused", detail: "room is encrypted" });
      }
      await deps.sender.send(
        roomId,
        withPostKey(content, idempotencyKey),
        txnIdFor(kind, roomId, idempotencyKey),
        deps.signal,
      );
    } catch (e) {
      const error = deliveryErrorOf(e);
      log.warn(
        { roomId, idempotencyKey, failure: error.failure.kind, detail: error.message },
        `matrix ${kind} not posted`,
      );
      throw error;
    }
    encryption.posted(roomId);
    log.info({ roomId, idempotencyKey }, `matrix ${kind} posted`);
  };
}
