import { describe, expect, it } from "vitest";
import { median, percentile, worstP99 } from "../../../bench/search/measure.ts";

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("percentile (nearest rank)", () => {
  it("takes the 99th of 100 times for p99, not the slowest", () => {
    expect(percentile(oneTo(100), 99)).toBe(99);
    expect(percentile(oneTo(100), 50)).toBe(50);
    expect(percentile(oneTo(100), 95)).toBe(95);
  });
  it("takes the 297th of 300 for p99, and the only one of one", () => {
    expect(percentile(oneTo(300), 99)).toBe(297);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([7], 50)).toBe(7);
  });
});

describe("median", () => {
  it("takes the upper middle and leaves its input unsorted", () => {
    const xs = [3, 1, 2, 4];
    expect(median(xs)).toBe(3);
    expect(xs).toEqual([3, 1, 2, 4]);
  });
});

describe("worstP99", () => {
  it("pools each query's times over the rounds before taking its p99", () => {
    // Query 0: one slow run in 300 (a pause) does not set its p99; query 1's are steady.
    const q0 = (slow: boolean) => oneTo(100).map((i) => (slow && i === 50 ? 40 : 1));
    const q1 = () => oneTo(100).map(() => 2);
    expect(
      worstP99([
        [q0(true), q1()],
        [q0(false), q1()],
        [q0(false), q1()],
      ]),
    ).toBe(2);
    // Four slow runs in 300 do: the p99 is the fourth slowest.
    const q0x = () => oneTo(100).map((i) => (i <= 2 ? 40 : 1));
    expect(
      worstP99([
        [q0x(), q1()],
        [q0x(), q1()],
        [q0(false), q1()],
      ]),
    ).toBe(40);
  });
  it("is 0 for no rounds", () => {
    expect(worstP99([])).toBe(0);
  });
});
