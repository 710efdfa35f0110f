// When a claimed event that never reached our middleware gives its claim back: only where
// nothing is lost by it. The target stands in for Bolt's App: only processEvent is called.
import type { App, ReceiverEvent } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { dispatchClaimed } from "../../../src/adapters/slack/claim-first.ts";

type Bolt = "acks and drops" | "drops without ack" | "reaches the middleware";

function run(bolt: Bolt, body: Record<string, unknown>, keepIfAcked: boolean) {
  const target = {
    async processEvent(event: ReceiverEvent) {
      if (bolt !== "drops without ack") await event.ack();
      if (bolt === "reaches the middleware") {
        const handle = event.customProperties?.claim as { reached: boolean };
        handle.reached = true;
      }
    },
  } as unknown as App;
  const released: string[] = [];
  const acks: unknown[] = [];
  const event = { body, ack: async (r?: unknown) => void acks.push(r ?? "ok") } as ReceiverEvent;
  return dispatchClaimed(
    target,
    event,
    "claim",
    Promise.resolve("won"),
    async () => void released.push("released"),
    keepIfAcked,
  ).then(() => ({ released, acks: acks.length }));
}

const body = (user: string) => ({
  type: "event_callback",
  event_id: "Ev1",
  authorizations: [{ user_id: "UBOT", is_bot: true }],
  event: { type: "message", user, text: "hi" },
});

describe("dispatchClaimed", () => {
  it("keeps the claim of an event Bolt acked and then dropped: Slack will not send it again", async () => {
    expect(await run("acks and drops", body("UALICE"), true)).toEqual({ released: [], acks: 1 });
  });

  it("releases one Bolt never acked (Slack retries it) and the bot's own events", async () => {
    expect(await run("drops without ack", body("UALICE"), true)).toEqual({
      released: ["released"],
      acks: 0,
    });
    expect(await run("acks and drops", body("UBOT"), true)).toEqual({
      released: ["released"],
      acks: 1,
    });
  });

  it("releases a sweeper's replay that does not reach the middleware, and keeps one that does", async () => {
    expect(await run("acks and drops", body("UALICE"), false)).toEqual({
      released: ["released"],
      acks: 1,
    });
    expect(await run("reaches the middleware", body("UALICE"), true)).toEqual({
      released: [],
      acks: 1,
    });
  });
});
