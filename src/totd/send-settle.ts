// With replicas, a send left in flight (the record's intent) may still be on its way to the
// platform when another replica takes the destination's claim: its sender checked its
// claim right before sending, but a process starved of CPU, stopped, or queueing its
// request can write the request seconds later, after the claim lapsed. A look made then
// finds nothing, and a second send doubles the post (the totd-replicas soak posted twice
// to one channel so on a loaded machine). So a replica looks for an earlier send only
// once it has had time to arrive: sendSettleMs after this replica first saw it in flight
// under its own claim, measured on this process's clock alone (no skew between hosts).
// Where the platform drops a repeat with the same key (Matrix) nothing waits.
import type { Logger } from "../log.ts";
import type { Intent } from "./records.ts";

/**
 * How long after its sender's claim ended an earlier send may still reach the platform:
 * the longest a post request runs (Slack's 10 s request timeout) with room for a sender
 * starved of CPU or stopped between its claim check and the request.
 */
export const DEFAULT_SEND_SETTLE_MS = 20_000;

export interface SendSettle {
  /**
   * How long a look for `intent` (in flight at destination `id`, read under this replica's
   * claim) must still wait before it can be trusted, 0 once it can; `first` when this call
   * started the wait (the first sight of that intent here).
   */
  remaining(id: string, intent: Intent): { readonly waitMs: number; readonly first: boolean };
}

export function createSendSettle(settleMs: number, now: () => number): SendSettle {
  /** Per destination: the intent last seen in flight there, and when (our clock). */
  const seen = new Map<string, { readonly intent: Intent; readonly at: number }>();
  const same = (a: Intent, b: Intent) =>
    a.key === b.key && a.at === b.at && a.attempts === b.attempts;
  return {
    remaining(id, intent) {
      const t = now();
      const known = seen.get(id);
      if (known && same(known.intent, intent))
        return { waitMs: Math.max(0, known.at + settleMs - t), first: false };
      seen.set(id, { intent, at: t });
      return { waitMs: settleMs, first: true };
    },
  };
}

/** Why a delivery waits (a record's lastError if the day ends meanwhile). */
export const SETTLING = "an earlier send may still be on its way to the platform";

/** settle.remaining(), said once per intent (when its wait starts). */
export function settleWait(settle: SendSettle, log: Logger, id: string, intent: Intent): number {
  const { waitMs, first } = settle.remaining(id, intent);
  if (waitMs > 0 && first)
    log.info(
      { destination: id, date: intent.date, key: intent.key, sentAt: intent.at, lookInMs: waitMs },
      "a send of today's talk is in flight: looking for it once it has had time to arrive",
    );
  return waitMs;
}
