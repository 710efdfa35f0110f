// Events acknowledged but not yet answered, kept in the state store so that none is lost
// when the replica holding it dies. Slack does not deliver an event again once it got its
// 200, so the claim (event-dedupe.ts) alone cannot save an event whose holder was killed
// after the ack: nobody would ever see it again. Each delivery therefore stores the event
// itself here, in the same breath as its claim and before the ack; the answer's "done"
// mark removes it. A sweeper on every replica looks for entries older than a claim's lease
// whose claim has run out (the holder stopped renewing it: it died), takes the claim over
// (put-if-absent: one sweeper wins) and answers the stored event, through Bolt, as if it
// had just arrived. With the file store the one process does the same after a restart.
import type { KeyValue, StateStore } from "../../core/state-store.ts";
import type { Logger } from "../../log.ts";
import { errorText } from "./context.ts";

/** The state-store namespace of acknowledged, unanswered events. */
export const PENDING_NAMESPACE = "slack-pending";

export interface PendingEvent {
  /** The Events API body as Slack sent it, its legacy verification token left out. */
  readonly body: Readonly<Record<string, unknown>>;
  /** When the delivery arrived, ms since the epoch (the receiving replica's clock). */
  readonly at: number;
}

function validate(raw: unknown): PendingEvent | undefined {
  const p = raw as Partial<PendingEvent> | null;
  return typeof p === "object" &&
    p !== null &&
    typeof p.at === "number" &&
    typeof p.body === "object" &&
    p.body !== null
    ? (p as PendingEvent)
    : undefined;
}

export function openPending(state: StateStore): Promise<KeyValue<PendingEvent>> {
  return state.open(PENDING_NAMESPACE, validate);
}

/** The body to store: everything Bolt needs to answer it again, no credential. */
export function pendingBody(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { token: _legacyToken, ...rest } = body;
  return rest;
}

interface SweeperOptions {
  readonly pending: () => Promise<KeyValue<PendingEvent>>;
  /** The claim's state: "done", "claimed" (someone holds it) or absent (ran out). */
  readonly claimState: (eventId: string) => Promise<"done" | "claimed" | undefined>;
  /** Put-if-absent of this replica's claim: true when it won the event. */
  readonly takeOver: (eventId: string) => Promise<boolean>;
  /** Answers the stored event (its claim held by this replica), through Bolt. */
  readonly replay: (eventId: string, body: Readonly<Record<string, unknown>>) => Promise<void>;
  readonly leaseMs: number;
  readonly clock: () => number;
  readonly logger: Logger;
}

export interface Sweeper {
  /** One pass now (tests); the timer runs them every half lease. */
  sweep(): Promise<void>;
  stop(): void;
}

export function startSweeper(options: SweeperOptions): Sweeper {
  const { logger, leaseMs } = options;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function pass(): Promise<void> {
    const pending = await options.pending();
    for (const [eventId, entry] of await pending.entries()) {
      if (stopped) return;
      // Younger than a lease: its holder may still be answering without having renewed.
      if (options.clock() - entry.at < leaseMs) continue;
      const state = await options.claimState(eventId);
      if (state === "claimed") continue;
      if (state === "done" || !(await options.takeOver(eventId))) {
        // Answered (its holder died between "done" and this removal), or another
        // replica's sweeper has just taken it: nothing left for this one to do.
        if (state === "done") await pending.delete(eventId);
        continue;
      }
      logger.warn(
        { eventId },
        "slack event acknowledged but unanswered by a dead holder; answering",
      );
      await options.replay(eventId, entry.body);
    }
  }

  const sweep = () => {
    running ??= pass()
      .catch((error: unknown) =>
        logger.warn({ err: errorText(error) }, "slack pending events could not be swept"),
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
  // Every half lease, so an event whose holder died is answered within 1.5 leases.
  const timer = setInterval(() => void sweep(), leaseMs / 2);
  timer.unref();
  return {
    sweep,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
