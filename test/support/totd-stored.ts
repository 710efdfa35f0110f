// The daily-post records as a PostgreSQL schema holds them, for the replica tests'
// exact expectations (test/totd/replicas, test/totd/subscription-replicas).
import { type DestinationRecord, TOTD_NAMESPACE, validateRecord } from "../../src/totd/records.ts";
import type { TestSchema } from "./postgres.ts";

/** Every daily-post record in the schema, by destination ("slack:C1"). */
export async function storedRecords(
  schema: TestSchema,
): Promise<Record<string, DestinationRecord>> {
  const { rows } = await schema.query<{ key: string; value: unknown }>(
    `SELECT key, value FROM "${schema.name}".state_entries WHERE namespace = $1`,
    [TOTD_NAMESPACE],
  );
  return Object.fromEntries(rows.map((r) => [r.key, validateRecord(r.value)!]));
}

/** The record of a destination whose talk for `day` was posted and recorded. */
export const postedRecord = (day: string): DestinationRecord => ({
  lastPosted: day,
  settled: day,
  intent: null,
  lastError: null,
  paused: null,
});
