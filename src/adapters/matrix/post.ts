// The post port's one operation for Matrix: a card into a room (the talk of the day),
// once per idempotency key (its txnId), never into an encrypted room, and every failure
// as a DeliveryError that says what a retry may do.
import type { TalkCard } from "../../core/card.ts";
import { DeliveryError } from "../../core/post-port.ts";
import type { Logger } from "../../log.ts";
import { matrixCardContent } from "../../render/matrix/answer.ts";
import type { EncryptedRooms } from "./encryption.ts";
import { deliveryErrorOf } from "./errors.ts";
import type { Rooms } from "./rooms.ts";
import { type Sender, txnIdFor } from "./sender.ts";

export interface CardPostDeps {
  readonly rooms: Rooms;
  readonly sender: Sender;
  /** null until the adapter has started (and after it stopped). */
  readonly encryption: () => EncryptedRooms | null;
  readonly logger: Logger;
  /** Aborts a send when shutdown runs out of patience. */
  readonly signal: AbortSignal;
}

export function createCardPoster(deps: CardPostDeps) {
  const log = deps.logger;
  return async function postCard(
    destination: string,
    card: TalkCard,
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
        matrixCardContent(card),
        txnIdFor("card", roomId, idempotencyKey),
        deps.signal,
      );
    } catch (e) {
      const error = deliveryErrorOf(e);
      log.warn(
        { roomId, idempotencyKey, failure: error.failure.kind, detail: error.message },
        "matrix card not posted",
      );
      throw error;
    }
    encryption.posted(roomId);
    log.info({ roomId, idempotencyKey }, "matrix card posted");
  };
}
