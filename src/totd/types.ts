// The daily post's API (daily-post.ts implements it): what the wiring and the subscription
// commands call, and what it is built from.
import type { Core } from "../core/answer.ts";
import type { ClaimOptions, ClaimStores } from "../core/claims.ts";
import type { PostPlatform } from "../core/platform.ts";
import type { PostPort } from "../core/post-port.ts";
import type { Backoff } from "../core/retry.ts";
import type { StateStore } from "../core/state-store.ts";
import type { Logger } from "../log.ts";
import type { WatchAlertMessage } from "../watch/alert-message.ts";
import type { DailyPostObserver, StillWanted } from "./context.ts";
import type {
  DestinationStatus,
  ScheduledDestination,
  SubscriptionSchedule,
} from "./subscription-schedule.ts";

/** The day-long backoff between tries at one destination (jittered: retry.ts). */
export const DEFAULT_BACKOFF: Backoff = Object.freeze({ initialMs: 30_000, maxMs: 15 * 60_000 });

export interface DailyPostOptions {
  /** The post port of each platform the bot is connected to. */
  readonly ports: Partial<Record<PostPlatform, PostPort>>;
  /** Destinations known at start (the operator's); chat subscriptions come through include() and set(). */
  readonly destinations: readonly ScheduledDestination[];
  readonly core: Pick<Core, "today">;
  /**
   * What a destination gets instead of the talk of the day on `date` (its local date):
   * during a conference it watches, the day's matching talks (src/watch/morning.ts);
   * null for the talk of the day. Only used where the port can post it (postWatchAlert).
   */
  readonly morning?: (
    platform: PostPlatform,
    destination: string,
    date: string,
  ) => WatchAlertMessage | null;
  readonly state: StateStore;
  readonly logger: Logger;
  readonly observer?: DailyPostObserver;
  readonly backoff?: Backoff;
  /** Sends (and looks for earlier sends) under way at once; DEFAULT_CONCURRENCY. */
  readonly concurrency?: number;
  /** The backoff's jitter (tests pin it). */
  readonly random?: () => number;
  readonly now?: () => Date;
  /** How often the schedule looks at the clock at least (tests that move `now` by hours). */
  readonly wakeEveryMs?: number;
  /** Several replicas post (DATABASE_URL): the claims they take turns with. */
  readonly shared?: SharedRecords;
}

/** Replicas sharing the daily post's records: claims on the shared state store. */
export interface SharedRecords {
  readonly claims: ClaimStores;
  readonly options?: ClaimOptions;
  /**
   * Whether this replica can post to a platform now (Matrix: only the syncer sends). One
   * that cannot leaves the destination to the others, looking at its record now and then
   * (it posts if it becomes able before the day is done), instead of failing and backing off.
   */
  readonly mayPost?: (platform: PostPlatform) => boolean;
  /**
   * Read under the destination's claim right before a send: a subscription removed or
   * moved through another replica must not be posted from this one's stale schedule
   * ("gone"/"moved": nothing is sent or recorded; the caller reschedules). Always "send"
   * without it.
   */
  readonly stillWanted?: (dest: ScheduledDestination) => Promise<StillWanted>;
  /**
   * How long after this replica first sees a send left in flight (another replica's, or
   * one of its own whose outcome is unknown) it looks for it: DEFAULT_SEND_SETTLE_MS.
   */
  readonly sendSettleMs?: number;
}

export interface DailyPost extends SubscriptionSchedule {
  /**
   * Destinations to schedule with the others at start (the chat subscriptions read from
   * the store): no plan for today, no state read, so ten thousand cost next to nothing.
   * After start, set() is the way in.
   */
  include(destinations: Iterable<ScheduledDestination>): void;
  /** Settles past days, schedules every destination and catches up on today where due. */
  start(): Promise<void>;
  /**
   * Replicas: every record is worked on under claims (before anything opens the records,
   * i.e. right after creation). Without it, one process alone, as on the file store.
   */
  share(shared: SharedRecords): void;
  /** No new attempts; waits for sends in flight so their outcome is recorded. */
  stop(): Promise<void>;
  /** The bot was invited back where posts were refused: unpause and catch up on today. */
  resume(platform: PostPlatform, destination: string): Promise<void>;
  /** The bot was removed (kicked, left, archived): no tries there until resume. */
  pause(platform: PostPlatform, destination: string, reason: string): Promise<void>;
  /** Every destination, keyed "slack:C123". */
  statusAll(): Record<string, DestinationStatus>;
  /** Resolves once no delivery is running or waiting (for tests and shutdown). */
  idle(): Promise<void>;
}
