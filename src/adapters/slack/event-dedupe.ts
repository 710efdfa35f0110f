// Global middleware: each Events API delivery is claimed by its event_id in the state store
// before it is answered, and marked done once the answer is sent, so that across restarts,
// replicas and Slack's re-deliveries (X-Slack-Retry-Num 1, 2, 3: at once, after a minute,
// after five) every event is answered once. With DATABASE_URL the claims are shared by
// every replica; with the file store by the one process.
//
// A claim is a lease: it names its holder, is renewed while the answer runs, and expires
// when its holder stops renewing it. A re-delivery that finds another replica's claim
// waits for it to be marked done; if the claim expires first (its holder died
// mid-answer), the re-delivery takes it over and answers. Slash commands and
// interactions have no event id and are answered by whichever replica receives them.
//
// The claim is taken BEFORE Slack gets its 200 (claimFirst, in front of Bolt, which acks an
// event before any middleware runs), together with a copy of the event (event-pending.ts):
// once acked, Slack never delivers the event again, so a replica killed between the ack
// and the answer leaves the event to the other replicas' sweepers, not to nobody.

import type { App } from "@slack/bolt";
import type { ClaimOutcome } from "../../core/adapter.ts";
import { processHolderId } from "../../core/claims.ts";
import { within } from "../../core/retry.ts";
import type { StateStore } from "../../core/state-store.ts";
import type { Logger } from "../../log.ts";
import { type ClaimHandle, claimFirst, dispatchClaimed } from "./claim-first.ts";
import { type ClaimRules, type Decision, renewClaim, waitForClaim } from "./event-claims.ts";
import { type Sweeper, startSweeper } from "./event-pending.ts";
import { createEventRecords } from "./event-records.ts";
import { ANSWERING_KEY, type Answering } from "./find-answer.ts";
import { type FindAnswer, lookBeforeAnswering, type TakeoverLook } from "./takeover-look.ts";

export interface ClaimOptions {
  /** How long a claim holds without being marked done; then another replica may answer. */
  readonly leaseMs?: number;
  /** How often a re-delivery looks again at another replica's unfinished claim. */
  readonly pollMs?: number;
  /** Counts for /metrics: what became of each delivery with an event id. */
  readonly onOutcome?: (outcome: ClaimOutcome) => void;
  /**
   * Whether the event's answer is already in Slack (find-answer.ts), asked before a
   * takeover answers: its dead holder may have posted it and died before marking it done.
   * Rejects on a failure that may pass. Without it a takeover answers at once.
   */
  readonly findAnswer?: FindAnswer;
  /**
   * After an answer sent without a claim (the `sent` message ts): withdraws it if another
   * answer to the event stands (unclaimed-answers.ts). Never rejects.
   */
  readonly settleUnclaimed?: (
    eventId: string,
    body: Readonly<Record<string, unknown>>,
    sent: readonly string[],
  ) => Promise<void>;
}

const LEASE_MS = 30_000;
const POLL_MS = 250;

/** The context key under which claimFirst hands its (pending) decision to the middleware. */
const DECISION_KEY = "virtTalksEventClaim";

interface EventClaims {
  /**
   * An App for the receiver (receiver.init): the same app, except that an Events API
   * delivery is claimed, and stored, before Bolt sees (and acks) it.
   */
  claimFirst(app: App): App;
  /** Starts answering acked events whose holder died (event-pending.ts), until drain(). */
  startSweeping(): void;
  /** One such pass now (tests). */
  sweep(): Promise<void>;
  /**
   * Waits (at most `timeoutMs`) for deliveries in flight to be answered and marked done,
   * so that a stopped replica leaves no claim for the others to wait out; re-deliveries
   * waiting on another replica's claim stop waiting and leave the event to it.
   */
  drain(timeoutMs: number): Promise<void>;
}

