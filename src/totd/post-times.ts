// The destinations of the daily post grouped by post time: every destination with the
// same local time and zone shares one clock and one place on the wake timer. Ten thousand
// rooms that subscribed at "00:00 UTC" are one group: one clock question per wake, one
// timer entry (see wake-timer.ts), however many rooms it holds.
import { createPostClock, cronPattern, type PostClock } from "./clock.ts";
import type { Timed } from "./wake-timer.ts";

export interface PostTime<M> extends Timed {
  readonly clock: PostClock;
  /** The next post time (epoch ms); 0 until the timer first looks. */
  dueAt: number;
  readonly members: Set<M>;
}

interface PostTimes<M> {
  /** The group of a time and zone, made on first use (its clock is shared by its members). */
  at(time: string, timeZone: string): PostTime<M>;
  /** Takes a member out; a group left empty is forgotten. */
  leave(group: PostTime<M>, member: M): void;
  /** Forgets groups made (by `at`) that no member joined. */
  prune(): void;
  groups(): Iterable<PostTime<M>>;
}

export function createPostTimes<M>(): PostTimes<M> {
  const byKey = new Map<string, PostTime<M>>();
  // The pattern, not the time as written: "09:00" and "09:00:00" are one post time.
  const keyOf = (clock: PostClock) => `${clock.pattern}\u0000${clock.timeZone}`;
  return {
    at(time, timeZone) {
      const key = `${cronPattern(time)}\u0000${timeZone}`;
      const known = byKey.get(key);
      if (known) return known;
      const group = { clock: createPostClock(time, timeZone), dueAt: 0, members: new Set<M>() };
      byKey.set(key, group);
      return group;
    },
    leave(group, member) {
      group.members.delete(member);
      if (group.members.size === 0 && byKey.get(keyOf(group.clock)) === group)
        byKey.delete(keyOf(group.clock));
    },
    prune() {
      for (const [key, group] of byKey) if (group.members.size === 0) byKey.delete(key);
    },
    groups: () => byKey.values(),
  };
}
