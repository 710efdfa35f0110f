// Which morning post a destination gets on a date: the day's watched-conference talks
// where the destination watches one and its port can post them, else the talk of the day.
import type { Logger } from "../log.ts";
import type { MorningPost, Target } from "./context.ts";
import type { DailyPostOptions } from "./types.ts";

export function morningChooser(
  options: Pick<DailyPostOptions, "morning" | "core">,
  log: Logger,
): (target: Target, date: string) => MorningPost {
  return (target, date) => {
    const { platform, destination } = target.dest;
    if (options.morning && target.port.postWatchAlert) {
      try {
        const message = options.morning(platform, destination, date);
        if (message) return { kind: "watched", message };
      } catch (err) {
        // A bug in the watched-day search must not cost the room its morning post.
        log.error({ destination: target.id, date, err }, "cannot list the watched day");
      }
    }
    return { kind: "card", card: options.core.today(date).card };
  };
}
