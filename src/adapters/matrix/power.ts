// Who may change a room's subscription: power levels as the spec defines them. Pure.
//
// A user's level is m.room.power_levels' `users[userId]`, else its `users_default` (0).
// Without a power-levels event, the room's creator (the m.room.create sender) has 100
// and everyone else 0. In room version 12 (and its unstable name org.matrix.hydra.11),
// the creators — the create event's sender and `additional_creators` — rank above every
// level, whatever the power-levels event says (it cannot list them).
import type { Permission } from "../../core/platform.ts";

export const DEFAULT_SUBSCRIBE_MIN_POWER = 50;

export interface RoomPowerState {
  /** The m.room.create event (sender and content), or null if the state lacked it. */
  readonly create: {
    readonly sender: string;
    readonly content: Readonly<Record<string, unknown>>;
  } | null;
  /** The m.room.power_levels content, or null when the room has none. */
  readonly powerLevels: Readonly<Record<string, unknown>> | null;
}

type Power = { readonly kind: "creator" } | { readonly kind: "level"; readonly level: number };

const PRIVILEGED_CREATOR_VERSIONS = new Set(["12", "org.matrix.hydra.11"]);

/** Room versions where creators outrank every power level (v12 and later numbered ones). */
export function creatorsArePrivileged(roomVersion: string): boolean {
  return (
    PRIVILEGED_CREATOR_VERSIONS.has(roomVersion) ||
    (/^\d+$/.test(roomVersion) && Number(roomVersion) >= 12)
  );
}

/** An integer level; old rooms may hold numeric strings. */
function level(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^[+-]?\d+$/.test(value.trim())) return Number(value);
  return null;
}

function creatorsOf(create: RoomPowerState["create"]): string[] {
  if (!create) return [];
  const extra = create.content.additional_creators;
  return [
    create.sender,
    ...(Array.isArray(extra) ? extra.filter((u): u is string => typeof u === "string") : []),
  ];
}

export function powerOf(userId: string, state: RoomPowerState): Power {
  const version =
    typeof state.create?.content.room_version === "string"
      ? state.create.content.room_version
      : "1";
  if (creatorsArePrivileged(version) && creatorsOf(state.create).includes(userId))
    return { kind: "creator" };
  const pl = state.powerLevels;
  if (pl === null) return { kind: "level", level: state.create?.sender === userId ? 100 : 0 };
  const users =
    typeof pl.users === "object" && pl.users !== null ? (pl.users as Record<string, unknown>) : {};
  const own = Object.hasOwn(users, userId) ? level(users[userId]) : null;
  return { kind: "level", level: own ?? level(pl.users_default) ?? 0 };
}

export function subscriptionPermission(
  userId: string,
  state: RoomPowerState,
  minPower: number,
): Permission {
  const power = powerOf(userId, state);
  if (power.kind === "creator" || power.level >= minPower) return { allowed: true };
  return {
    allowed: false,
    reason: `Sorry, only members with power level ${minPower} or more in this room can change its talk of the day or watches; yours is ${power.level}. A room moderator or admin can do it, or raise your level.`,
  };
}

/** The create and power-levels events out of a room's full state (GET /rooms/{id}/state). */
export function powerStateOf(events: unknown): RoomPowerState {
  const list = Array.isArray(events) ? events : [];
  const find = (type: string) =>
    list.find((e) => {
      const ev = e as { type?: unknown; state_key?: unknown } | null;
      return ev?.type === type && ev.state_key === "";
    }) as { sender?: unknown; content?: unknown } | undefined;
  const obj = (v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : null;
  const create = find("m.room.create");
  const createContent = obj(create?.content);
  const pl = obj(find("m.room.power_levels")?.content);
  return {
    create:
      create && typeof create.sender === "string" && createContent
        ? { sender: create.sender, content: createContent }
        : null,
    powerLevels: pl,
  };
}
