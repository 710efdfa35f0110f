// One destination on the daily post's schedule: its target (what a delivery needs) and
// the post-time group it belongs to (post-times.ts).
import type { PostPort } from "../core/post-port.ts";
import { type Target, targetId } from "./context.ts";
import type { PostTime } from "./post-times.ts";
import type { ScheduledDestination } from "./subscription-schedule.ts";

export interface Entry {
  readonly target: Target;
  readonly group: PostTime<Entry>;
  /** Stopped or removed: no new attempt starts. */
  readonly ended: boolean;
  /** Ends it and aborts its target's signal (its delivery stops waiting). */
  end(): void;
}

/**
 * A destination on the schedule. Its signal is its own, made only once a delivery asks
 * for it (most destinations are idle most of the day), and nothing listens on a shared
 * one: ten thousand listeners on one stop signal is a leak warning and a slow stop.
 */
export function entryOf(dest: ScheduledDestination, port: PostPort, group: PostTime<Entry>): Entry {
  let controller: AbortController | undefined;
  let ended = false;
  return {
    target: {
      id: targetId(dest),
      dest,
      clock: group.clock,
      port,
      get signal() {
        if (!controller) {
          controller = new AbortController();
          if (ended) controller.abort();
        }
        return controller.signal;
      },
    },
    group,
    get ended() {
      return ended;
    },
    end() {
      ended = true;
      controller?.abort();
    },
  };
}
