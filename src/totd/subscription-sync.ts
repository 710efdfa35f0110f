// Replicas (DATABASE_URL): keeping each replica's schedule in step with the subscriptions
// in the shared store. A change made through one replica is announced to the others
// (ChangeBroadcast: PostgreSQL LISTEN/NOTIFY in the wiring), each of which re-reads the
// subscriptions and reschedules; a re-read every minute catches a message a replica missed
// (its listener was reconnecting). Neither is what keeps an unsubscribed room quiet: the
// send itself checks the stored subscription under the claim (delivery.ts, stillWanted).
import type { Logger } from "../log.ts";
import type { Subscriptions } from "./subscriptions.ts";

/** The other replicas, as the subscriptions see them. */
export interface ChangeBroadcast {
  /** Tells every other replica that the subscriptions changed. */
  announce(): Promise<void>;
  /**
   * Calls `heard` for each change another replica announces, and when messages may have
   * been missed (a reconnect); resolves once listening.
   */
  listen(heard: (why: string) => void): Promise<void>;
  close(): Promise<void>;
}

/** How often every replica re-reads the subscriptions whatever it heard. */
export const REREAD_EVERY_MS = 60_000;

export interface SubscriptionSync {
  /** A change was made here: tell the others (never throws; a failure is logged). */
  changed(): void;
  /** Re-reads now (or right after the re-read under way); resolves when done. */
  reread(why: string): Promise<void>;
  stop(): Promise<void>;
}

interface SyncOptions {
  readonly subscriptions: () => Promise<Subscriptions>;
  readonly broadcast?: ChangeBroadcast;
  readonly everyMs?: number;
  readonly logger: Logger;
}

export function startSubscriptionSync(options: SyncOptions): SubscriptionSync {
  const log = options.logger.child({ component: "subscription-sync" });
  const { broadcast } = options;
  let stopped = false;
  let stopping: Promise<void> | null = null;
  let running: Promise<void> | null = null;
  /** Asked again while a re-read ran: one more follows it (it may have read too early). */
  let again: Promise<void> | null = null;

  const readOnce = async (why: string) => {
    if (stopped) return;
    try {
      await (await options.subscriptions()).reread();
      // Says when a re-read is done, the start-up one included (a replica's schedule is
      // current from then on; tests wait for it instead of sleeping).
      log.debug({ why }, "subscriptions re-read");
    } catch (err) {
      log.warn({ why, err }, "cannot re-read the subscriptions; trying again at the next one");
    }
  };
  function reread(why: string): Promise<void> {
    if (!running) {
      running = readOnce(why).finally(() => {
        running = null;
      });
      return running;
    }
    again ??= running.then(() => {
      again = null;
      return reread(why);
    });
    return again;
  }

  const timer = setInterval(() => void reread("periodic"), options.everyMs ?? REREAD_EVERY_MS);
  timer.unref();
  const listening = broadcast
    ?.listen((why) => void reread(why))
    // A change announced before the listener was up was not heard: read once now that it
    // is (a replica starting while another one subscribes a room).
    .then(() => void reread("started listening; a change may have come before"))
    .catch((err: unknown) =>
      // The periodic re-read still brings other replicas' changes, a minute late at most.
      log.error({ err }, "cannot listen for other replicas' subscription changes"),
    );

  return {
    changed() {
      if (!broadcast || stopped) return;
      void broadcast
        .announce()
        .catch((err: unknown) =>
          log.error(
            { err },
            "cannot tell the other replicas about a subscription change; they re-read within a minute",
          ),
        );
    },
    reread,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearInterval(timer);
        await listening;
        await broadcast?.close();
        await running;
      })();
      return stopping;
    },
  };
}
