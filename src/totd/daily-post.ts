// The talk-of-the-day post: once a day at TOTD_TIME in TOTD_TIMEZONE, the same card to
// every configured Slack channel and Matrix room, exactly once per destination per day.
//
// Each destination is delivered on its own: a failing one is retried with exponential
// backoff until its day ends (then given up with one error line) and never holds up the
// others. State (see state.ts) is written before and after every send, so a restart
// never posts twice and never posts a past day's talk late. A send whose outcome is
// unknown (a crash mid-send, a timeout) is repeated with the same key on Matrix, whose
// homeserver drops the repeat; on Slack, which cannot, the channel is looked at first.
import { Cron } from "croner";
import type { ChatAdapter, PostLookup } from "../adapters/types.ts";
import type { Core } from "../core/answer.ts";
import type { TalkCard } from "../core/card.ts";
import type { Logger } from "../log.ts";
import { createPostClock, type PostClock } from "./clock.ts";
import type { DestinationState, TotdStore } from "./state.ts";

export type PostPlatform = "slack" | "matrix";

export interface DailyPostTarget {
  readonly platform: PostPlatform;
  /** Slack channel id or Matrix room id/alias, as configured. */
  readonly destination: string;
  /**
   * findPost settles a Slack send whose outcome is unknown: without it (or when the
   * platform will not say), such a send is not repeated (at most once).
   */
  readonly adapter: Pick<ChatAdapter, "postCard" | "findPost">;
  /**
   * true when a failed send may still have reached the platform (a timeout, a 5xx).
   * Slack then looks in the channel (findPost) before the next try; Matrix retries with
   * the same key. Without it, a failure counts as "not posted".
   */
  readonly outcomeUnknown?: (error: unknown) => boolean;
}

export interface DailyPostObserver {
  /** One call per attempt: "sent" once a day per destination, "failed" per failed try. */
  dailyPost(platform: PostPlatform, result: "sent" | "failed"): void;
}

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = Object.freeze({ initialMs: 30_000, maxMs: 15 * 60_000 });

export interface DailyPostOptions {
  readonly time: string;
  readonly timeZone: string;
  readonly targets: readonly DailyPostTarget[];
  readonly core: Pick<Core, "today">;
  readonly store: TotdStore;
  readonly logger: Logger;
  readonly observer?: DailyPostObserver;
  readonly backoff?: Backoff;
  readonly now?: () => Date;
}

export interface DestinationStatus {
  readonly lastPosted: string | null;
  readonly lastError?: string;
}

export interface DailyPost {
  /** Settles past days, schedules the daily run and catches up on today if it is due. */
  start(): void;
  /** No new attempts; waits for sends in flight so their outcome is recorded. */
  stop(): Promise<void>;
  /** Keyed by destination id ("slack:C123"). */
  status(): Record<string, DestinationStatus>;
  /** Resolves once no delivery is running or waiting (for tests and shutdown). */
  idle(): Promise<void>;
}

export const destinationId = (platform: PostPlatform, destination: string) =>
  `${platform}:${destination}`;

export const idempotencyKey = (date: string, platform: PostPlatform, destination: string) =>
  `totd:${date}:${platform}:${destination}`;

