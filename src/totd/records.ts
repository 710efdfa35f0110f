// The daily post's memory across restarts: the "totd" namespace of the state store, one
// record per destination ("slack:C123") with the last day posted, the last day settled,
// the intent of the send under way, and whether the destination is paused.
//
// The intent is durable before every send and cleared when the send is recorded, so after
// a crash "intent for today, inFlight, no lastPosted = today" means exactly "a send may or
// may not have reached the platform".
import { z } from "zod";
import type { PostPlatform } from "../core/platform.ts";
import type { KeyValue, StateStore } from "../core/state-store.ts";
import type { DestinationStatus, ScheduledDestination } from "./subscription-schedule.ts";
import { dayNumber } from "./today.ts";

/** The state-store namespace: STATE_DIR/totd.json with the file store. */
export const TOTD_NAMESPACE = "totd";

const IntentSchema = z.object({
  /** The day this post is for (YYYY-MM-DD in the destination's zone). */
  date: z.iso.date(),
  /** The idempotency key every attempt for that day uses. */
  key: z.string(),
  attempts: z.number().int().min(0),
  /**
   * true from just before a send until its outcome is known and recorded; it stays true
   * after a send whose outcome is unknown, until the platform says whether it arrived.
   */
  inFlight: z.boolean(),
  /**
   * When the send was made (ISO instant): where a look for it starts. After a lost state
   * file, today's post time (the earliest a send can have been made).
   */
  at: z.string(),
});
export type Intent = z.infer<typeof IntentSchema>;

const PauseSchema = z.object({
  /** ISO instant of the refusal. */
  since: z.string(),
  /** What the platform said (not_in_channel, M_FORBIDDEN, ...). */
  reason: z.string(),
});

const DestinationRecordSchema = z.object({
  /** Last day whose post the platform confirmed. */
  lastPosted: z.iso.date().nullable(),
  /** Last day that needs no more work: posted, given up, or skipped as possibly posted. */
  settled: z.iso.date().nullable(),
  intent: IntentSchema.nullable(),
  lastError: z.string().nullable(),
  /** Set when the platform refused a post (the bot was removed); cleared by resume. */
  paused: PauseSchema.nullable().default(null),
});
export type DestinationRecord = z.infer<typeof DestinationRecordSchema>;

export const EMPTY_RECORD: DestinationRecord = Object.freeze({
  lastPosted: null,
  settled: null,
  intent: null,
  lastError: null,
  paused: null,
});

export const validateRecord = (raw: unknown): DestinationRecord | undefined => {
  const parsed = DestinationRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};

type TotdRecords = KeyValue<DestinationRecord>;

export const openTotdRecords = (state: StateStore): Promise<TotdRecords> =>
  state.open(TOTD_NAMESPACE, validateRecord);

export const destinationId = (platform: PostPlatform, destination: string) =>
  `${platform}:${destination}`;

export const idempotencyKey = (date: string, platform: PostPlatform, destination: string) =>
  `totd:${date}:${platform}:${destination}`;

/** A day is done for a record once it (or a later day) was posted or settled. */
export const dayIsDone = (record: DestinationRecord, date: string): boolean =>
  (record.settled !== null && record.settled >= date) ||
  (record.lastPosted !== null && record.lastPosted >= date);

export const postedOn = (record: DestinationRecord, date: string): DestinationRecord => ({
  ...record,
  lastPosted: date,
  settled: date,
  intent: null,
  lastError: null,
});

/**
 * The records with a synchronous view for status(): memory follows the disk, so a put
 * that fails leaves the old record in force (and rejects).
 */
export interface RecordBook {
  /** The namespace was unreadable and started empty (see KeyValue.recovered). */
  readonly recovered: boolean;
  get(id: string): DestinationRecord;
  /** Durable when it resolves; rejects (record unchanged) when the store cannot write. */
  put(id: string, record: DestinationRecord): Promise<void>;
  /**
   * Forgets the records of destinations no longer scheduled (unsubscribed, or dropped from
   * TOTD_*) whose last day is at least two days before `today`: nothing about them can
   * matter any more (a re-subscribe the same day still finds its record).
   */
  prune(keep: (id: string) => boolean, today: string): Promise<number>;
  /**
   * Several replicas keep these records (shared-records.ts): a decision about a
   * destination is made under its claim, on its record read fresh from the store.
   */
  readonly shared: boolean;
  /**
   * Runs `work` as the one process working on destination `id`: its record is read fresh
   * first (get() returns it) and put(id) writes under the claim. TAKEN while another
   * replica works on it. One process alone (the file store) runs `work` at once.
   */
  exclusive<T>(id: string, work: () => Promise<T>): Promise<T | typeof TAKEN>;
  /**
   * Right before a send: whether the claim on `id` still holds for long enough (half its
   * time) that the send ends before another replica can take it over. Always without claims.
   */
  mayStillSend(id: string): boolean;
  /** Reads `id`'s record fresh from the store into get() (a no-op without claims). */
  refresh(id: string): Promise<void>;
  /** How long to wait before trying a destination another replica was working on. */
  readonly takenRetryMs: number;
}

/** What exclusive() returns while another replica works on the destination. */
export const TAKEN: unique symbol = Symbol("taken by another replica");

export async function openRecordBook(state: StateStore): Promise<RecordBook> {
  const kv = await openTotdRecords(state);
  const mirror = new Map<string, DestinationRecord>(await kv.entries());
  return {
    recovered: kv.recovered,
    shared: false,
    exclusive: (_id, work) => work(),
    mayStillSend: () => true,
    refresh: async () => {},
    takenRetryMs: 0,
    get: (id) => mirror.get(id) ?? EMPTY_RECORD,
    async put(id, record) {
      await kv.put(id, record);
      mirror.set(id, record);
    },
    async prune(keep, today) {
      const stale = [...mirror].filter(([id, r]) => {
        const last = [r.settled, r.lastPosted, r.intent?.date].reduce<string>(
          (a, d) => (d && d > a ? d : a),
          "",
        );
        return !keep(id) && !r.intent?.inFlight && dayNumber(last) < dayNumber(today) - 1;
      });
      // Together: the store writes its file once for all of them, not once per record.
      await Promise.all(
        stale.map(async ([id]) => {
          await kv.delete(id);
          mirror.delete(id);
        }),
      );
      return stale.length;
    },
  };
}

/** What /healthz and the `subscription` command show of a destination. */
export function destinationStatus(
  dest: ScheduledDestination,
  record: DestinationRecord | undefined,
): DestinationStatus {
  return {
    source: dest.source,
    time: dest.time,
    timeZone: dest.timeZone,
    lastPosted: record?.lastPosted ?? null,
    state: record?.paused ? "paused" : "active",
    ...(record?.lastError ? { lastError: record.lastError } : {}),
    ...(record?.paused ? { paused: record.paused } : {}),
  };
}
