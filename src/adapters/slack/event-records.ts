// One Slack event's records in the state store: its claim (event-claims.ts) and the copy
// of the event kept until it is answered (event-pending.ts). Taking them together, giving
// them up, marking the event done. Apart from event-dedupe.ts, which decides when.
import { type KeyValue, openedOnFirstUse, type StateStore } from "../../core/state-store.ts";
import { errorText } from "./context.ts";
import {
  type Claim,
  type ClaimRules,
  claimEvent,
  type Decision,
  EVENT_TTL_MS,
  openEventLog,
} from "./event-claims.ts";
import { openPending, type PendingEvent, pendingBody } from "./event-pending.ts";

export interface EventRecords {
  /** The claims namespace, opened on first use. */
  readonly events: () => Promise<KeyValue<Claim>>;
  /** The event copies namespace, opened on first use. */
  readonly pending: () => Promise<KeyValue<PendingEvent>>;
  /** Claims the event for this process; false when another holds it. */
  claim(log: KeyValue<Claim>, eventId: string): Promise<boolean>;
  /** The claim, and with `body` the copy of the event, stored at once. Never rejects. */
  decide(eventId: string, body?: Record<string, unknown>): Promise<Decision>;
  /** A won claim given up unanswered (Bolt dropped the event): claim and copy removed. */
  release(eventId: string, decided: Promise<Decision>): Promise<void>;
  /** The event marked done and its copy removed (failures logged, never thrown). */
  finish(log: KeyValue<Claim> | null, eventId: string): Promise<void>;
}

export function createEventRecords(state: StateStore, rules: ClaimRules): EventRecords {
  const { holder, clock, logger } = rules;
  const events = openedOnFirstUse(() => openEventLog(state));
  const pending = openedOnFirstUse(() => openPending(state));
  const claim = (log: KeyValue<Claim>, eventId: string) => claimEvent(log, eventId, rules);

  async function decide(eventId: string, body?: Record<string, unknown>): Promise<Decision> {
    try {
      const log = await events();
      const keep = body
        ? pending()
            .then((p) =>
              p.put(eventId, { body: pendingBody(body), at: clock() }, { ttlMs: EVENT_TTL_MS }),
            )
            .catch((error: unknown) =>
              logger.warn({ eventId, err: errorText(error) }, "slack event copy not stored"),
            )
        : undefined;
      const [won] = await Promise.all([claim(log, eventId), keep]);
      if (!won) return "taken";
      rules.onOutcome?.("won");
      return "won";
    } catch (error) {
      // The store cannot be reached: answering twice beats never answering.
      logger.warn({ eventId, err: errorText(error) }, "slack event claims unavailable; answering");
      rules.onOutcome?.("unavailable");
      return "unavailable";
    }
  }

  async function release(eventId: string, decided: Promise<Decision>): Promise<void> {
    const decision = await decided;
    if (decision !== "won" && decision !== "takeover") return;
    try {
      await (await events()).delete(eventId);
      await (await pending()).delete(eventId);
      logger.debug({ eventId }, "slack event not handled; its claim is released");
    } catch (error) {
      logger.warn({ eventId, err: errorText(error) }, "slack event claim could not be released");
    }
  }

  async function finish(log: KeyValue<Claim> | null, eventId: string): Promise<void> {
    await log
      ?.put(eventId, { holder, state: "done", at: clock() }, { ttlMs: EVENT_TTL_MS })
      .catch((error: unknown) =>
        logger.warn({ eventId, err: errorText(error) }, "slack event could not be marked done"),
      );
    // Its copy is no longer needed (left behind, a sweeper finds it done and removes it).
    await pending()
      .then((p) => p.delete(eventId))
      .catch((error: unknown) =>
        logger.warn({ eventId, err: errorText(error) }, "slack event copy not removed"),
      );
  }

  return { events, pending, claim, decide, release, finish };
}
