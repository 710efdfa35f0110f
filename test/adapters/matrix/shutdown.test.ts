// The Matrix adapter's graceful stop: no new work at once, the work under way waited for,
// sends still in flight aborted past the patience, and no wait past the grace.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createShutdown } from "../../../src/adapters/matrix/shutdown.ts";

const never = new Promise<never>(() => {});

/** `promise` and whether it has settled yet. */
function watched(promise: Promise<unknown>): { settled: () => boolean } {
  let settled = false;
  void promise.finally(() => {
    settled = true;
  });
  return { settled: () => settled };
}

describe("the Matrix adapter's shutdown", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("takes no new work once begun, and cuts nothing off before the patience runs out", () => {
    const shutdown = createShutdown(1_000, 50);
    expect([shutdown.stopping.aborted, shutdown.cutoff.aborted]).toEqual([false, false]);
    shutdown.begin();
    expect([shutdown.stopping.aborted, shutdown.cutoff.aborted]).toEqual([true, false]);
  });

  it("waits for the work under way, failed or not, and ends as soon as it has settled", async () => {
    const shutdown = createShutdown(1_000, 2_000);
    await shutdown.drain([Promise.resolve(), Promise.reject(new Error("sync failed"))]);
    expect(shutdown.cutoff.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("aborts sends in flight past the patience, and leaves work that still hangs past the grace", async () => {
    const shutdown = createShutdown(1_000, 2_000);
    const drained = watched(shutdown.drain([never]));
    await vi.advanceTimersByTimeAsync(999);
    expect([shutdown.cutoff.aborted, drained.settled()]).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect([shutdown.cutoff.aborted, drained.settled()]).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(drained.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(drained.settled()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ends the wait when the cutoff ends the work", async () => {
    const shutdown = createShutdown(1_000, 2_000);
    const send = new Promise<void>((resolve) =>
      shutdown.cutoff.addEventListener("abort", () => resolve()),
    );
    const drained = watched(shutdown.drain([send]));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(drained.settled()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
