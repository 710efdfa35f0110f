// What every chat adapter offers main.ts, and what main.ts gives every adapter.
import type { Core } from "../core/answer.ts";
import type { TalkCard } from "../core/card.ts";
import type { RateLimiter } from "../core/rate-limit.ts";
import type { Logger } from "../log.ts";

export type Platform = "slack" | "matrix" | "console";

export type AdapterState = "starting" | "up" | "degraded" | "down" | "stopped";

export interface AdapterHealth {
  readonly state: AdapterState;
  readonly detail?: string;
}

/** One answered (or refused) request, for the log line and the metrics. */
export interface AnsweredRequest {
  readonly platform: Platform;
  /** The answer kind ("results", "help", "talk", ...) or "error" / "rate-limited". */
  readonly command: string;
  readonly results: number;
  readonly latencyMs: number;
  readonly outcome: "ok" | "error" | "rate-limited";
}

export interface RequestObserver {
  answered(request: AnsweredRequest): void;
}

export const NO_OBSERVER: RequestObserver = { answered() {} };

export interface AdapterDeps {
  readonly core: Core;
  readonly logger: Logger;
  readonly observer: RequestObserver;
  readonly rateLimiter: RateLimiter;
  /** The one directory for everything the bot persists. */
  readonly stateDir: string;
}

export interface ChatAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  /** Stop taking new requests, finish the ones in flight, persist state. */
  stop(): Promise<void>;
  health(): AdapterHealth;
  /**
   * Posts a card (the talk of the day) to a channel or room. `idempotencyKey` names
   * this post ("totd:2026-11-22:#virt"): posting twice with the same key must not
   * produce two messages where the platform allows it (Matrix transaction ids).
   * Throws on failure; the caller retries.
   */
  postCard(destination: string, card: TalkCard, idempotencyKey: string): Promise<void>;
  /**
   * Looks in `destination` for a post this bot made with `idempotencyKey` at or after
   * `since` (by our clock), to settle a send whose outcome is unknown (a crash, a timeout).
   * For platforms that cannot drop a repeated post themselves (Slack); the others leave
   * it out. Throws when the answer may come later (a timeout, a 5xx): the caller retries.
   */
  findPost?(destination: string, idempotencyKey: string, since: Date): Promise<PostLookup>;
}

/** What findPost saw. */
export type PostLookup =
  | { readonly kind: "found" }
  | { readonly kind: "absent" }
  /** The platform will not tell (a missing scope, not in the channel): cannot know. */
  | { readonly kind: "unavailable"; readonly reason: string };
