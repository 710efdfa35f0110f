// Which invites the bot accepts. Pure.
//
// MATRIX_ALLOWED_SERVERS is matched against the INVITER's homeserver (the part after the
// first ":" of their user id), not the room id: a room id only names the server the room
// was created on (and room version 12 ids name none), while the inviter's server is
// vouched for by that server's signature on the invite.
// MATRIX_ALLOWED_ROOMS lists room ids or aliases (aliases are resolved to ids).
// The lists are alternatives: an invite is accepted if the inviter's server is allowed OR
// the room is allowed. Both empty: any invite is accepted.
import { serverOf } from "./triggers.ts";

interface InvitePolicy {
  readonly allowedServers: readonly string[];
  /** Room ids from MATRIX_ALLOWED_ROOMS, with aliases already resolved to ids. */
  readonly allowedRoomIds: ReadonlySet<string>;
  /** Whether MATRIX_ALLOWED_ROOMS names anything at all (resolved or not). */
  readonly roomsConfigured: boolean;
}

interface InviteDecision {
  readonly accept: boolean;
  readonly reason: string;
}

export function decideInvite(
  roomId: string,
  inviter: string,
  policy: InvitePolicy,
): InviteDecision {
  const servers = policy.allowedServers.map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (servers.length === 0 && !policy.roomsConfigured)
    return { accept: true, reason: "no allow-lists configured" };
  const server = serverOf(inviter);
  if (server !== null && servers.includes(server))
    return { accept: true, reason: `inviter's server ${server} is allowed` };
  if (policy.allowedRoomIds.has(roomId)) return { accept: true, reason: "room is allowed" };
  return {
    accept: false,
    reason: `inviter's server ${server ?? "(none)"} is not in MATRIX_ALLOWED_SERVERS and the room is not in MATRIX_ALLOWED_ROOMS`,
  };
}
