// The chat subscriptions as stored: one record per destination ("subscriptions"
// namespace), checked entry by entry when read, at start and at every re-read (with
// replicas, another replica may have changed them: subscription-sync.ts).
import { z } from "zod";
import type { Logger } from "../log.ts";
import { destinationId } from "./records.ts";

export const SUBSCRIPTIONS_NAMESPACE = "subscriptions";

/** Zones checked so far (a file holds a handful, repeated thousands of times). */
const zoneChecks = new Map<string, boolean>();

function isZone(timeZone: string): boolean {
  let ok = zoneChecks.get(timeZone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone });
      ok = true;
    } catch {
      ok = false;
    }
    zoneChecks.set(timeZone, ok);
  }
  return ok;
}

export const RecordSchema = z.object({
  platform: z.enum(["slack", "matrix"]),
  destination: z.string().min(1),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  timeZone: z.string().refine(isZone, { message: "not an IANA time zone" }),
  /** The asker's platform id and display name at the time. */
  byUser: z.string(),
  by: z.string(),
  /** ISO instant of the subscribe command. */
  at: z.string(),
});
export type SubscriptionRecord = z.infer<typeof RecordSchema>;

/**
 * What the store may hand back: anything. Each entry is checked on load (loadRecords), so
 * one bad entry is skipped with a line naming it, and the valid ones around it stay (a
 * store validator that refused it would set the whole namespace aside).
 */
export const anything = (raw: unknown): unknown => (raw === undefined ? null : raw);

export const key = (r: SubscriptionRecord) => destinationId(r.platform, r.destination);

/**
 * The stored subscriptions to serve: valid ones, the earliest first, as many as
 * SUBSCRIPTIONS_MAX leaves room for beside the operator's destinations. An invalid entry is skipped with
 * one error line naming it and what is wrong; the rest are left out with one warning
 * saying how many. Neither is deleted: fixing the entry or raising the maximum brings it
 * back at the next start. `log` null: a re-read, quiet (the start said it once).
 */
export function loadRecords(
  stored: ReadonlyArray<readonly [string, unknown]>,
  max: number,
  operator: number,
  log: Logger | null,
): { records: Map<string, SubscriptionRecord>; leftOut: Set<string> } {
  const records = new Map<string, SubscriptionRecord>();
  const leftOut = new Set<string>();
  for (const [id, raw] of stored) {
    const parsed = RecordSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (i) => `${i.path.join(".") || "(record)"}: ${i.message}`,
      );
      log?.error(
        { namespace: SUBSCRIPTIONS_NAMESPACE, key: id, problems },
        "skipped an invalid subscription; the others are kept",
      );
    } else if (operator + records.size < max) records.set(id, parsed.data);
    else leftOut.add(id);
  }
  if (leftOut.size > 0 && log) {
    log.warn(
      { leftOut: leftOut.size, served: records.size, operator, max },
      "more chat subscriptions than SUBSCRIPTIONS_MAX allows: the latest ones are left out (kept in the state file; raise SUBSCRIPTIONS_MAX to serve them)",
    );
  }
  return { records, leftOut };
}

/** One stored entry as a subscription, or null when there is none (or it is not valid). */
export function readRecord(raw: unknown): SubscriptionRecord | null {
  const parsed = RecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
