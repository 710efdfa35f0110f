// Settling what a send left open: a send that may have arrived (looked for where the port
// can find its posts), a refused destination (paused until the bot is invited back), past
// days that never finished (given up), and a lost state file (today's posts treated as
// possibly sent, exactly like a crash mid-send).
import { DeliveryError, type PostCapabilities, type PostLookup } from "../core/post-port.ts";
import { type DeliveryContext, errorText, save, type Target } from "./context.ts";
import { type Intent, idempotencyKey, postedOn } from "./records.ts";
import { inTurn } from "./shared-records.ts";

/**
 * Whether a send whose outcome is unknown is looked for before it is sent again: wherever
 * the platform can look (its dedupe of a repeated key is only the last safety net, issue
 * #22), and where a repeat would double (lookUp then settles it at most once).
 */
export const looksFirst = (caps: PostCapabilities): boolean =>
  caps.canFindPost || !caps.resendsSafely;

/**
 * A send for `date` made at `sentAt` may have reached the platform: look for it before
 * sending again. "done" when it was found (recorded as posted) or cannot be looked for
 * (settled: at most once); "absent" when sending is safe (or cannot be looked for where a
 * repeat with the same key is dropped: the last safety net); else why the look failed, to
 * retry like a failed send.
 */
export async function lookUp(
  ctx: DeliveryContext,
  target: Target,
  date: string,
  key: string,
  sentAt: string,
): Promise<"done" | "absent" | { error: string; retryAfterMs: number | null }> {
  const { id, dest, clock, port } = target;
  const { log, now } = ctx;
  const since = Number.isNaN(Date.parse(sentAt))
    ? (clock.postTimeToday(now()) ?? now()) // unreadable: from the day's post time on
    : new Date(sentAt);
  let seen: PostLookup;
  try {
    seen =
      port.capabilities.canFindPost && port.findPost
        ? await port.findPost(dest.destination, key, since)
        : { kind: "unavailable", reason: "this platform cannot look for earlier posts" };
  } catch (err) {
    ctx.observer?.dailyPost(dest.platform, "failed");
    if (err instanceof DeliveryError && err.failure.kind === "refused") {
      await pause(ctx, target, date, errorText(err), null);
      return "done";
    }
    const retryAfterMs = err instanceof DeliveryError ? err.retryAfterMs : null;
    return {
      error: `cannot check whether an earlier send arrived: ${errorText(err)}`,
      retryAfterMs,
    };
  }
  switch (seen.kind) {
    case "found": {
      const recorded = await save(ctx, id, postedOn(ctx.book.get(id), date));
      // With replicas a record not written (the claim lapsed meanwhile) is written by
      // nobody unless this delivery goes on: the next turn reads it fresh, looks, records.
      if (!recorded && ctx.book.shared)
        return { error: "found an earlier send but could not record it", retryAfterMs: null };
      ctx.observer?.dailyPost(dest.platform, "sent");
      log.info(
        { destination: id, date, key, recorded },
        "an earlier send of today's talk had arrived; recorded it without sending again",
      );
      return "done";
    }
    case "unavailable":
      if (port.capabilities.resendsSafely) {
        // The platform drops a repeat with the same key: the last safety net beats no post.
        log.warn(
          { destination: id, date, key, reason: seen.reason },
          "cannot check whether an earlier send of today's talk arrived; re-sending it with the same idempotency key",
        );
        return "absent";
      }
      log.warn(
        { destination: id, date, key, reason: seen.reason },
        "cannot check whether an earlier send of today's talk arrived; not re-sending (at most once)",
      );
      await save(ctx, id, {
        ...ctx.book.get(id),
        settled: date,
        intent: null,
        lastError: `interrupted send not repeated: cannot check the channel (${seen.reason})`,
      });
      return "done";
    case "absent":
      log.info(
        { destination: id, date, key },
        "an earlier send of today's talk did not arrive; sending it",
      );
      return "absent";
  }
}

/**
 * The platform refused (the bot was removed, the room is gone): no more tries until the
 * bot is invited back (resume). One log line; /healthz shows the destination paused.
 */