export function registerEventDedupe(
  app: App,
  state: StateStore,
  logger: Logger,
  clock: () => number,
  options: ClaimOptions = {},
): EventClaims {
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const holder = processHolderId();
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const pollMs = options.pollMs ?? POLL_MS;
  const rules: ClaimRules = {
    holder,
    leaseMs,
    pollMs,
    clock,
    logger,
    onOutcome: options.onOutcome,
    stopped: () => stopping.signal.aborted,
  };
  const { events, pending, claim, decide, release, finish } = createEventRecords(state, rules);

  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== "string") return next();
    const handle = context[DECISION_KEY] as ClaimHandle<Decision> | undefined;
    if (handle) handle.reached = true;
    const decided = handle?.decided ?? decide(eventId);
    const work = answerOnce(eventId, body as Record<string, unknown>, context, next, decided);
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });

  async function answerOnce(
    eventId: string,
    body: Readonly<Record<string, unknown>>,
    context: Record<string, unknown> & { retryNum?: number; retryReason?: string },
    next: () => Promise<void>,
    decided: Promise<Decision>,
  ): Promise<void> {
    const decision = await decided;
    // The listeners put the event's id in their answer's metadata and note what they sent
    // (find-answer.ts).
    const answering: Answering = { eventId, unclaimed: decision === "unavailable", sent: [] };
    context[ANSWERING_KEY] = answering;
    const log = decision === "unavailable" ? null : await events();
    // Held by someone else: wait for its done mark, or take it over when it runs out.
    const other = log && decision === "taken" ? await waitForClaim(log, eventId, rules) : null;
    if (other) {
      logger.info(
        {
          eventId,
          retryNum: context.retryNum,
          retryReason: context.retryReason,
          heldBy: other.holder,
          state: other.state,
        },
        "slack event re-delivery ignored",
      );
      options.onOutcome?.("ignored");
      return;
    }
    // While the look and the answer run (a 429 can hold them longer than a lease), the claim
    // is renewed, so only a claim whose holder stopped renewing it runs out.
    let renewing: Promise<void> = Promise.resolve();
    const renewal = log
      ? setInterval(() => {
          renewing = renewClaim(log, eventId, rules);
        }, leaseMs / 3)
      : undefined;
    let look: TakeoverLook = "answer";
    try {
      const retried = (context.retryNum ?? 0) > 0;
      look = await lookBeforeAnswering(
        decision,
        options.findAnswer,
        logger,
        eventId,
        body,
        retried,
      );
      if (look === "answer") await next();
    } finally {
      clearInterval(renewal);
    }
    await renewing; // a renewal landing after "done" would turn it back into a claim
    if (look === "later") return; // the claim runs out; a sweeper looks again
    if (answering.unclaimed) await options.settleUnclaimed?.(eventId, body, answering.sent);
    await finish(log, eventId);
  }

  let sweeper: Sweeper | null = null;
  const sweeping = (): Sweeper =>
    (sweeper ??= startSweeper({
      pending,
      claimState: async (eventId) => (await (await events()).get(eventId))?.state,
      takeOver: async (eventId) => {
        const won = await claim(await events(), eventId);
        if (won) options.onOutcome?.("takeover");
        return won;
      },
      // Through Bolt as if it had just arrived, the claim already this replica's.
      replay: (eventId, body) => {
        const won = Promise.resolve<Decision>("takeover");
        const event = { body, ack: async () => {} };
        return dispatchClaimed(app, event, DECISION_KEY, won, () => release(eventId, won));
      },
      leaseMs,
      clock,
      logger,
    }));

  return {
    claimFirst: (target) =>
      claimFirst(target, decide, release, DECISION_KEY, (eventId) => {
        logger.warn(
          { eventId },
          "slack event claim not stored within the ack budget; not acknowledged, so Slack delivers it again",
        );
        options.onOutcome?.("late");
      }),
    startSweeping: () => void sweeping(),
    sweep: () => sweeping().sweep(),
    async drain(timeoutMs) {
      stopping.abort();
      sweeper?.stop();
      await within(Promise.allSettled([...inFlight]), timeoutMs);
    },
  };
}
