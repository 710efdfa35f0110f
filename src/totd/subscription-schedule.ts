// Where and when the talk of the day goes: one entry per destination (a Slack channel or a
// Matrix room), each with its own local time and zone. The operator's TOTD_* destinations
// and the rooms that subscribed from chat are the same thing to the daily post; `source`
// only decides who may remove them. The daily post (src/totd) implements the schedule port.
import type { PostPlatform } from "../core/platform.ts";

export type DestinationSource = "operator" | "chat";

export interface ScheduledDestination {
  readonly platform: PostPlatform;
  /** Slack channel id or Matrix room id/alias. */
  readonly destination: string;
  /** Local post time, "HH:MM" ("HH:MM:SS" only in tests). */
  readonly time: string;
  /** IANA zone the time and the day are counted in. */
  readonly timeZone: string;
  readonly source: DestinationSource;
}

/** What today looks like for a destination just (re)scheduled. */
export type TodayPlan =
  /** Today's talk already went (or was given up) there: nothing more today. */
  | "done-today"
  /** Today's time has passed and the talk was not posted: it goes out now. */
  | "posting-now"
  /** Today's time is still ahead. */
  | "later-today"
  /** The destination is paused (the bot cannot post there). */
  | "paused";

/** A destination's delivery state, as /healthz and the `subscription` command show it. */
export interface DestinationStatus {
  readonly source: DestinationSource;
  readonly time: string;
  readonly timeZone: string;
  readonly lastPosted: string | null;
  readonly state: "active" | "paused";
  readonly lastError?: string;
  /** Why and since when it is paused. */
  readonly paused?: { readonly since: string; readonly reason: string };
}

/** The daily post, as the subscription commands see it. */
export interface SubscriptionSchedule {
  /** Adds or reschedules a destination; posts today's talk at once if its time has passed. */
  set(destination: ScheduledDestination): Promise<TodayPlan>;
  /**
   * Adds or reschedules a destination another replica changed (read from the shared
   * store): posts today's talk if its time has passed and its record says it is due; never
   * resumes a paused one (set() does: it is asked from the room).
   */
  reschedule(destination: ScheduledDestination): Promise<void>;
  remove(platform: PostPlatform, destination: string): void;
  status(platform: PostPlatform, destination: string): DestinationStatus | undefined;
}
