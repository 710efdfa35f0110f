// Room membership: invites (accepted or declined by the allow-lists), allowed-room aliases,
// destinations for postCard, and the bot's own joins and leaves (which resume and pause
// posts to a room).

import type { MembershipChange } from "../../core/platform.ts";
import { DeliveryError } from "../../core/post-port.ts";
import type { Logger } from "../../log.ts";
import type { BotClient } from "./client.ts";
import { summarizeError } from "./errors.ts";
import { parseInviter } from "./events.ts";
import { decideInvite } from "./invites.ts";

interface RoomsDeps {
  readonly client: () => BotClient;
  readonly allowedServers: readonly string[];
  readonly allowedRooms: readonly string[];
  readonly logger: Logger;
  /** Runs a request that is safe to repeat with the adapter's retry policy. */
  readonly retry: <T>(what: string, op: () => Promise<T>) => Promise<T>;
  /** After the bot joined a room on an invite, before the wiring hears of it. */
  readonly onJoined: (roomId: string) => Promise<void>;
}

export type Rooms = ReturnType<typeof createRooms>;

export function createRooms(deps: RoomsDeps) {
  const { logger: log } = deps;
  const allowedRoomIds = new Set<string>();
  const unresolvedAliases = new Set<string>();
  const aliasCache = new Map<string, string>();
  const listeners = new Set<(change: MembershipChange) => void>();

  /** Tells the wiring (the daily post pauses or resumes the room); a throw is only logged. */
  function announce(roomId: string, membership: MembershipChange["membership"]): void {
    const aliases = [...aliasCache].filter(([, id]) => id === roomId).map(([alias]) => alias);
    const change: MembershipChange = { destination: roomId, membership, aliases };
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (e) {
        log.error({ ...change, ...summarizeError(e) }, "matrix membership listener failed");
      }
    }
  }
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

  return {
    resolveAllowedAliases,
    announce,

    onMembership(listener: (change: MembershipChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
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
        await deps.retry("join", () => client.joinRoom(roomId));
        log.info(ctx, "matrix joined room on invite");
        await deps.onJoined(roomId);
        announce(roomId, "join");
      } else {
        log.warn(ctx, "matrix invite declined");
        await deps.retry("decline invite", () =>
          client.leaveRoom(roomId, "This bot is not configured to join rooms from here."),
        );
      }
    },

    /** A room id for postCard: ids as they are, aliases looked up (and remembered). */
    async resolveDestination(destination: string): Promise<string> {
      if (destination.startsWith("!")) return destination;
      if (!destination.startsWith("#"))
        throw new DeliveryError({
          kind: "refused",
          detail: `not a Matrix room id (!…) or alias (#…): ${destination}`,
        });
      const cached = aliasCache.get(destination);
      if (cached) return cached;
      const client = deps.client();
      const roomId = await deps.retry("resolve alias", () => client.resolveRoom(destination));
      aliasCache.set(destination, roomId);
      return roomId;
    },
  };
}
