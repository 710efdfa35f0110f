// The App the receiver (HTTP or Socket Mode) hands deliveries to: the same Bolt app, except
// that an Events API delivery is claimed, and a copy of it stored, before Bolt sees it.
// Bolt acknowledges an event before any middleware runs, so a claim taken in middleware
// (as event-dedupe.ts once did) came after Slack's 200: a replica killed in between lost
// the event for good, since Slack does not deliver an acked event again.
import type { App } from "@slack/bolt";
import { within } from "../../core/retry.ts";

/**
 * How long the ack waits for the claim: Slack wants its 200 within 3 s. A store slower
 * than this lets the ack go first (as before); the answer still waits for the claim.
 */
const CLAIM_ACK_BUDGET_MS = 1_500;

/**
 * `decide` claims (and keeps a copy of) one event and never rejects; its promise reaches
 * the dedupe middleware in the context under `key`, so the claim is taken once.
 */
export function claimFirst<Decision>(
  target: App,
  decide: (eventId: string, body: Record<string, unknown>) => Promise<Decision>,
  key: string,
): App {
  // The receivers call nothing but processEvent on their app (Receiver.init's contract).
  const front = Object.create(target) as App;
  front.processEvent = async (event) => {
    const body = event.body as Record<string, unknown>;
    const eventId = body.event_id;
    if (body.type !== "event_callback" || typeof eventId !== "string")
      return target.processEvent(event);
    const decided = decide(eventId, body);
    await within(decided, CLAIM_ACK_BUDGET_MS);
    return target.processEvent({
      ...event,
      customProperties: { ...event.customProperties, [key]: decided },
    });
  };
  return front;
}
