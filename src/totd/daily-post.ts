// The talk-of-the-day post: once a day at TOTD_TIME in TOTD_TIMEZONE, the same card to
// every configured Slack channel and Matrix room, exactly once per destination per day.
//
// Each destination is delivered on its own: a failing one is retried with exponential
// backoff until its day ends (then given up with one error line) and never holds up the
// others. State (see state.ts) is written before and after every send, so a restart
// never posts twice and never posts a past day's talk late.
import { Cron } from "croner";
import type { ChatAdapter } from "../adapters/types.ts";
import type { Core } from "../core/answer.ts";
import type { Logger } from "../log.ts";
import { createPostClock, type PostClock } from "./clock.ts";
import type { DestinationState, TotdStore } from "./state.ts";

export type PostPlatform = "slack" | "matrix";

export interface DailyPostTarget {
  readonly platform: PostPlatform;
  /** Slack channel id or Matrix room id/alias, as configured. */
  readonly destination: string;
  readonly adapter: Pick<ChatAdapter, "postCard">;
  /**
   * true when a failed send may still have reached the platform (a timeout, a 5xx).
   * Slack then counts as possibly posted (at most once); Matrix retries with the same key.
   * Without it, a failure counts as "not posted".
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

    const interrupted = state.intent?.date === date && state.intent.inFlight;
    if (interrupted && platform === "slack") {
      // Slack has no idempotency key: re-sending could post twice, so at most once.
      log.warn(
        { destination: id, date, key },
        "an earlier run stopped while posting today's talk to Slack; not re-sending (at most once)",
      );
      save(id, {
        ...state,
        settled: date,
        intent: null,
        lastError: "interrupted send not repeated (Slack posts are at most once)",
      });
      return;
    }
    if (interrupted) {
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
      attempts++;
      const intent = { date, key, attempts, inFlight: true, at: now().toISOString() };
      let error: string;
      // The intent is on disk before the send starts, or the send does not start.
      if (save(id, { ...store.get(id), intent })) {
        try {
          await target.adapter.postCard(destination, card, key);
          options.observer?.dailyPost(platform, "sent");
          const recorded = save(id, {
            lastPosted: date,
            settled: date,
            intent: null,
            lastError: null,
          });
          log.info(
            { destination: id, date, talk: card.id, attempts, recorded },
            "posted talk of the day",
          );
          return;
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
          options.observer?.dailyPost(platform, "failed");
          const unknown = target.outcomeUnknown?.(err) === true;
          if (stopped && (unknown || !target.outcomeUnknown)) {
            // Cut off by the shutdown: the intent stays in flight for the next start to settle.
            log.warn({ destination: id, date, error }, "daily post interrupted by shutdown");
            return;
          }
          if (unknown && platform === "slack") {
            log.warn(
              { destination: id, date, key, error },
              "the Slack post may have gone out despite the error; not re-sending (at most once)",
            );
            save(id, { ...store.get(id), settled: date, intent: null, lastError: error });
            return;
          }
          // Nothing was posted (or, on Matrix, a repeat with the same key is dropped): retry.
          save(id, { ...store.get(id), intent: { ...intent, inFlight: false }, lastError: error });
        }
      } else {
        error = "cannot record the intent to post (state file not writable)";
        options.observer?.dailyPost(platform, "failed");
      }

      const wait = Math.max(0, Math.min(delay, dayEnd - now().getTime()));
      log.warn({ destination: id, date, attempts, error, retryInMs: wait }, "daily post failed");
      if (wait > 0) await sleep(wait, aborted.signal);
      if (stopped) return; // the intent (not in flight) lets the next start retry today
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
  function assumeInterrupted(today: string): void {
    for (const { platform, destination } of targets) {
      const id = destinationId(platform, destination);
      const key = idempotencyKey(today, platform, destination);
      const intent = { date: today, key, attempts: 0, inFlight: true, at: now().toISOString() };
      save(id, { ...store.get(id), intent });
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
      if (store.recovered && clock.passedToday(at)) assumeInterrupted(today);
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
