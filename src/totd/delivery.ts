// Delivering one day's talk to one destination, exactly once: the intent is durable before
// every send, a failure is retried with backoff until the destination's day ends (then
// given up with one error line), and a send whose outcome is unknown is settled the way
// the port's capabilities allow (a look where it can find its posts, else a repeat with
// the same key where the platform drops duplicates, else not repeated: at most once).
// Refused sends pause the destination (settlement.ts) instead of retrying all day.
import { DeliveryError } from "../core/post-port.ts";
import { backoffDelay, sleep } from "../core/retry.ts";
import {
  type DeliveryContext,
  errorText,
  type MorningPost,
  type StillWanted,
  save,
  type Target,
} from "./context.ts";
import { classify, type Failed } from "./delivery-failure.ts";
import { dayIsDone, idempotencyKey, postedOn, TAKEN } from "./records.ts";
import { SETTLING, settleWait } from "./send-settle.ts";
import { looksFirst, lookUp, pause } from "./settlement.ts";
import { inSlot, otherReplicaHasIt } from "./turns.ts";

export async function deliver(ctx: DeliveryContext, target: Target, date: string): Promise<void> {
  if (target.signal.aborted) return;
  const { id, dest, clock, port } = target;
  const { log, now } = ctx;
  const key = idempotencyKey(date, dest.platform, dest.destination);
  // With replicas a record this process saw done stays done; anything else is read again
  // under the claim before a try.
  const record = ctx.book.get(id);
  if (record.paused || dayIsDone(record, date)) return;

  // The instant of a send for today whose outcome is unknown (the process died or stopped
  // mid-send, the state file was lost, the platform timed out), else null.
  let unsure = record.intent?.date === date && record.intent.inFlight ? record.intent.at : null;
  const noteResend = () =>
    unsure &&
    !looksFirst(port.capabilities) &&
    log.info(
      { destination: id, date, key },
      "re-sending an interrupted post with the same idempotency key; the platform drops a duplicate",
    );
  // With replicas, said by the one that re-sends (under the claim, below).
  if (!ctx.book.shared) noteResend();

  const post = ctx.post(target, date);
  const { book } = ctx;
  // Retries stop where the day ends in the destination's zone: never post a past day's talk.
  const dayEnd = clock.endOfDay(now()).getTime();
  let attempts = record.intent?.date === date ? record.intent.attempts : 0;

  /** One try: a look where an earlier send may have arrived, else a send. */
  const tryOnce = async (
    run: <T>(attempt: () => Promise<T>) => Promise<T | "done">,
  ): Promise<"done" | Failed> => {
    if (book.shared) {
      // Under the claim, on the record as stored now: another replica may have posted,
      // paused it, or left a send in flight since this one last looked.
      const fresh = book.get(id);
      if (fresh.paused || dayIsDone(fresh, date)) return "done";
      const intent = fresh.intent?.date === date ? fresh.intent : null;
      unsure = intent?.inFlight ? intent.at : null;
      attempts = intent?.attempts ?? 0;
      // The schedule here may be stale (unsubscribed or moved through another replica):
      // the subscription as stored now decides, nothing sent or recorded when it says no.
      let still: StillWanted;
      try {
        still = await ctx.stillWanted(dest);
      } catch (err) {
        const error = `cannot read the subscription: ${errorText(err)}`;
        return { error, retryAfterMs: null, mayHaveArrived: unsure };
      }
      if (still !== "send") {
        log.info(
          { destination: id, date, subscription: still },
          still === "gone"
            ? "daily post not sent: the destination unsubscribed (through another replica)"
            : "daily post not sent here: its time changed (through another replica); rescheduled",
        );
        return "done";
      }
      noteResend();
      const wait =
        intent?.inFlight && looksFirst(port.capabilities)
          ? settleWait(ctx.sendSettle, log, id, intent)
          : 0;
      if (wait > 0)
        return { error: SETTLING, retryAfterMs: wait, mayHaveArrived: unsure, waiting: true };
    }
    // Look before sending again (settlement.ts looksFirst).
    const since = unsure;
    const look =
      since && looksFirst(port.capabilities)
        ? await run(() => lookUp(ctx, target, date, key, since))
        : "absent";
    if (look === "done") return "done";
    if (look !== "absent") return { ...look, mayHaveArrived: unsure };
    attempts++;
    const n = attempts;
    const sent = await run(() => sendOnce(ctx, target, date, post, n));
    if (sent === "done") return "done";
    unsure = sent.mayHaveArrived;
    return sent;
  };

  for (let failures = 0; ; failures++) {
    let failed: Failed;
    if (!book.shared) {
      const tried = await tryOnce((attempt) => inSlot(ctx, target, attempt));
      if (tried === "done") return;
      failed = tried;
    } else if (!ctx.mayPost(dest.platform)) {
      // Another replica posts there (the Matrix syncer): look again in a while.
      if (await otherReplicaHasIt(ctx, target, date, dayEnd)) return;
      failures--;
      continue;
    } else {
      // One slot for the claim's whole turn: a claim must not lapse waiting for a slot.
      const tried = await inSlot(ctx, target, () =>
        book.exclusive(id, () => tryOnce(async (attempt) => attempt())),
      ).catch(
        (err: unknown): Failed => ({
          error: `cannot claim the destination: ${errorText(err)}`,
          retryAfterMs: null,
          mayHaveArrived: null,
        }),
      );
      if (tried === "done") return;
      if (tried === TAKEN) {
        if (await otherReplicaHasIt(ctx, target, date, dayEnd)) return;
        failures--; // not a failure: another replica was working on it
        continue;
      }
      failed = tried;
      if (failed.waiting) failures--; // not a failure: said once by settleWait
    }

    const wanted = failed.retryAfterMs ?? backoffDelay(failures, ctx.backoff, ctx.random);
    const wait = Math.max(0, Math.min(wanted, dayEnd - now().getTime()));
    if (!failed.waiting)
      log.warn(
        {
          destination: id,
          date,
          attempts,
          error: failed.error,
          retryInMs: wait,
          ...(unsure ? { mayHaveArrived: true } : {}),
        },
        "daily post failed",
      );
    if (wait > 0) await sleep(wait, target.signal);
    if (target.signal.aborted) return; // the intent lets the next start retry (or look)
    if (ctx.book.get(id).paused) return; // the bot was removed meanwhile
    if (now().getTime() >= dayEnd) {
      await book
        .exclusive(id, async () => {
          const latest = ctx.book.get(id);
          if (book.shared && (latest.paused || dayIsDone(latest, date))) return;
          log.error(
            { destination: id, date, attempts, error: failed.error },
            "gave up on the talk of the day for this destination: the day ended",
          );
          await save(ctx, id, { ...latest, settled: date, intent: null, lastError: failed.error });
        })
        .catch((err: unknown) =>
          log.error({ destination: id, date, err }, "cannot claim the destination to give up"),
        );
      return;
    }
  }
}

