// The start-up line "daily post scheduled": how many destinations, and when the first
// post goes out and to how many. One short line whatever the number of subscriptions
// (listing ten thousand destinations made it a megabyte); the full list, one entry per
// destination, only at debug level.
import type { Logger } from "../log.ts";
import type { PostTime } from "./post-times.ts";

interface Member {
  readonly target: {
    readonly id: string;
    readonly dest: { readonly time: string; readonly timeZone: string };
  };
}

export function logSchedule(
  log: Logger,
  groups: Iterable<PostTime<Member>>,
  destinations: number,
  at: Date,
): void {
  const planned = [...groups].map((group) => ({ group, next: group.clock.nextRun(at) }));
  let first: (typeof planned)[number] | undefined;
  for (const p of planned) {
    if (p.group.members.size > 0 && p.next && (!first?.next || p.next < first.next)) first = p;
  }
  log.info(
    {
      destinations,
      // The earliest post time to come (ISO), and how many destinations it is for.
      nextRun: first?.next?.toISOString() ?? null,
      nextRunDestinations: first?.group.members.size ?? 0,
    },
    "daily post scheduled",
  );
  if (!log.isLevelEnabled("debug")) return;
  log.debug(
    {
      destinations: planned.flatMap(({ group, next }) =>
        [...group.members].map(({ target: { id, dest } }) => ({
          destination: id,
          postTime: dest.time, // not "time": that is pino's timestamp field
          timeZone: dest.timeZone,
          nextRun: next?.toISOString() ?? null,
        })),
      ),
    },
    "daily post schedule, every destination",
  );
}
