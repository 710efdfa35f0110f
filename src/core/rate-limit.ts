// Per-user rate limiting for the conversation turn: a token bucket per asker. A flooding
// user is told once to slow down and then ignored until the bucket refills; other users
// have buckets of their own and are unaffected.
import { LRUCache } from "lru-cache";

const RATE_LIMIT_DEFAULTS = Object.freeze({
  /** Requests a user may send in a burst. */
  burst: 6,
  /** Requests per second the bucket refills at. */
  perSecond: 0.5,
  /** Buckets kept at most; the least recently used are dropped first. */
  maxKeys: 10_000,
});

/** ok: answer. slow-down: answer with the one "slow down" message. drop: say nothing. */
export type RateDecision = "ok" | "slow-down" | "drop";

export interface RateLimiter {
  take(key: string, nowMs?: number): RateDecision;
  /** Milliseconds until `key` may be answered again (0: now). */
  waitMs(key: string, nowMs?: number): number;
}

export interface RateLimitOptions {
  readonly burst?: number;
  readonly perSecond?: number;
  readonly maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
  warned: boolean;
}

export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const { burst, perSecond, maxKeys } = { ...RATE_LIMIT_DEFAULTS, ...options };
  const buckets = new LRUCache<string, Bucket>({ max: maxKeys });
  const refilled = (b: Bucket, nowMs: number) =>
    Math.min(burst, b.tokens + (Math.max(0, nowMs - b.at) / 1000) * perSecond);
  return {
    take(key, nowMs = Date.now()) {
      let b = buckets.get(key);
      if (!b) {
        b = { tokens: burst, at: nowMs, warned: false };
        buckets.set(key, b);
      }
      b.tokens = refilled(b, nowMs);
      b.at = nowMs;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        b.warned = false;
        return "ok";
      }
      const decision = b.warned ? "drop" : "slow-down";
      b.warned = true;
      return decision;
    },
    waitMs(key, nowMs = Date.now()) {
      const b = buckets.peek(key);
      const missing = b ? 1 - refilled(b, nowMs) : 0;
      return missing <= 0 ? 0 : Math.ceil((missing / perSecond) * 1000);
    },
  };
}

/** How every slow-down line starts, whatever the wait. */
export const SLOW_DOWN_PREFIX = "You're sending commands faster than I can answer";

/** The slow-down line, naming when the asker may try again (whole seconds, at least 1). */
export function slowDownMessage(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return `${SLOW_DOWN_PREFIX}; please try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`;
}
