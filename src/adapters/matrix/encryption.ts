// End-to-end encrypted rooms. This build has no crypto, so the bot cannot read a question
// there; rather than stay silent it sends one plain notice per room saying so (remembered
// in the state store across restarts: rooms cannot turn encryption off again), and it
// never posts the talk of the day there (postCard is refused and health lists the room).
//
// A room shows its encryption as m.room.encryption state (the first sync's state section,
// or the timeline when it is turned on), as m.room.encrypted events, or, for a room joined
// on an invite, in the room state read right after the join.
import type { KeyValue, StateStore } from "../../core/state-store.ts";
import type { Logger } from "../../log.ts";
import { deliveryErrorOf, summarizeError } from "./errors.ts";
import { parseRoomEvent } from "./events.ts";

const ENCRYPTED_NAMESPACE = "matrix-encrypted-rooms";

interface Noticed {
  /** When the notice went out (ISO 8601). */
  readonly noticedAt: string;
}

const validate = (raw: unknown): Noticed | undefined =>
  typeof raw === "object" && raw !== null && typeof (raw as Noticed).noticedAt === "string"
    ? { noticedAt: (raw as Noticed).noticedAt }
    : undefined;

interface EncryptionDeps {
  readonly logger: Logger;
  /** Sends the one notice (idempotently, by the room's txnId); throws when it could not. */
  readonly sendNotice: (roomId: string) => Promise<void>;
  /** The room's m.room.encryption state content, or null when it has none (404). */
  readonly readEncryptionState: (roomId: string) => Promise<unknown>;
  readonly clock: () => number;
}

export type EncryptedRooms = Awaited<ReturnType<typeof openEncryptedRooms>>;

/** The m.room.encryption state events in a /sync response's joined rooms, by room. */
export function encryptedRoomsIn(batch: unknown): string[] {
  const join = (batch as { rooms?: { join?: Record<string, unknown> } } | null)?.rooms?.join;
  if (typeof join !== "object" || join === null) return [];
  const rooms: string[] = [];
  for (const [roomId, room] of Object.entries(join)) {
    const r = room as { state?: { events?: unknown }; timeline?: { events?: unknown } } | null;
    const events = [r?.state?.events, r?.timeline?.events].flatMap((e) =>
      Array.isArray(e) ? e : [],
    );
    if (events.some((e) => (e as { type?: unknown } | null)?.type === "m.room.encryption"))
      rooms.push(roomId);
  }
  return rooms;
}

export async function openEncryptedRooms(state: StateStore, deps: EncryptionDeps) {
  const { logger: log } = deps;
  const noticed: KeyValue<Noticed> = await state.open(ENCRYPTED_NAMESPACE, validate);
  /** Known encrypted: noticed before, or seen since start. */
  const encrypted = new Set((await noticed.entries()).map(([roomId]) => roomId));
  /** Rooms whose state said "no encryption" (the sync reports it if that changes). */
  const plain = new Set<string>();
  /** Rooms the talk of the day was not posted to, with why (for health). */
  const skipped = new Map<string, string>();
  const noticing = new Map<string, Promise<void>>();
  const looking = new Map<string, Promise<boolean>>();
  /** Rooms that refused the notice (no right to post): not tried again until a restart. */
  const refused = new Set<string>();

  async function notify(roomId: string): Promise<void> {
    if (refused.has(roomId) || (await noticed.get(roomId))) return;
    try {
      await deps.sendNotice(roomId);
      await noticed.put(roomId, { noticedAt: new Date(deps.clock()).toISOString() });
      log.info({ roomId }, "matrix told an encrypted room that the bot cannot read it");
    } catch (e) {
      // Tried again on the room's next encrypted event, unless the room said no.
      if (deliveryErrorOf(e).failure.kind === "refused") refused.add(roomId);
      log.error({ roomId, ...summarizeError(e) }, "cannot send the encrypted-room notice");
    }
  }

  /** Records a room as encrypted; the first time, warns and sends the notice (once). */
  function note(roomId: string, why: string): Promise<void> {
    plain.delete(roomId);
    const pending = noticing.get(roomId);
    if (pending) return pending;
    if (!encrypted.has(roomId)) {
      encrypted.add(roomId);
      log.warn(
        { roomId, why },
        "matrix room is end-to-end encrypted: this build has no crypto, so the bot cannot read it; use an unencrypted room",
      );
    }
    const done = notify(roomId).finally(() => noticing.delete(roomId));
    noticing.set(roomId, done);
    return done;
  }

  async function lookUp(roomId: string): Promise<boolean> {
    try {
      const content = await deps.readEncryptionState(roomId);
      if (typeof content === "object" && content !== null) {
        await note(roomId, "m.room.encryption state");
        return true;
      }
      plain.add(roomId);
    } catch (e) {
      // 404: not encrypted. Anything else: the sync or the send will tell.
      if (summarizeError(e).status === 404) plain.add(roomId);
    }
    return false;
  }

  return {
    note,

    /** Any room event: m.room.encryption (turned on) or an m.room.encrypted message. */
    noteEvent(roomId: string, raw: unknown): Promise<void> {
      const type = parseRoomEvent(raw)?.type;
      return type === "m.room.encryption" || type === "m.room.encrypted"
        ? note(roomId, type)
        : Promise.resolve();
    },

    /** Right after joining a room: its state says whether it is encrypted. */
    async checkRoom(roomId: string): Promise<void> {
      if (!encrypted.has(roomId)) await lookUp(roomId);
    },

    /** Whether the room is encrypted, reading its state once when not known yet. */
    async isEncrypted(roomId: string): Promise<boolean> {
      if (encrypted.has(roomId)) return true;
      if (plain.has(roomId)) return false;
      // Questions arriving together in a new room (each asks before answering) share one read.
      const pending = looking.get(roomId);
      if (pending) return pending;
      const read = lookUp(roomId).finally(() => looking.delete(roomId));
      looking.set(roomId, read);
      return read;
    },

    /** A post was not made to this room, and why. */
    skip(roomId: string, reason: string): void {
      skipped.set(roomId, reason);
    },

    /** A post went out: the room is no longer skipped. */
    posted(roomId: string): void {
      skipped.delete(roomId);
    },

    skipped(): ReadonlyMap<string, string> {
      return skipped;
    },
  };
}
