// The one wrapper around an answer, for every entry point (Slack command, mention, DM, More,
// Share; the Matrix handler; the console; the CLI's search): start the clock, ask (usually
// the conversation turn), render the reply, send it, and tell the observer how the request
// went. A request whose render or send throws is recorded as an error and the throw goes on
// to the caller, which knows what else to do (a note to the asker, a log line). The wrapper
// knows no platform: render and send are the adapter's functions.
import type { RequestObserver } from "./adapter.ts";
import type { Platform } from "./platform.ts";
import type { TurnOutcome } from "./turn.ts";

/** What asking produced: the reply to send (null: say nothing) and the request's record. */
export interface Asked<R> {
  readonly reply: R | null;
  readonly outcome: TurnOutcome;
}

export interface RespondDeps {
  readonly platform: Platform;
  /** Milliseconds, for the latency the observer gets (any origin: only differences count). */
  readonly clock: () => number;
  /** None for the CLI, which records nothing. */
  readonly observer?: RequestObserver;
  /** Metrics must never cost an answer: an observer that throws is handed here. */
  readonly onObserverError?: (error: unknown) => void;
}

export interface AnswerSteps<R, M, S> {
  /** `startedAt`: the request's clock reading, for a turn that takes `now`. */
  ask(startedAt: number): Promise<Asked<R>>;
  render(reply: R): M;
  send(message: M, reply: R): Promise<S>;
}

/** The record of a request that failed: what the turn said, as an error. */
function failedOutcome(platform: Platform, outcome?: TurnOutcome): TurnOutcome {
  return { platform, results: 0, ...outcome, command: "error", outcome: "error" };
}

/**
 * Asks, renders, sends and reports one request. Returns what `send` returned, or undefined
 * when there was nothing to say. Rethrows whatever asking, rendering or sending threw, after
 * recording the request as an error.
 */
export async function answerRequest<R, M, S>(
  deps: RespondDeps,
  steps: AnswerSteps<R, M, S>,
): Promise<S | undefined> {
  const startedAt = deps.clock();
  const report = (outcome: TurnOutcome) => {
    try {
      deps.observer?.answered({ ...outcome, latencyMs: Math.max(0, deps.clock() - startedAt) });
    } catch (error) {
      deps.onObserverError?.(error);
    }
  };
  let outcome: TurnOutcome | undefined;
  try {
    const asked = await steps.ask(startedAt);
    outcome = asked.outcome;
    if (asked.reply === null) {
      report(outcome);
      return undefined;
    }
    const sent = await steps.send(steps.render(asked.reply), asked.reply);
    report(outcome);
    return sent;
  } catch (error) {
    report(failedOutcome(deps.platform, outcome));
    throw error;
  }
}
