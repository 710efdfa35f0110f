// What the Slack adapter keeps per Events API delivery in the state store: a claim (who
// answers it, and whether it is done), shared by every replica with DATABASE_URL. The
// rules for taking, renewing and waiting for a claim are here; when the adapter does
// which is in event-dedupe.ts.
import type { ClaimOutcome } from "../../core/adapter.ts";
import { sleep } from "../../core/retry.ts";
import type { KeyValue, StateStore } from "../../core/state-store.ts";
import type { Logger } from "../../log.ts";
import { errorText } from "./context.ts";

/**
 * What claimFirst found before the ack: this delivery answers, another holds it, or no
 * store; "takeover": a sweeper took over a dead holder's claim and replays the event.
 */
export type Decision = "won" | "taken" | "unavailable" | "takeover";

/** The state-store namespace of event claims. */
export const EVENTS_NAMESPACE = "slack-events";
/** A done event is remembered well past Slack's last retry (about five minutes). */
export const EVENT_TTL_MS = 60 * 60_000;

export interface Claim {
  /** Which process holds (or held) the event: host, pid and a per-adapter tag. */
  readonly holder: string;
  readonly state: "claimed" | "done";
  /** When it was claimed or finished, ms since the epoch (for logs). */
  readonly at: number;
}

/** Stored values: a claim, or (stores written before claims) the time it was first seen. */
function validate(raw: unknown): Claim | undefined {
  if (typeof raw === "number" && Number.isFinite(raw))
    return { holder: "earlier version", state: "done", at: raw };
  const c = raw as Partial<Claim> | null;
  return typeof c === "object" &&
    c !== null &&
    typeof c.holder === "string" &&
    (c.state === "claimed" || c.state === "done") &&
    typeof c.at === "number"
    ? (c as Claim)
    : undefined;
}

export function openEventLog(state: StateStore): Promise<KeyValue<Claim>> {
  return state.open(EVENTS_NAMESPACE, validate);
}

/** What taking, renewing and waiting for a claim need to know. */
export interface ClaimRules {
  /** This process (core/claims.ts processHolderId). */
  readonly holder: string;
  /** How long a claim holds without being renewed or marked done. */
  readonly leaseMs: number;
  /** How often a delivery looks again at another replica's unfinished claim. */
  readonly pollMs: number;
  readonly clock: () => number;
  readonly logger: Logger;
  readonly onOutcome?: ((outcome: ClaimOutcome) => void) | undefined;
  /** The adapter is stopping: a waiting delivery stops waiting. */
  readonly stopped: () => boolean;
}

/** Claims the event for this process, unless someone holds it (true: claimed). */
export function claimEvent(log: KeyValue<Claim>, eventId: string, r: ClaimRules) {
  return log.putIfAbsent(
    eventId,
    { holder: r.holder, state: "claimed", at: r.clock() },
    { ttlMs: r.leaseMs },
  );
}

/** One more lease for a claim whose answer is still running (failures logged). */
export function renewClaim(log: KeyValue<Claim>, eventId: string, r: ClaimRules): Promise<void> {
  return log
    .put(eventId, { holder: r.holder, state: "claimed", at: r.clock() }, { ttlMs: r.leaseMs })
    .catch((error: unknown) =>
      r.logger.warn({ eventId, err: errorText(error) }, "slack event claim could not be renewed"),
    );
}

/**
 * A re-delivery of an event someone may hold: null when this delivery should answer (it
 * claimed the event, or took a dead holder's claim over), else the claim that stands.
 */
export async function waitForClaim(
  log: KeyValue<Claim>,
  eventId: string,
  r: ClaimRules,
): Promise<Claim | null> {
  if (await claimEvent(log, eventId, r)) {
    r.onOutcome?.("won");
    return null;
  }
  // Someone has it. Done, or ours (a re-delivery while we answer): nothing to do. Another
  // replica's: wait for its done, or for its lease to run out, then answer.
  // Counted, not timed by `clock`: a test's frozen clock must not make this wait forever.
  // A store error while waiting is not a reason to answer: the claim exists, so someone
  // answers; look again until the polls run out.
  let seen: Claim | undefined;
  for (let polls = Math.ceil(r.leaseMs / r.pollMs) + 1; ; polls--) {
    try {
      seen = await log.get(eventId);
      if (seen && (seen.state === "done" || seen.holder === r.holder)) return seen;
      if (!seen && (await claimEvent(log, eventId, r))) {
        r.logger.warn({ eventId }, "slack event claim expired unfinished; taking it over");
        r.onOutcome?.("takeover");
        return null;
      }
    } catch (error) {
      r.logger.warn({ eventId, err: errorText(error) }, "slack event claim unreadable; waiting");
    }
    if (polls <= 0 || r.stopped()) return seen ?? { holder: "unknown", state: "claimed", at: 0 };
    // No listener on the shared stop signal per waiting delivery; a stop is seen on the
    // next poll.
    await sleep(r.pollMs);
  }
}
