// The one answer wrapper: what the observer is told, what is sent, and what a failure at
// each step leaves behind. A hand-stepped clock makes every latency exact.
import { describe, expect, it } from "vitest";
import type { AnsweredRequest } from "../../src/core/adapter.ts";
import { type Asked, answerRequest } from "../../src/core/respond.ts";
import type { TurnOutcome } from "../../src/core/turn.ts";

const OK: TurnOutcome = { platform: "matrix", command: "results", results: 7, outcome: "ok" };

/** A clock that moves 5 ms each time it is read. */
function steppingClock(start = 1000) {
  let now = start - 5;
  return () => {
    now += 5;
    return now;
  };
}

function setup() {
  const observed: AnsweredRequest[] = [];
  const sent: string[] = [];
  const observerErrors: unknown[] = [];
  const deps = {
    platform: "matrix" as const,
    clock: steppingClock(),
    observer: { answered: (r: AnsweredRequest) => void observed.push(r) },
    onObserverError: (e: unknown) => void observerErrors.push(e),
  };
  return { deps, observed, sent, observerErrors };
}

const asked =
  (reply: string | null, outcome = OK) =>
  async (): Promise<Asked<string>> => ({
    reply,
    outcome,
  });

describe("answerRequest", () => {
  it("asks, renders, sends, then reports the turn's outcome with the latency", async () => {
    const { deps, observed, sent } = setup();
    const startedAts: number[] = [];
    const result = await answerRequest(deps, {
      ask: async (startedAt) => {
        startedAts.push(startedAt);
        return { reply: "numa", outcome: OK };
      },
      render: (reply) => `<${reply}>`,
      send: async (message, reply) => {
        sent.push(`${message} for ${reply}`);
        return sent.length;
      },
    });
    expect(result).toBe(1);
    expect(startedAts).toEqual([1000]);
    expect(sent).toEqual(["<numa> for numa"]);
    // Read at the start (1000) and at the report (1005).
    expect(observed).toEqual([{ ...OK, latencyMs: 5 }]);
  });

  it("a null reply sends nothing and is still reported", async () => {
    const { deps, observed, sent } = setup();
    const limited: TurnOutcome = {
      platform: "matrix",
      command: "rate-limited",
      results: 0,
      outcome: "rate-limited",
    };
    const result = await answerRequest(deps, {
      ask: asked(null, limited),
      render: (r) => r,
      send: async (m) => void sent.push(m),
    });
    expect(result).toBeUndefined();
    expect(sent).toEqual([]);
    expect(observed).toEqual([{ ...limited, latencyMs: 5 }]);
  });

  it("a send that throws is reported as an error with the turn's count, and rethrown", async () => {
    const { deps, observed } = setup();
    const boom = new Error("homeserver away");
    await expect(
      answerRequest(deps, {
        ask: asked("numa"),
        render: (r) => r,
        send: async () => {
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
    expect(observed).toEqual([
      { platform: "matrix", command: "error", results: 7, outcome: "error", latencyMs: 5 },
    ]);
  });

  it("a render that throws sends nothing and is reported as an error", async () => {
    const { deps, observed, sent } = setup();
    await expect(
      answerRequest(deps, {
        ask: asked("numa"),
        render: (): string => {
          throw new TypeError("bad card");
        },
        send: async (m) => void sent.push(m),
      }),
    ).rejects.toThrow("bad card");
    expect(sent).toEqual([]);
    expect(observed).toEqual([
      { platform: "matrix", command: "error", results: 7, outcome: "error", latencyMs: 5 },
    ]);
  });

  it("an ask that throws is reported as an error of the platform, with no results", async () => {
    const { deps, observed } = setup();
    await expect(
      answerRequest(deps, {
        ask: async (): Promise<Asked<string>> => {
          throw new Error("no turn");
        },
        render: (r) => r,
        send: async () => {},
      }),
    ).rejects.toThrow("no turn");
    expect(observed).toEqual([
      { platform: "matrix", command: "error", results: 0, outcome: "error", latencyMs: 5 },
    ]);
  });

  it("an observer that throws never costs the answer", async () => {
    const { deps, sent, observerErrors } = setup();
    const broken = new Error("metrics broke");
    const result = await answerRequest(
      {
        ...deps,
        observer: {
          answered() {
            throw broken;
          },
        },
      },
      { ask: asked("numa"), render: (r) => r, send: async (m) => void sent.push(m) },
    );
    expect(result).toBeUndefined();
    expect(sent).toEqual(["numa"]);
    expect(observerErrors).toEqual([broken]);
  });

  it("without an observer (the CLI) it only asks, renders and sends", async () => {
    const result = await answerRequest(
      { platform: "console", clock: steppingClock() },
      { ask: asked("numa"), render: (r) => r.toUpperCase(), send: async (m) => m },
    );
    expect(result).toBe("NUMA");
  });

  it("a clock that runs backwards never reports a negative latency", async () => {
    const { deps, observed } = setup();
    let now = 1000;
    await answerRequest(
      { ...deps, clock: () => now-- },
      { ask: asked("numa"), render: (r) => r, send: async () => {} },
    );
    expect(observed).toEqual([{ ...OK, latencyMs: 0 }]);
  });
});
