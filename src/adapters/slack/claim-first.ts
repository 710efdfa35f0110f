// The App the receiver (HTTP or Socket Mode) hands deliveries to: the same Bolt app, except
// that an Events API delivery is claimed, and a copy of it stored, before Bolt sees it.
// Bolt acknowledges an event before any middleware runs, so a claim taken in middleware
// (as event-dedupe.ts once did) came after Slack's 200: a replica killed in between lost
// the event for good, since Slack does not deliver an acked event again.
import type { App, ReceiverEvent } from "@slack/bolt";
import { within } from "../../core/retry.ts";

/**
 * How long the ack waits for the claim: Slack wants its 200 within 3 s (Bolt's receiver
 * answers 404 itself at 3 s). A store slower than this gets no 200 from this delivery:
 * an ack without a stored copy would be lost for good if this replica died before
 * answering (CI's replicas soak lost two events so, just after PostgreSQL came back).
 * Slack then delivers the event again, to this replica or another, and that delivery
 * finds this one's claim once it is stored and waits for its answer.
 */
export const CLAIM_ACK_BUDGET_MS = 2_000;

/** What the dedupe middleware finds in the context: the decision, and that it got that far. */
export interface ClaimHandle<Decision> {
  readonly decided: Promise<Decision>;
  /** Set by the middleware: the event reached it (and so gets answered or ignored there). */
  reached: boolean;
}

/** An event the bot caused itself (its own DM reply): Bolt drops it before any middleware. */
function fromItself(body: Record<string, unknown>): boolean {
  const authorizations = body.authorizations;
  const me = Array.isArray(authorizations)
    ? (authorizations[0] as { user_id?: unknown } | undefined)?.user_id
    : undefined;
  const user = (body.event as { user?: unknown } | undefined)?.user;
  return typeof me === "string" && user === me;
}

/**
 * Hands a claimed event to Bolt. If it never reaches the dedupe middleware, `release` lets
 * the claim and the copy go when nothing is lost by it: Bolt gave up before acking (no ack
 * within its 3 s, so Slack got a 404 and will retry, answered at once then), the event is
 * the bot's own, or it is a sweeper's replay. An event Bolt acked and then dropped (a
 * failed authorization, seen under heavy load) keeps its claim and copy when `keepIfAcked`:
 * Slack never sends an acked event again, so only the sweeper can still answer it.
 */
export async function dispatchClaimed<Decision>(
  target: App,
  event: ReceiverEvent,
  key: string,
  decided: Promise<Decision>,
  release: () => Promise<void>,
  keepIfAcked = false,
): Promise<void> {
  const handle: ClaimHandle<Decision> = { decided, reached: false };
  let acked = false;
  const ack: ReceiverEvent["ack"] = (response) => {
    acked = true;
    return event.ack(response);
  };
  try {
    await target.processEvent({
      ...event,
      ack,
      customProperties: { ...event.customProperties, [key]: handle },
    });
  } finally {
    const keep = keepIfAcked && acked && !fromItself(event.body as Record<string, unknown>);
    if (!handle.reached && !keep) await release();
  }
}

/**
 * `decide` claims (and keeps a copy of) one event and never rejects; `release` undoes a
 * won claim (never rejects). The decision reaches the dedupe middleware in the context
 * under `key` (a ClaimHandle), so the claim is taken once.
 */
export function claimFirst<Decision>(
  target: App,
  decide: (eventId: string, body: Record<string, unknown>) => Promise<Decision>,
  release: (eventId: string, decided: Promise<Decision>) => Promise<void>,
  key: string,
  onLate: (eventId: string) => void = () => {},
  budgetMs = CLAIM_ACK_BUDGET_MS,
): App {
  // The receivers call nothing but processEvent on their app (Receiver.init's contract).
  const front = Object.create(target) as App;
  front.processEvent = async (event) => {
    const body = event.body as Record<string, unknown>;
    const eventId = body.event_id;
    if (body.type !== "event_callback" || typeof eventId !== "string")
      return target.processEvent(event);
    const decided = decide(eventId, body);
    const inTime = await within(
      decided.then(() => true),
      budgetMs,
      false,
    );
    const free = () => release(eventId, decided);
    if (inTime) return dispatchClaimed(target, event, key, decided, free, true);
    // Too slow to ack safely: this delivery is still answered once its claim is decided,
    // but nothing acks it (Slack delivers it again). Not reaching the middleware now
    // releases the claim: the next delivery answers.
    onLate(eventId);
    return dispatchClaimed(target, { ...event, ack: async () => {} }, key, decided, free);
  };
  return front;
}
