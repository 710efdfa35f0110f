// The syncer's one timer, on fake time: the first round at start, the next after the
// interval (with jitter), every 15 minutes while the conference runs, backoff after a
// failure, and nothing after stop().
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FetchOutcome } from "../../src/sources/fetch-changed.ts";
import { SourceFetchError } from "../../src/sources/fetch-changed.ts";
import {
  SOURCES_NAMESPACE,
  type SourceState,
  validateSourceState,
} from "../../src/sources/source-state.ts";
import { createSourceSyncer } from "../../src/sources/syncer.ts";
import { captureLogger } from "../support/totd-helpers.ts";
import { memoryStore } from "../support/totd-memory-store.ts";

const MINUTE = 60_000;
beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-09-01T00:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

async function harness(answers: (n: number) => FetchOutcome | Error, running = false) {
  const fetches: number[] = [];
  const { logger } = captureLogger();
  const syncer = createSourceSyncer({
    entries: () => [{ url: "https://example.org/s.json", every: "1h" }],
    store: await memoryStore().open<SourceState>(SOURCES_NAMESPACE, validateSourceState),
    deps: {
      fetch: async () => {
        fetches.push(Date.now());
        const answer = answers(fetches.length);
        if (answer instanceof Error) throw answer;
        return answer;
      },
      importText: async () => [],
    },
    running: () => running,
    onChanged: async () => {},
    logger,
  });
  return { syncer, fetches };
}

const minutesAfterStart = (fetches: number[]) =>
  fetches.map((t) => Math.round((t - Date.parse("2026-09-01T00:00:00Z")) / MINUTE));

describe("the sync timer", () => {
  it("fetches at start, then once an interval (±10 %), and stops", async () => {
    const { syncer, fetches } = await harness(() => ({ kind: "unchanged" }));
    await syncer.start();
    await vi.advanceTimersByTimeAsync(3 * 66 * MINUTE);
    const at = minutesAfterStart(fetches);
    expect(at[0]).toBe(0);
    for (let i = 1; i < at.length; i++) {
      expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(54);
      expect(at[i]! - at[i - 1]!).toBeLessThanOrEqual(66);
    }
    expect(at.length).toBeGreaterThanOrEqual(3);
    await syncer.stop();
    const count = fetches.length;
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(fetches).toHaveLength(count);
  });

  it("fetches every 15 minutes while the conference runs", async () => {
    const { syncer, fetches } = await harness(() => ({ kind: "unchanged" }), true);
    await syncer.start();
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(fetches.length).toBeGreaterThanOrEqual(4);
    expect(fetches.length).toBeLessThanOrEqual(5);
    await syncer.stop();
  });

  it("retries a failing source with backoff, sooner than its interval", async () => {
    const { syncer, fetches } = await harness((n) =>
      n <= 2 ? new SourceFetchError("the server answered HTTP 500") : { kind: "unchanged" },
    );
    await syncer.start();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    const at = minutesAfterStart(fetches);
    expect(at.slice(0, 3)).toEqual([0, expect.any(Number), expect.any(Number)]);
    expect(at[1]).toBeLessThanOrEqual(1);
    expect(at[2]! - at[1]!).toBeLessThanOrEqual(2);
    expect(syncer.status()[0]?.state).toBe("ok");
    await syncer.stop();
  });
});
