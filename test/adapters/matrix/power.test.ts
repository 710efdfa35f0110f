// Who may change a Matrix room's subscription: power levels as the spec defines them. Pure.
import { describe, expect, it } from "vitest";
import {
  creatorsArePrivileged,
  powerOf,
  powerStateOf,
  type RoomPowerState,
  subscriptionPermission,
} from "../../../src/adapters/matrix/power.ts";

const creator = "@creator:hs";
const mod = "@mod:hs";
const member = "@member:hs";

const room = (
  powerLevels: Record<string, unknown> | null,
  createContent: Record<string, unknown> = { room_version: "11" },
): RoomPowerState => ({ create: { sender: creator, content: createContent }, powerLevels });

const REFUSAL = (level: number) => ({
  allowed: false,
  reason: `Sorry, only members with power level 50 or more in this room can change its talk of the day or watches; yours is ${level}. A room moderator or admin can do it, or raise your level.`,
});

describe("subscriptionPermission", () => {
  const levels = room({ users: { [creator]: 100, [mod]: 50, "@almost:hs": 49 }, users_default: 0 });

  it("allows at and above the level, refuses below it naming both levels", () => {
    expect(subscriptionPermission(mod, levels, 50)).toEqual({ allowed: true });
    expect(subscriptionPermission(creator, levels, 50)).toEqual({ allowed: true });
    expect(subscriptionPermission("@almost:hs", levels, 50)).toEqual(REFUSAL(49));
    expect(subscriptionPermission(member, levels, 50)).toEqual(REFUSAL(0));
  });

  it("uses users_default for users not listed, and the configured minimum", () => {
    const generous = room({ users: { [creator]: 100 }, users_default: 50 });
    expect(subscriptionPermission(member, generous, 50)).toEqual({ allowed: true });
    expect(subscriptionPermission(member, generous, 51)).toMatchObject({ allowed: false });
    expect(subscriptionPermission(member, levels, 0)).toEqual({ allowed: true });
  });

  it("without a power-levels event: the creator has 100, everyone else 0", () => {
    const bare = room(null);
    expect(powerOf(creator, bare)).toEqual({ kind: "level", level: 100 });
    expect(powerOf(member, bare)).toEqual({ kind: "level", level: 0 });
    expect(subscriptionPermission(creator, bare, 50)).toEqual({ allowed: true });
    expect(subscriptionPermission(member, bare, 50)).toEqual(REFUSAL(0));
  });

  it("room version 12: creators and additional creators rank above every level", () => {
    const v12 = room(
      { users: { [mod]: 50 }, users_default: 0 },
      { room_version: "12", additional_creators: ["@cocreator:hs", 42] },
    );
    expect(powerOf(creator, v12)).toEqual({ kind: "creator" });
    expect(powerOf("@cocreator:hs", v12)).toEqual({ kind: "creator" });
    expect(subscriptionPermission(creator, v12, 1_000_000)).toEqual({ allowed: true });
    expect(subscriptionPermission("@cocreator:hs", v12, 100)).toEqual({ allowed: true });
    expect(subscriptionPermission(member, v12, 50)).toEqual(REFUSAL(0));
    // No power-levels event in a v12 room: creators still may, the rest are at 0.
    const bare12 = room(null, { room_version: "12" });
    expect(subscriptionPermission(creator, bare12, 100)).toEqual({ allowed: true });
    expect(subscriptionPermission(member, bare12, 50)).toEqual(REFUSAL(0));
  });

  it("before version 12 a creator has only the level the power-levels event gives", () => {
    const demoted = room({ users: { [creator]: 10 }, users_default: 0 }, { room_version: "11" });
    expect(subscriptionPermission(creator, demoted, 50)).toEqual(REFUSAL(10));
    // Version 1 rooms leave room_version out.
    expect(powerOf(creator, room({ users: {} }, {}))).toEqual({ kind: "level", level: 0 });
  });

  it("reads the numeric strings of old rooms and ignores garbage", () => {
    const old = room({ users: { [mod]: "50", [member]: "lots" }, users_default: "5" });
    expect(powerOf(mod, old)).toEqual({ kind: "level", level: 50 });
    expect(powerOf(member, old)).toEqual({ kind: "level", level: 5 });
    expect(powerOf(member, room({ users: "nope", users_default: null }))).toEqual({
      kind: "level",
      level: 0,
    });
  });

  it("knows which room versions privilege creators", () => {
    expect(["1", "10", "11"].map(creatorsArePrivileged)).toEqual([false, false, false]);
    expect(["12", "13", "org.matrix.hydra.11"].map(creatorsArePrivileged)).toEqual([
      true,
      true,
      true,
    ]);
  });
});

describe("powerStateOf", () => {
  it("picks the create and power-levels events out of a room's state", () => {
    const state = [
      { type: "m.room.member", state_key: member, sender: member, content: { membership: "join" } },
      { type: "m.room.create", state_key: "", sender: creator, content: { room_version: "12" } },
      { type: "m.room.power_levels", state_key: "", sender: creator, content: { users: {} } },
      { type: "m.room.power_levels", state_key: "other", sender: member, content: { x: 1 } },
    ];
    expect(powerStateOf(state)).toEqual({
      create: { sender: creator, content: { room_version: "12" } },
      powerLevels: { users: {} },
    });
    expect(powerStateOf(null)).toEqual({ create: null, powerLevels: null });
    expect(powerStateOf([{ type: "m.room.create", state_key: "", content: {} }])).toEqual({
      create: null,
      powerLevels: null,
    });
  });
});
