// Waiting one's turn at a destination: for a send slot (shared by every destination), and
// with replicas, while another replica works on it (delivery.ts uses both).
import { sleep } from "../core/retry.ts";
import type { DeliveryContext, Target } from "./context.ts";
import { dayIsDone } from "./records.ts";

/**
 * Another replica was working on the destination: waits a while and looks at the record
 * again. true when there is nothing more to do here (posted, paused, stopped, day over).
 */
export async function otherReplicaHasIt(
  ctx: DeliveryContext,
  target: Target,
  date: string,
  dayEnd: number,
): Promise<boolean> {
  const { book } = ctx;
  const wait = Math.min(book.takenRetryMs * (0.5 + ctx.random()), dayEnd - ctx.now().getTime());
  ctx.log.debug({ destination: target.id, date, retryInMs: wait }, "another replica is posting");
  if (wait > 0) await sleep(wait, target.signal);
  if (target.signal.aborted) return true;
  // Whoever works on it last before the day ends also settles it if it cannot post.
  if (ctx.now().getTime() >= dayEnd) return true;
  await book
    .refresh(target.id)
    .catch((err: unknown) =>
      ctx.log.warn({ destination: target.id, err }, "cannot read the daily-post record"),
    );
  const record = book.get(target.id);
  return record.paused !== null || dayIsDone(record, date);
}

/**
 * `attempt` once one of the shared slots is free, unless the destination was stopped,
 * removed or paused while it waited ("done": nothing sent, nothing written).
 */
export async function inSlot<T>(
  ctx: DeliveryContext,
  target: Target,
  attempt: () => Promise<T>,
): Promise<T | "done"> {
  return ctx.slots.run(async () =>
    target.signal.aborted || ctx.book.get(target.id).paused ? "done" : attempt(),
  );
}
