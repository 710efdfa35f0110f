// What every listener gets: the conversation turn, the ways to reply, and the two pieces of
// bookkeeping each request ends with (the observer's record, stop() waiting for it).

import { LRUCache } from "lru-cache";
import type { AdapterDeps } from "../../core/adapter.ts";
import type { TalkCard } from "../../core/card.ts";
import type { Asker } from "../../core/platform.ts";
import { type AnswerSteps, answerRequest, type RespondDeps } from "../../core/respond.ts";
import { within } from "../../core/retry.ts";
import type { Logger } from "../../log.ts";
import { slackAsker } from "./asker.ts";
import type { Identity } from "./identity.ts";
import type { Responder } from "./response-url.ts";
import type { SlackApi } from "./web-client.ts";

export interface SlackContext {
  readonly turn: AdapterDeps["turn"];
  readonly logger: Logger;
  readonly api: SlackApi;
  readonly respond: Responder;
  readonly identity: Identity;
  /**
   * Runs one request's work (after its ack): stop() waits for it, and whatever it throws is
   * logged here, never left to crash the process.
   */
  readonly run: (source: string, work: () => Promise<void>) => Promise<void>;
  /**
   * The one answer wrapper (src/core/respond.ts) with this adapter's clock and observer:
   * asks, renders, sends, and records the request (a throw from send as an error).
   */
  readonly answer: <R, M, S>(steps: AnswerSteps<R, M, S>) => Promise<S | undefined>;
  /** A talk card (today, random) shown with a Share button: what sharing it will post. */
  readonly rememberTalk: (card: TalkCard) => void;
  /** That card again, while it is remembered (bounded, an hour). */
  readonly recentTalk: (id: string, heading: string | undefined) => TalkCard | undefined;
  /** The asker of a request in `channel`, for the subscription commands. */
  readonly asker: (user: string, channel: string) => Asker;
}

/** What a SlackContext is made of: the wiring's deps and the adapter's ways to reply. */
interface ContextParts
  extends Pick<SlackContext, "logger" | "api" | "respond" | "identity" | "run"> {
  /** Milliseconds since the epoch, for the latencies the observer gets. */
  readonly clock: () => number;
  readonly deps: Pick<AdapterDeps, "turn" | "observer">;
  /** SUBSCRIBE_ADMINS_ONLY: only workspace admins and owners change subscriptions. */
  readonly adminsOnly: boolean;
}

/** Talk cards (today, random) shown with a Share button lately: what sharing one posts. */
const REMEMBERED_TALKS = { max: 1000, ttl: 60 * 60_000 };

export function createSlackContext(parts: ContextParts): SlackContext {
  const { deps, logger, api, clock } = parts;
  const talks = new LRUCache<string, TalkCard>(REMEMBERED_TALKS);
  const talkKey = (id: string, heading: string | null | undefined) => `${id}\u0000${heading ?? ""}`;
  const answering: RespondDeps = {
    platform: "slack",
    clock,
    observer: deps.observer,
    onObserverError: (error) => logger.warn({ err: errorText(error) }, "request observer failed"),
  };
  return {
    turn: deps.turn,
    logger,
    api,
    respond: parts.respond,
    identity: parts.identity,
    run: parts.run,
    answer: (steps) => answerRequest(answering, steps),
    rememberTalk: (card) => talks.set(talkKey(card.id, card.heading), card),
    recentTalk: (id, heading) => talks.get(talkKey(id, heading)),
    asker: (user, channel) =>
      slackAsker({ api, logger, user, channel, adminsOnly: parts.adminsOnly }),
  };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

interface RunTracker {
  readonly run: SlackContext["run"];
  /** Settles when every request in flight has (or `timeoutMs` passed); returns how many remain. */
  drain(timeoutMs: number): Promise<number>;
}

export function createRunTracker(logger: Logger): RunTracker {
  const inFlight = new Set<Promise<void>>();
  return {
    run(source, work) {
      const settled = work().catch((error: unknown) =>
        logger.warn({ source, err: errorText(error) }, "slack answer failed"),
      );
      inFlight.add(settled);
      void settled.then(() => inFlight.delete(settled));
      return settled;
    },
    async drain(timeoutMs) {
      await within(Promise.allSettled([...inFlight]), timeoutMs);
      return inFlight.size;
    },
  };
}