export function createDailyPost(options: DailyPostOptions): DailyPost {
  const { targets, store, core } = options;
  const log = options.logger.child({ component: "totd" });
  const now = options.now ?? (() => new Date());
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const clock: PostClock = createPostClock(options.time, options.timeZone);
  const aborted = new AbortController();
  /** At most one delivery per destination; a new day's waits for the old day's to end. */
  const running = new Map<string, { date: string; done: Promise<void> }>();
  let job: Cron | null = null;
  let stopped = false;

  /** Writes state; false (and logged) when the disk refuses. */
  function save(id: string, state: DestinationState): boolean {
    try {
      store.set(id, state);
      return true;
    } catch (err) {
      log.error({ destination: id, file: store.file, err }, "cannot write the daily-post state");
      return false;
    }
  }

  function tick(): void {
    if (stopped) return;
    const at = now();
    // A timer that fires late (suspend, clock change) must not post before the day's time.
    if (!clock.passedToday(at)) return;
    const date = clock.dateOf(at);
    for (const target of targets) launch(target, date);
  }

  function launch(target: DailyPostTarget, date: string): void {
    const id = destinationId(target.platform, target.destination);
    const previous = running.get(id);
    if (previous?.date === date) return;
    const done = (previous?.done ?? Promise.resolve())
      .then(() => deliver(target, date))
      .catch((err: unknown) => log.error({ destination: id, date, err }, "daily post crashed"))
      .finally(() => {
        if (running.get(id)?.done === done) running.delete(id);
      });
    running.set(id, { date, done });
  }

  async function deliver(target: DailyPostTarget, date: string): Promise<void> {
    if (stopped) return;
    const { platform, destination } = target;
    const id = destinationId(platform, destination);
    const key = idempotencyKey(date, platform, destination);
    const state = store.get(id);
    if (state.settled === date || state.lastPosted === date) return;

    // When a send for today whose outcome is unknown was made (the process died or stopped
    // mid-send, the state file was lost, the platform timed out), else null.
    let unsure = state.intent?.date === date && state.intent.inFlight ? state.intent.at : null;
    if (unsure && resendsSafely(target)) {
      log.info(
        { destination: id, date, key },
        "re-sending an interrupted post with the same idempotency key; the homeserver drops a duplicate",
      );
    }

    const card = core.today(date).card;
    // Retries stop where the day ends in the TOTD zone: never post a past day's talk.
    const dayEnd = clock.endOfDay(now()).getTime();
    let attempts = state.intent?.date === date ? state.intent.attempts : 0;
    let delay = backoff.initialMs;
    for (;;) {
      let error: string;
      // Slack cannot drop a repeated post: look in the channel before sending again.
      const look =
        unsure && !resendsSafely(target) ? await lookUp(target, date, key, unsure) : "absent";
      if (look === "done") return;
      if (look !== "absent") error = look.error;
      else {
        attempts++;
        const sent = await sendOnce(target, date, card, attempts);
        if (sent === "done") return;
        error = sent.error;
        unsure = sent.mayHaveArrived;
      }

      const wait = Math.max(0, Math.min(delay, dayEnd - now().getTime()));
      log.warn(
        {
          destination: id,
          date,
          attempts,
          error,
          retryInMs: wait,
          ...(unsure ? { mayHaveArrived: true } : {}),
        },
        "daily post failed",
      );
      if (wait > 0) await sleep(wait, aborted.signal);
      if (stopped) return; // the intent lets the next start retry (or look for) today's post
      if (now().getTime() >= dayEnd) {
        log.error(
          { destination: id, date, attempts, error },
          "gave up on the talk of the day for this destination: the day ended",
        );
        save(id, { ...store.get(id), settled: date, intent: null, lastError: error });
        return;
      }
      delay = Math.min(delay * 2, backoff.maxMs);
    }
  }

  /**
   * One send, its intent on disk first: "done" once posted and recorded (or cut off by the
   * shutdown, left in flight for the next start), else why it failed and, when it may
   * still have reached Slack, when it was made (the next try looks from there).
   */
  async function sendOnce(
    target: DailyPostTarget,
    date: string,
    card: TalkCard,
    attempts: number,
  ): Promise<"done" | { error: string; mayHaveArrived: string | null }> {
    const { platform, destination } = target;
    const id = destinationId(platform, destination);
    const key = idempotencyKey(date, platform, destination);
    const intent = { date, key, attempts, inFlight: true, at: now().toISOString() };
    // The intent is on disk before the send starts, or the send does not start.
    if (!save(id, { ...store.get(id), intent })) {
      options.observer?.dailyPost(platform, "failed");
      return {
        error: "cannot record the intent to post (state file not writable)",
        mayHaveArrived: null,
      };
    }
    try {
      await target.adapter.postCard(destination, card, key);
    } catch (err) {
      const error = errorText(err);
      options.observer?.dailyPost(platform, "failed");
      const unknown = target.outcomeUnknown?.(err) === true;
      if (stopped && (unknown || !target.outcomeUnknown)) {
        // Cut off by the shutdown: the intent stays in flight for the next start to settle.
        log.warn({ destination: id, date, error }, "daily post interrupted by shutdown");
        return "done";
      }
      if (unknown && !resendsSafely(target)) {
        // It may have arrived: the intent stays in flight, and the next try looks first.
        save(id, { ...store.get(id), intent, lastError: error });
        return { error, mayHaveArrived: intent.at };
      }
      // Nothing was posted (or, on Matrix, a repeat with the same key is dropped).
      save(id, { ...store.get(id), intent: { ...intent, inFlight: false }, lastError: error });
      return { error, mayHaveArrived: null };
    }
    options.observer?.dailyPost(platform, "sent");
    const recorded = save(id, postedOn(date));
    log.info(
      { destination: id, date, talk: card.id, attempts, recorded },
      "posted talk of the day",
    );
    return "done";
  }

  /**
   * A send for `date` made at `sentAt` may have reached the platform: look for it before
   * sending again. "done" when it was found (recorded as posted) or cannot be looked for
   * (settled: at most once); "absent" when sending is safe; else why the look failed, to
   * retry like a failed send.
   */
  async function lookUp(
    target: DailyPostTarget,
    date: string,
    key: string,
    sentAt: string,
  ): Promise<"done" | "absent" | { error: string }> {
    const { platform, destination } = target;
    const id = destinationId(platform, destination);
    const since = Number.isNaN(Date.parse(sentAt))
      ? (clock.postTimeToday(now()) ?? now()) // unreadable: from the day's post time on
      : new Date(sentAt);
    let seen: PostLookup;
    try {
      seen = target.adapter.findPost
        ? await target.adapter.findPost(destination, key, since)
        : { kind: "unavailable", reason: "this adapter cannot look for earlier posts" };
    } catch (err) {
      options.observer?.dailyPost(platform, "failed");
      return { error: `cannot check whether an earlier send arrived: ${errorText(err)}` };
    }
    switch (seen.kind) {
      case "found": {
        options.observer?.dailyPost(platform, "sent");
        const recorded = save(id, postedOn(date));
        log.info(
          { destination: id, date, key, recorded },
          "an earlier send of today's talk had arrived; recorded it without sending again",
        );
        return "done";
      }
      case "unavailable":
        log.warn(
          { destination: id, date, key, reason: seen.reason },
          "cannot check whether an earlier send of today's talk arrived; not re-sending (at most once)",
        );
        save(id, {
          ...store.get(id),
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

  /** Days before today that never finished are over: one error line each, then settled. */
  function settlePastDays(today: string): void {
    for (const { platform, destination } of targets) {
      const id = destinationId(platform, destination);
      const state = store.get(id);
      const intent = state.intent;
      if (!intent || intent.date >= today) continue;
      if (state.settled !== intent.date && state.lastPosted !== intent.date) {
        log.error(
          { destination: id, date: intent.date, attempts: intent.attempts, error: state.lastError },
          intent.inFlight
            ? "gave up on a past day's talk of the day: a send was interrupted and may not have arrived"
            : "gave up on a past day's talk of the day: the bot stopped before it could be posted",
        );
      }
      const settled = state.settled && state.settled > intent.date ? state.settled : intent.date;
      save(id, { ...state, settled, intent: null });
    }
  }

  /** A lost state file: any post due today may have gone out already; treat it like a crash mid-send. */
  function assumeInterrupted(today: string, postTime: Date): void {
    // A send can have been made from today's post time on: a look in the channel starts there.
    const at = postTime.toISOString();
    for (const { platform, destination } of targets) {
      const id = destinationId(platform, destination);
      const key = idempotencyKey(today, platform, destination);
      save(id, { ...store.get(id), intent: { date: today, key, attempts: 0, inFlight: true, at } });
    }
  }

  async function idle(): Promise<void> {
    while (running.size > 0) await Promise.allSettled([...running.values()].map((r) => r.done));
  }

  return {
    start() {
      if (job || stopped) return;
      const at = now();
      const today = clock.dateOf(at);
      settlePastDays(today);
      const postTime = clock.postTimeToday(at);
      if (store.recovered && postTime) assumeInterrupted(today, postTime);
      job = new Cron(
        clock.pattern,
        {
          timezone: clock.timeZone,
          catch: (err: unknown) => log.error({ err }, "daily post schedule failed"),
        },
        tick,
      );
      log.info(
        {
          postTime: options.time, // not "time": that is pino's timestamp field
          timeZone: clock.timeZone,
          destinations: targets.map((t) => destinationId(t.platform, t.destination)),
          nextRun: job.nextRun()?.toISOString() ?? null,
        },
        "daily post scheduled",
      );
      tick(); // catch up: today's time has passed and the post is not out yet
    },
    async stop() {
      stopped = true;
      job?.stop();
      aborted.abort();
      await idle();
    },
    status() {
      const out: Record<string, DestinationStatus> = {};
      for (const { platform, destination } of targets) {
        const id = destinationId(platform, destination);
        const { lastPosted, lastError } = store.get(id);
        out[id] = lastError ? { lastPosted, lastError } : { lastPosted };
      }
      return out;
    },
    idle,
  };
}

/** Platforms that drop a repeated post with the same idempotency key (Matrix transaction ids). */
const resendsSafely = (target: DailyPostTarget): boolean => target.platform === "matrix";

const postedOn = (date: string): DestinationState => ({
  lastPosted: date,
  settled: date,
  intent: null,
  lastError: null,
});

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** setTimeout that an abort ends early (resolving, not rejecting). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
