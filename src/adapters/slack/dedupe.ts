// A bounded "seen recently" set: Slack re-delivers an event (X-Slack-Retry-Num) when our
// 200 did not reach it in time; the event_id tells us we already answered it.

export interface SeenSet {
  /** True the first time a key is seen (within ttl); false for a repeat. */
  firstSighting(key: string, nowMs: number): boolean;
  /** Forgets a key, so its next sighting counts as the first again. */
  forget(key: string): void;
  readonly size: number;
}

export function createSeenSet(options: { maxKeys: number; ttlMs: number }): SeenSet {
  const seen = new Map<string, number>(); // key → expiry; insertion order = age order
  return {
    firstSighting(key, nowMs) {
      // Expired entries sit at the front: drop them as we go.
      for (const [k, expiry] of seen) {
        if (expiry > nowMs) break;
        seen.delete(k);
      }
      const expiry = seen.get(key);
      if (expiry !== undefined && expiry > nowMs) return false;
      seen.delete(key);
      seen.set(key, nowMs + options.ttlMs);
      while (seen.size > options.maxKeys) seen.delete(seen.keys().next().value as string);
      return true;
    },
    forget(key) {
      seen.delete(key);
    },
    get size() {
      return seen.size;
    },
  };
}
