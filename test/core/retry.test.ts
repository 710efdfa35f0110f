// The one retry module: delays, classification, and the bounded loop.
import { describe, expect, it, vi } from "vitest";
import {
  backoffDelay,
  classifyTransportError,
  type Failure,
  parseRetryAfter,
  RETRY_DEFAULTS,
  type RetryPolicy,
  retryDelay,
  sleep,
  within,
  withRetry,
} from "../../src/core/retry.ts";

const policy: RetryPolicy = {
  attempts: 3,
  backoff: { initialMs: 100, maxMs: 1_000 },
  maxWaitMs: 5_000,
  idempotent: false,
};
const half = () => 0.5;

describe("backoffDelay", () => {
  it("doubles up to the cap, with jitter between half and all of it", () => {
    const b = { initialMs: 100, maxMs: 1_000 };
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, b, () => 1))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, b, () => 0))).toEqual([
      50, 100, 200, 400, 500,
    ]);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3_000);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:05 GMT", 1_000)).toBe(4_000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe("classifyTransportError", () => {
  it("says not-sent only when no connection was ever made", () => {
    const refused = Object.assign(new Error("connect"), { code: "ECONNREFUSED" });
    expect(classifyTransportError(refused)).toEqual({ kind: "not-sent", detail: "ECONNREFUSED" });
    const reset = Object.assign(new Error("reset"), { code: "ECONNRESET" });
    expect(classifyTransportError(new TypeError("fetch failed", { cause: reset }))).toEqual({
      kind: "unknown",
      detail: "ECONNRESET",
    });
    const both = new AggregateError([refused, reset]);
    expect(classifyTransportError(both).kind).toBe("unknown");
    const wrapped = Object.assign(new Error("sdk"), { code: "slack_x", original: refused });
    expect(classifyTransportError(wrapped, (c) => c.startsWith("slack_")).kind).toBe("not-sent");
  });
});

describe("retryDelay", () => {
  const f = (kind: Failure["kind"], retryAfterMs: number | null = null): Failure =>
    kind === "rate-limited" ? { kind, retryAfterMs, detail: "" } : { kind, detail: "" };
  it("waits what a 429 asks, within the cap", () => {
    expect(retryDelay(f("rate-limited", 2_000), 1, policy, half)).toBe(2_000);
    expect(retryDelay(f("rate-limited", 9_000), 1, policy, half)).toBeNull();
    expect(retryDelay(f("rate-limited"), 2, policy, () => 1)).toBe(200);
  });
  it("repeats an unknown outcome only for idempotent work; never a refusal", () => {
    expect(retryDelay(f("unknown"), 1, policy)).toBeNull();
    expect(retryDelay(f("unknown"), 1, { ...policy, idempotent: true }, () => 1)).toBe(100);
    expect(retryDelay(f("refused"), 1, RETRY_DEFAULTS.idempotent)).toBeNull();
    expect(retryDelay(f("not-sent"), 3, policy, () => 1)).toBe(400);
  });
});

describe("withRetry", () => {
  const waits: number[] = [];
  const hooks = (classify: (e: unknown) => Failure, extra = {}) => ({
    classify,
    random: () => 1,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    ...extra,
  });

  it("retries until success and reports each retry", async () => {
    waits.length = 0;
    let calls = 0;
    const retries: number[] = [];
    const value = await withRetry(
      async () => {
        if (++calls < 3) throw new Error("nope");
        return "ok";
      },
      policy,
      hooks(() => ({ kind: "not-sent", detail: "x" }), {
        onRetry: (_f: Failure, n: number) => retries.push(n),
      }),
    );
    expect([value, calls, retries, waits]).toEqual(["ok", 3, [1, 2], [100, 200]]);
  });

  it("stops at the attempt limit and rethrows the last error", async () => {
    let calls = 0;
    const err = new Error("still down");
    await expect(
      withRetry(
        async () => {
          calls++;
          throw err;
        },
        policy,
        hooks(() => ({ kind: "not-sent", detail: "x" })),
      ),
    ).rejects.toBe(err);
    expect(calls).toBe(3);
  });

  it("keeps trying past the limit while unreachable, within its patience", async () => {
    let calls = 0;
    let clock = 0;
    await withRetry(
      async () => {
        clock += 1_000;
        if (++calls < 8) throw new Error("unreachable");
      },
      { ...policy, patienceMs: 60_000 },
      hooks(() => ({ kind: "not-sent", detail: "x" }), { now: () => clock }),
    );
    expect(calls).toBe(8);
  });

  it("gives up at once on a refusal or an abort", async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error("not_in_channel");
        },
        policy,
        hooks(() => ({ kind: "refused", detail: "not_in_channel" })),
      ),
    ).rejects.toThrow("not_in_channel");
    const aborted = AbortSignal.abort();
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error("x");
        },
        policy,
        hooks(() => ({ kind: "not-sent", detail: "" }), { signal: aborted }),
      ),
    ).rejects.toThrow("x");
    expect(calls).toBe(2);
  });
});

describe("sleep", () => {
  it("resolves early when aborted", async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      let woke = false;
      const slept = sleep(10_000, controller.signal).then(() => {
        woke = true;
      });
      controller.abort();
      await vi.advanceTimersByTimeAsync(0); // the clock does not move: only the abort can wake it
      expect(woke).toBe(true);
      await slept;
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("withRetry, unreachable but maybe delivered", () => {
  it("waits out an outage for idempotent work only", async () => {
    const outage = { kind: "unknown", detail: "ECONNRESET", unreachable: true } as const;
    const run = async (idempotent: boolean) => {
      let calls = 0;
      let clock = 0;
      await withRetry(
        async () => {
          clock += 1_000;
          if (++calls < 8) throw new Error("reset");
        },
        { ...policy, idempotent, patienceMs: 60_000 },
        { classify: () => outage, random: () => 1, now: () => clock, sleep: async () => {} },
      ).catch(() => {});
      return calls;
    };
    expect(await run(true)).toBe(8);
    expect(await run(false)).toBe(1);
  });
});

describe("within", () => {
  it("gives the work's value in time, else the late value, and passes a rejection on", async () => {
    expect(await within(Promise.resolve(7), 1_000)).toBe(7);
    expect(await within(new Promise(() => {}), 10)).toBeNull();
    expect(await within(new Promise(() => {}), 10, false)).toBe(false);
    await expect(within(Promise.reject(new Error("x")), 1_000)).rejects.toThrow("x");
  });
});
