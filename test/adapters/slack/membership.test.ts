// The bot's own joins and leaves, as signed member_joined_channel / member_left_channel
// events into the real Bolt App: the wiring hears of the bot's (to resume or pause the
// talk of the day there), never of anyone else's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JSON_TYPE, memberEventBody } from "../../../bench/shared/slack-signing.ts";
import type { MembershipChange } from "../../../src/adapters/slack/listeners/membership.ts";
import { type Harness, startHarness } from "../../support/slack-harness.ts";

let h: Harness;
const heard: MembershipChange[] = [];
beforeAll(async () => {
  h = await startHarness({ start: true });
  h.adapter.onMembership((change) => void heard.push(change));
  // A listener that throws does not keep the others from hearing.
  h.adapter.onMembership(() => {
    throw new Error("listener trouble");
  });
});
afterAll(async () => {
  await h.close();
});

let n = 0;
const member = (type: "member_joined_channel" | "member_left_channel", userId: string) =>
  h.send(memberEventBody({ eventId: `Ev0MEMBER${++n}`, type, userId, channelId: "C0BACK001" }), {
    contentType: JSON_TYPE,
  });

describe("membership events", () => {
  it("reports the bot joining and leaving a channel, and nobody else's", async () => {
    expect((await member("member_joined_channel", "U0SOMEONE")).status).toBe(200);
    expect((await member("member_joined_channel", "UBOT0001")).status).toBe(200);
    expect((await member("member_left_channel", "UBOT0001")).status).toBe(200);
    await h.fake.settle(200);
    await expect.poll(() => heard.length).toBe(2);
    expect(heard).toEqual([
      { destination: "C0BACK001", membership: "join" },
      { destination: "C0BACK001", membership: "leave" },
    ]);
    expect(h.logText()).toContain("slack membership listener failed");
  });
});