/**
 * One send, its intent durable first: "done" once posted and recorded (or paused, or cut
 * off by the shutdown and left in flight for the next start), else why it failed.
 */
async function sendOnce(
  ctx: DeliveryContext,
  target: Target,
  date: string,
  post: MorningPost,
  attempts: number,
): Promise<"done" | Failed> {
  const { id, dest, port } = target;
  const key = idempotencyKey(date, dest.platform, dest.destination);
  const intent = { date, key, attempts, inFlight: true, at: ctx.now().toISOString() };
  // The intent is durable before the send starts, or the send does not start.
  if (!(await save(ctx, id, { ...ctx.book.get(id), intent }))) {
    ctx.observer?.dailyPost(dest.platform, "failed");
    const error = "cannot record the intent to post (state not writable)";
    return { error, retryAfterMs: null, mayHaveArrived: null };
  }
  if (!ctx.book.mayStillSend(id)) {
    // A replica paused or slowed past its claim: another may be taking it over. The intent
    // stays in flight, so whoever goes next looks (or re-sends with the same key) first.
    ctx.log.warn({ destination: id, date }, "daily post not sent: the claim is running out");
    return { error: "the claim ran out before the send", retryAfterMs: 0, mayHaveArrived: null };
  }
  try {
    // daily-post.ts chooses "watched" only where the port has postWatchAlert.
    if (post.kind === "card") await port.postCard(dest.destination, post.card, key);
    else if (port.postWatchAlert) await port.postWatchAlert(dest.destination, post.message, key);
    else throw new DeliveryError({ kind: "refused", detail: "this platform cannot post a list" });
  } catch (err) {
    const error = errorText(err);
    const { failure, retryAfterMs } = classify(err);
    ctx.observer?.dailyPost(dest.platform, "failed");
    if (failure === "refused") {
      await pause(ctx, target, date, error, { ...intent, inFlight: false });
      return "done";
    }
    if (failure === "unknown" && target.signal.aborted) {
      // Cut off by the shutdown: the intent stays in flight for the next start to settle.
      ctx.log.warn({ destination: id, date, error }, "daily post interrupted by shutdown");
      return "done";
    }
    if (failure === "unknown" && looksFirst(port.capabilities)) {
      // It may have arrived: the intent stays in flight, and the next try looks first.
      await save(ctx, id, { ...ctx.book.get(id), intent, lastError: error });
      return { error, retryAfterMs, mayHaveArrived: intent.at };
    }
    // Nothing was posted (or a repeat with the same key is dropped by the platform).
    const notInFlight = { ...intent, inFlight: false };
    await save(ctx, id, { ...ctx.book.get(id), intent: notInFlight, lastError: error });
    return { error, retryAfterMs, mayHaveArrived: null };
  }
  ctx.observer?.dailyPost(dest.platform, "sent");
  const recorded = await save(ctx, id, postedOn(ctx.book.get(id), date));
  // With replicas a record not written (the claim lapsed meanwhile) is written by nobody
  // unless this delivery goes on: the intent is in flight, so the next turn looks first.
  if (!recorded && ctx.book.shared) {
    const error = "posted, but could not record it";
    ctx.log.warn({ destination: id, date, attempts }, "daily post sent; recording it failed");
    return { error, retryAfterMs: null, mayHaveArrived: intent.at };
  }
  ctx.log.info(
    {
      destination: id,
      date,
      ...(post.kind === "card"
        ? { talk: post.card.id }
        : { talks: post.message.entries.map((e) => e.card.id) }),
      attempts,
      recorded,
    },
    "posted talk of the day",
  );
  return "done";
}
