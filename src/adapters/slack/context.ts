// What every listener gets: the core, the ways to reply, and the bookkeeping (rate limit,
// metrics, in-flight tracking) that each request goes through.
import type { Answer, Core } from "../../core/answer.ts";
import type { RateLimiter } from "../../core/rate-limit.ts";
import type { Logger } from "../../log.ts";
import type { RequestObserver } from "../types.ts";
import type { SeenSet } from "./dedupe.ts";
import type { Identity } from "./identity.ts";
import type { Responder } from "./response-url.ts";
import type { SlackApi } from "./web-client.ts";

export interface SlackContext {
  readonly core: Core;
  readonly logger: Logger;
  readonly observer: RequestObserver;
  readonly rateLimiter: RateLimiter;
  readonly api: SlackApi;
  readonly respond: Responder;
  readonly identity: Identity;
  /** event_ids already answered. */
  readonly events: SeenSet;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  /** Registers work still running after the ack, so stop() can wait for it. */
  readonly track: (work: Promise<unknown>) => void;
}

/** What one answered request reports to the observer. */
export interface Outcome {
  readonly command: string;
  readonly results: number;
}

export function outcomeOf(answer: Answer): Outcome {
  switch (answer.kind) {
    case "results":
      return { command: answer.kind, results: answer.hits.length };
    case "talk":
      return { command: answer.kind, results: 1 };
    default:
      return { command: answer.kind, results: 0 };
  }
}

export interface RequestInfo {
  readonly userId: string;
  /** What kind of request, for the logs ("command", "mention", "more", "share"). */
  readonly source: string;
  readonly startedAt: number;
}

/**
 * Runs one request after the ack: rate limit first ("ok" → answer, "slow-down" → the one
 * polite message, "drop" → nothing), then the answer, reported to the observer either
 * way. Never throws: every failure is logged here.
 */
export function serve(
  ctx: SlackContext,
  info: RequestInfo,
  answer: () => Promise<Outcome>,
  slowDown: () => Promise<void>,
): Promise<void> {
  const report = (command: string, results: number, outcome: "ok" | "error" | "rate-limited") =>
    ctx.observer.answered({
      platform: "slack",
      command,
      results,
      latencyMs: Math.max(0, ctx.clock() - info.startedAt),
      outcome,
    });

  const work = (async () => {
    const decision = ctx.rateLimiter.take(info.userId, ctx.clock());
    if (decision !== "ok") {
      // A flood logs once (slow-down) at info; the dropped rest only at debug.
      const level = decision === "slow-down" ? "info" : "debug";
      ctx.logger[level]({ source: info.source, decision }, "slack request rate-limited");
      if (decision === "slow-down") {
        await slowDown().catch((error: unknown) =>
          ctx.logger.warn({ err: errorText(error) }, "slack slow-down notice failed"),
        );
      }
      report("rate-limited", 0, "rate-limited");
      return;
    }
    try {
      const outcome = await answer();
      report(outcome.command, outcome.results, "ok");
    } catch (error) {
      ctx.logger.warn({ source: info.source, err: errorText(error) }, "slack answer failed");
      report("error", 0, "error");
    }
  })();
  ctx.track(work);
  return work;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