export async function pause(
  ctx: DeliveryContext,
  target: Target,
  date: string,
  reason: string,
  intent: Intent | null,
): Promise<void> {
  const since = ctx.now().toISOString();
  await save(ctx, target.id, {
    ...ctx.book.get(target.id),
    intent,
    lastError: reason,
    paused: { since, reason },
  });
  ctx.log.warn(
    { destination: target.id, date, reason },
    "talk of the day paused for this destination: the bot cannot post there; it resumes when the bot is invited back",
  );
}

/** Days before today that never finished are over: one error line each, then settled. */
export async function settlePastDays(ctx: DeliveryContext, target: Target): Promise<void> {
  const { id, clock } = target;
  const today = clock.dateOf(ctx.now());
  const record = ctx.book.get(id);
  const intent = record.intent;
  if (!intent || intent.date >= today) return;
  if (record.settled !== intent.date && record.lastPosted !== intent.date && !record.paused) {
    ctx.log.error(
      { destination: id, date: intent.date, attempts: intent.attempts, error: record.lastError },
      intent.inFlight
        ? "gave up on a past day's talk of the day: a send was interrupted and may not have arrived"
        : "gave up on a past day's talk of the day: the bot stopped before it could be posted",
    );
  }
  const settled = record.settled && record.settled > intent.date ? record.settled : intent.date;
  await save(ctx, id, { ...record, settled, intent: null });
}

/**
 * A lost state file: a post due today may have gone out already; treat it like a crash
 * mid-send. A send can have been made from today's post time on: a look starts there.
 */
export async function assumeInterrupted(ctx: DeliveryContext, target: Target): Promise<void> {
  const { id, dest, clock } = target;
  const at = ctx.now();
  const postTime = clock.postTimeToday(at);
  if (!postTime) return; // before today's time: nothing can have been posted today
  const date = clock.dateOf(at);
  const key = idempotencyKey(date, dest.platform, dest.destination);
  const intent = { date, key, attempts: 0, inFlight: true, at: postTime.toISOString() };
  await save(ctx, id, { ...ctx.book.get(id), intent });
}

/** The bot is back where posts were refused: posts may go there again. */
export async function unpause(ctx: DeliveryContext, target: Target): Promise<void> {
  await save(ctx, target.id, { ...ctx.book.get(target.id), paused: null, lastError: null });
  ctx.log.info({ destination: target.id }, "talk of the day resumed for this destination");
}

/**
 * At start: past days that never finished are settled, and after a lost namespace today's
 * posts are treated as possibly sent. With replicas, only where there is something to
 * settle, under the destination's claim (a replica working on it now settles it itself).
 */
export async function settleAtStart(ctx: DeliveryContext, target: Target): Promise<void> {
  const { book } = ctx;
  const settle = async () => {
    await settlePastDays(ctx, target);
    if (book.recovered) await assumeInterrupted(ctx, target);
  };
  if (!book.shared) return settle();
  const intent = book.get(target.id).intent;
  if (!book.recovered && !(intent && intent.date < target.clock.dateOf(ctx.now()))) return;
  await book
    .exclusive(target.id, settle)
    .catch((err: unknown) => ctx.log.error({ destination: target.id, err }, "cannot settle"));
}

/**
 * The bot is back (invited, or asked from the room): unpauses where the record as stored
 * says paused, under the claim with replicas. Whether it was paused.
 */
export async function resumeIfPaused(ctx: DeliveryContext, target: Target): Promise<boolean> {
  const { book } = ctx;
  await book.refresh(target.id);
  if (!book.get(target.id).paused) return false;
  await inTurn(book, target.id, ctx.now, async () => {
    if (book.get(target.id).paused) await unpause(ctx, target);
  });
  return true;
}

/** The bot was removed: pauses the destination unless it is already (under the claim). */
export async function pauseUnlessPaused(
  ctx: DeliveryContext,
  target: Target,
  reason: string,
): Promise<void> {
  await inTurn(ctx.book, target.id, ctx.now, async () => {
    const record = ctx.book.get(target.id);
    if (record.paused) return;
    await pause(ctx, target, target.clock.dateOf(ctx.now()), reason, record.intent);
  });
}
