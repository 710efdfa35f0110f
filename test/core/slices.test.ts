// The two ways to run a build written as steps: at once, or in slices with the event loop
// getting turns in between (what a reload needs to keep answering).
import { describe, expect, it } from "vitest";
import { runSteps, runStepsInSlices } from "../../src/core/slices.ts";

function* counting(steps: number, log: string[]): Generator<void, number> {
  for (let i = 0; i < steps; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return steps * 10;
}

describe("steps", () => {
  it("runs them at once", () => {
    const log: string[] = [];
    expect(runSteps(counting(3, log))).toBe(30);
    expect(log).toEqual(["step 0", "step 1", "step 2"]);
  });

  it("in slices, gives the event loop a turn between slices and returns the same", async () => {
    const log: string[] = [];
    // A zero-length slice ends after every step: other tasks run in between.
    let running = true;
    const other = () => {
      log.push("other");
      if (running) setImmediate(other);
    };
    setImmediate(other);
    const value = await runStepsInSlices(counting(3, log), 0);
    running = false;
    expect(value).toBe(30);
    expect(log.filter((l) => l.startsWith("step"))).toEqual(["step 0", "step 1", "step 2"]);
    expect(log.indexOf("other")).toBeGreaterThan(0);
    expect(log.indexOf("other")).toBeLessThan(log.indexOf("step 2"));
  });

  it("keeps going within a slice: no turn while the slice lasts", async () => {
    const log: string[] = [];
    let turns = 0;
    const tick = () => {
      turns++;
    };
    setImmediate(tick);
    expect(await runStepsInSlices(counting(50, log), 60_000)).toBe(500);
    // The one immediate queued before ran only after the build: no slice ended early.
    expect(turns).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(turns).toBe(1);
  });

  it("passes a step's error on", async () => {
    function* failing(): Generator<void, number> {
      yield;
      throw new Error("bad step");
    }
    expect(() => runSteps(failing())).toThrow("bad step");
    await expect(runStepsInSlices(failing(), 0)).rejects.toThrow("bad step");
  });
});
