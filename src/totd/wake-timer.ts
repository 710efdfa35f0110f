// When the daily post looks at the clock: one timer for every destination. It wakes at
// the earliest next post time, and at least every WAKE_MS so a wall clock that jumps
// (suspend, NTP) is noticed; a wake only compares numbers unless a post is due or the
// clock jumped. It keeps time per post time (destinations sharing a time and zone share
// one entry), so ten thousand rooms subscribed at "00:00 UTC" are one comparison and one
// clock question per wake. (A timer per destination would wake every 30 s each and redo
// the zone arithmetic every time: slow with hundreds of subscriptions.)
import type { Logger } from "../log.ts";
import type { PostClock } from "./clock.ts";

/** The longest the schedule sleeps without looking at the clock. */
const WAKE_MS = 30_000;

export interface Timed {
  readonly clock: PostClock;
  /** The next post time (epoch ms); 0 until the timer first looks. */
  dueAt: number;
}

interface WakeTimer {
  /** (Re)sets the timer for the earliest due entry: call after entries change. */
  arm(): void;
  /** Looks now: every due entry (every entry when the clock jumped) goes to `due`. */
  wake(): void;
  stop(): void;
}

export function createWakeTimer<E extends Timed>(options: {
  readonly now: () => Date;
  readonly entries: () => Iterable<E>;
  readonly due: (entry: E) => void;
  readonly logger: Logger;
  /** WAKE_MS unless a test moving its clock by hours shortens it. */
  readonly everyMs?: number;
}): WakeTimer {
  const every = options.everyMs ?? WAKE_MS;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  /** When the timer last woke (epoch ms): a wake far from it means the clock jumped. */
  let lastWake = 0;

  function arm(): void {
    clearTimeout(timer);
    if (stopped) return;
    const at = options.now().getTime();
    let next = at + every;
    for (const entry of options.entries()) next = Math.min(next, entry.dueAt);
    timer = setTimeout(wake, Math.max(0, next - at));
  }

  function wake(): void {
    const at = options.now();
    const jumped = at.getTime() < lastWake || at.getTime() - lastWake > 2 * every;
    lastWake = at.getTime();
    try {
      for (const entry of options.entries()) {
        if (!jumped && at.getTime() < entry.dueAt) continue;
        options.due(entry);
        entry.dueAt = entry.clock.nextRun(at)?.getTime() ?? Number.POSITIVE_INFINITY;
      }
    } catch (err) {
      options.logger.error({ err }, "daily post schedule failed");
    }
    arm();
  }

  return {
    arm,
    wake,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
