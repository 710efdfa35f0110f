// Room membership: invites (accepted or declined by the allow-lists), allowed-room aliases,
// destinations for postCard, and the one warning per encrypted room.
import type { Logger } from "../../log.ts";
import type { BotClient } from "./client.ts";
import { summarizeError } from "./errors.ts";
import { parseInviter, parseRoomEvent } from "./events.ts";
import { decideInvite } from "./invites.ts";
import { type RetryOptions, withRetries } from "./retry.ts";

export interface RoomsDeps {
  readonly client: () => BotClient;
  readonly allowedServers: readonly string[];
  readonly allowedRooms: readonly string[];
  readonly logger: Logger;
  /** Retry policy for one kind of request (joins, leaves, alias lookups). */
  readonly retry: (what: string) => RetryOptions;
}

export function createRooms(deps: RoomsDeps) {
  const { logger: log } = deps;
  const encryptedRooms = new Set<string>();
  const allowedRoomIds = new Set<string>();
  const unresolvedAliases = new Set<string>();
  const aliasCache = new Map<string, string>();
  for (const entry of deps.allowedRooms) {
    if (entry.startsWith("!")) allowedRoomIds.add(entry);
    else if (entry.startsWith("#")) unresolvedAliases.add(entry);
    else
      log.warn({ entry }, "MATRIX_ALLOWED_ROOMS entry is neither a room id (!…) nor an alias (#…)");
  }

  /** Resolves the aliases of MATRIX_ALLOWED_ROOMS; those that fail are tried again later. */
  async function resolveAllowedAliases(): Promise<void> {
    for (const alias of [...unresolvedAliases]) {
      try {
        const roomId = await deps.client().resolveRoom(alias);
        allowedRoomIds.add(roomId);
        aliasCache.set(alias, roomId);
        unresolvedAliases.delete(alias);
      } catch (e) {
        log.warn({ alias, ...summarizeError(e) }, "cannot resolve allowed room alias yet");
      }
    }
  }

  function noteEncrypted(roomId: string, why: string): void {
    if (encryptedRooms.has(roomId)) return;
    encryptedRooms.add(roomId);
    log.warn(
      { roomId, why },
      "matrix room is end-to-end encrypted: this build has no crypto, so the bot cannot read it; use an unencrypted room",
    );
  }

  async function checkEncryption(roomId: string): Promise<void> {
    try {
      const state: unknown = await deps.client().getRoomStateEvent(roomId, "m.room.encryption", "");
      if (typeof state === "object" && state !== null)
        noteEncrypted(roomId, "m.room.encryption state");
    } catch {
      // 404: not encrypted. Anything else: the first encrypted event will tell us.
    }
  }

  return {
    resolveAllowedAliases,

    /** Any room event: encryption shows as an m.room.encryption state event or encrypted events. */
    noteEvent(roomId: string, raw: unknown): void {
      const type = parseRoomEvent(raw)?.type;
      if (type === "m.room.encryption" || type === "m.room.encrypted") noteEncrypted(roomId, type);
    },

    async handleInvite(roomId: string, raw: unknown): Promise<void> {
      const inviter = parseInviter(raw);
      if (inviter === null) {
        log.warn({ roomId }, "matrix invite without a readable invite event; ignored");
        return;
      }
      const client = deps.client();
      if (unresolvedAliases.size > 0) await resolveAllowedAliases();
      const decision = decideInvite(roomId, inviter, {
        allowedServers: deps.allowedServers,
        allowedRoomIds,
        roomsConfigured: deps.allowedRooms.length > 0,
      });
      const ctx = { roomId, inviter, reason: decision.reason };
      if (decision.accept) {
        await withRetries(() => client.joinRoom(roomId), deps.retry("join"));
        log.info(ctx, "matrix joined room on invite");
        await checkEncryption(roomId);
      } else {
        log.warn(ctx, "matrix invite declined");
        await withRetries(
          () => client.leaveRoom(roomId, "This bot is not configured to join rooms from here."),
          deps.retry("decline invite"),
        );
      }
    },

    /** A room id for postCard: ids as they are, aliases looked up (and remembered). */
    async resolveDestination(destination: string): Promise<string> {
      if (destination.startsWith("!")) return destination;
      if (!destination.startsWith("#"))
        throw new Error(`not a Matrix room id (!…) or alias (#…): ${destination}`);
      const cached = aliasCache.get(destination);
      if (cached) return cached;
      const client = deps.client();
      const roomId = await withRetries(
        () => client.resolveRoom(destination),
        deps.retry("resolve alias"),
      );
      aliasCache.set(destination, roomId);
      return roomId;
    },
  };
}
