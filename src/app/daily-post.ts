// The talk of the day as the chat bot builds it once the adapters (and with them the post
// ports) exist, and the promise the subscription commands wait on until then. Apart from
// start.ts because what the daily post draws from (the library's current catalog, linked
// cards, the morning's watched talks) is its own wiring.
import type { Config } from "../config.ts";
import type { TalkCard } from "../core/card.ts";
import type { Library } from "../core/library.ts";
import type { StateStore } from "../core/state-store.ts";
import type { Metrics } from "../http/metrics.ts";
import { createTalkOfTheDay, type TalkOfTheDay } from "../totd/talk-of-the-day.ts";
import { watchedDay } from "../watch/morning.ts";
import type { Watches } from "../watch/watches.ts";
import type { BotBase, StartOptions } from "./bot.ts";

interface DailyPostOptions {
  readonly config: Config;
  readonly state: StateStore;
  readonly library: Library;
  /** A card with its talk page's link when PUBLIC_URL is set. */
  readonly linked: (card: TalkCard) => TalkCard;
  /** The watches once open (the morning post reads them synchronously), else null. */
  readonly watches: () => Watches | null;
  readonly metrics: Metrics;
  readonly options: Pick<StartOptions, "logger" | "backoff" | "now">;
}

export interface DailyPost {
  /** Builds the talk of the day for the adapters' post ports (the chat bot calls it once). */
  readonly talkOfTheDay: BotBase["talkOfTheDay"];
  /** The talk of the day once built; null when there is none (console mode: see none()). */
  readonly built: Promise<TalkOfTheDay | null>;
  /** There will be no talk of the day: `built` settles with null. */
  none(): void;
}

export function createDailyPost(options: DailyPostOptions): DailyPost {
  const { config, library, linked, metrics } = options;
  const { logger } = options.options;
  let provide: (totd: TalkOfTheDay | null) => void = () => {};
  const built = new Promise<TalkOfTheDay | null>((resolve) => {
    provide = resolve;
  });
  const talkOfTheDay: BotBase["talkOfTheDay"] = (ports) => {
    const totd = createTalkOfTheDay({
      totd: config.totd,
      ports,
      subscriptionsMax: config.totd.subscriptionsMax,
      state: options.state,
      // Through the library, so a reloaded catalog is the one the next post draws from.
      core: {
        today: (date) => {
          const day = library.current().today(date);
          return { ...day, card: linked(day.card) };
        },
      },
      // During a conference a room watches, its morning post lists the day's matching talks.
      morning: (platform, destination, date) => {
        const queries =
          options
            .watches()
            ?.list(platform, destination)
            .map((w) => w.query) ?? [];
        const day = queries.length ? watchedDay(library.current(), queries, date) : null;
        return day && { ...day, entries: day.entries.map((e) => ({ ...e, card: linked(e.card) })) };
      },
      logger,
      observer: metrics,
      ...(options.options.backoff ? { backoff: options.options.backoff } : {}),
      ...(options.options.now ? { now: options.options.now } : {}),
    });
    metrics.setSubscriptions(() => totd.counts());
    provide(totd);
    return totd;
  };
  return { talkOfTheDay, built, none: () => provide(null) };
}
