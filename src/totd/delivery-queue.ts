// The deliveries under way, at most one per destination: a new day's (or a rescheduled
// target's) waits for the one before it to end, so two sends to one place never overlap.
import type { Logger } from "../log.ts";
import type { DeliveryContext, Target } from "./context.ts";
import { deliver } from "./delivery.ts";
import { dayIsDone } from "./records.ts";

export interface DeliveryQueue {
  /** Delivers `date`'s post to `target` after any delivery already there (none if due nothing). */
  launch(context: DeliveryContext, target: Target, date: string): void;
  /** Resolves once no delivery is running or waiting. */
  drained(): Promise<void>;
}

export function createDeliveryQueue(log: Logger): DeliveryQueue {
  const running = new Map<string, { date: string; target: Target; done: Promise<void> }>();
  return {
    launch(context, target, date) {
      const { id } = target;
      const previous = running.get(id);
      // A destination rescheduled mid-delivery gets a new target: it runs after the old one.
      if (previous?.date === date && previous.target === target) return;
      // Nothing to do (the common case when a restart wakes every destination): no promise.
      const record = context.book.get(id);
      if (!previous && (record.paused || dayIsDone(record, date))) return;
      const done = (previous?.done ?? Promise.resolve())
        .then(() => deliver(context, target, date))
        .catch((err: unknown) => log.error({ destination: id, date, err }, "daily post crashed"))
        .finally(() => {
          if (running.get(id)?.done === done) running.delete(id);
        });
      running.set(id, { date, target, done });
    },
    async drained() {
      while (running.size > 0) await Promise.allSettled([...running.values()].map((r) => r.done));
    },
  };
}
