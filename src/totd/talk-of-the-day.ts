// The talk of the day as the wiring sees it: the daily post and the chat subscriptions,
// put together once, over the post ports it is given (built before it, by the adapters).
// The subscription commands (subscription-commands.ts) reach the subscriptions through
// `subscriptions()`.
import type { Core } from "../core/answer.ts";
import type { PostPlatform } from "../core/platform.ts";
import type { PostPort } from "../core/post-port.ts";
import type { Backoff } from "../core/retry.ts";
import type { StateStore } from "../core/state-store.ts";
import type { Logger } from "../log.ts";
import type { DailyPostObserver } from "./context.ts";
import { createDailyPost } from "./daily-post.ts";
import type { DestinationStatus, ScheduledDestination } from "./subscription-schedule.ts";
import {
  type ChangeBroadcast,
  type SubscriptionSync,
  startSubscriptionSync,
} from "./subscription-sync.ts";
import { openSubscriptions, type Subscriptions } from "./subscriptions.ts";
import type { DailyPostOptions, SharedRecords } from "./types.ts";

interface TalkOfTheDayOptions {
  /** TOTD_TIME, TOTD_TIMEZONE (the defaults of `subscribe`) and the operator's destinations. */
  readonly totd: {
    readonly time: string;
    readonly timeZone: string;
    readonly slackChannels: readonly string[];
    readonly matrixRooms: readonly string[];
  };
  /** Where each platform's talk goes: the adapters' post ports. */
  readonly ports: Partial<Record<PostPlatform, PostPort>>;
  /** SUBSCRIPTIONS_MAX. */
  readonly subscriptionsMax?: number;
  readonly state: StateStore;
  /** The talk for a date: through the library, so a reloaded catalog is the one drawn from. */
  readonly core: Pick<Core, "today">;
  /** The day's watched talks instead of the talk of the day: DailyPostOptions.morning. */
  readonly morning?: DailyPostOptions["morning"];
  readonly logger: Logger;
  readonly observer?: DailyPostObserver;
  readonly backoff?: Backoff;
  readonly now?: () => Date;
  /** DailyPostOptions.wakeEveryMs (tests that move `now` by hours). */
  readonly wakeEveryMs?: number;
}

export interface TalkOfTheDay {
  /** The chat subscriptions, opened once (by start, or by a command that comes first). */
  subscriptions(): Promise<Subscriptions>;
  /**
   * Replicas (DATABASE_URL): post under claims (DailyPost.share), each send checked
   * against the stored subscription, and the schedule kept in step with the other
   * replicas' changes (subscription-sync.ts); right after creation.
   */
  share(shared: SharedRecords, replicas?: ReplicaSubscriptions): void;
  /** Loads the chat subscriptions and starts posting; call once the adapters have started. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The bot was invited back to a channel or room (adapters' join events). */
  resume(platform: PostPlatform, destination: string): Promise<void>;
  /** The bot was removed from one (kicked, left, archived): pause it until resume. */
  pause(platform: PostPlatform, destination: string, reason: string): Promise<void>;
  /** /healthz: every destination, keyed "slack:C123". */
  statusAll(): Record<string, DestinationStatus>;
  /** /metrics: destinations by platform, source and state. */
  counts(): Array<{ platform: PostPlatform; source: string; state: string; count: number }>;
  /** Resolves once no delivery is running (tests). */
  idle(): Promise<void>;
}

export interface ReplicaSubscriptions {
  /** Tells the other replicas of a change and hears theirs (else the re-read alone). */
  readonly broadcast?: ChangeBroadcast;
  /** REREAD_EVERY_MS unless a test shortens it. */
  readonly rereadEveryMs?: number;
}

export function createTalkOfTheDay(options: TalkOfTheDayOptions): TalkOfTheDay {
  const { totd } = options;
  const operator = (platform: PostPlatform) => (destination: string) =>
    ({
      platform,
      destination,
      time: totd.time,
      timeZone: totd.timeZone,
      source: "operator",
    }) satisfies ScheduledDestination;
  const destinations = [
    ...totd.slackChannels.map(operator("slack")),
    ...totd.matrixRooms.map(operator("matrix")),
  ];
  const daily = createDailyPost({
    ports: options.ports,
    destinations,
    core: options.core,
    ...(options.morning ? { morning: options.morning } : {}),
    state: options.state,
    logger: options.logger,
    ...(options.observer ? { observer: options.observer } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.wakeEveryMs ? { wakeEveryMs: options.wakeEveryMs } : {}),
  });
  let registry: Promise<Subscriptions> | null = null;
  /** Replicas: other replicas' changes reach this one's schedule. */
  let sync: SubscriptionSync | null = null;
  const open = () => {
    registry ??= openSubscriptions({
      state: options.state,
      schedule: daily,
      operator: destinations,
      logger: options.logger,
      ...(options.subscriptionsMax === undefined ? {} : { max: options.subscriptionsMax }),
      ...(options.now ? { now: options.now } : {}),
      changed: () => sync?.changed(),
    });
    return registry;
  };
  let opened: Subscriptions | null = null;
  return {
    subscriptions: open,
    async start() {
      opened = await open();
      // Before the daily post starts, so today's catch-up covers chat subscriptions too.
      daily.include(opened.chat());
      await daily.start();
    },
    share(shared, replicas) {
      sync = startSubscriptionSync({
        subscriptions: open,
        ...(replicas?.broadcast ? { broadcast: replicas.broadcast } : {}),
        ...(replicas?.rereadEveryMs ? { everyMs: replicas.rereadEveryMs } : {}),
        logger: options.logger,
      });
      const { reread } = sync;
      daily.share({
        ...shared,
        // The operator's TOTD_* destinations come from the environment, not the store.
        async stillWanted(dest) {
          if (dest.source === "operator") return "send";
          const stored = await (await open()).stored(dest.platform, dest.destination);
          const same = stored?.time === dest.time && stored.timeZone === dest.timeZone;
          if (same) return "send";
          // This replica's schedule is behind the store: catch up (reschedules or drops it).
          void reread("a send found the subscription changed");
          return stored ? "moved" : "gone";
        },
      });
    },
    async stop() {
      await sync?.stop();
      await daily.stop();
    },
    resume: (platform, destination) => daily.resume(platform, destination),
    pause: (platform, destination, reason) => daily.pause(platform, destination, reason),
    statusAll: () => daily.statusAll(),
    counts: () => opened?.counts() ?? [],
    idle: () => daily.idle(),
  };
}
