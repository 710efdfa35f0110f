import { describe, expect, it } from "vitest";
import { SequencesBuilder } from "../../../../src/core/search/index/sequences.ts";

const run = (...terms: number[]) => Int32Array.from(terms);

describe("TermSequences", () => {
  it("finds runs within one field of one talk only", () => {
    const b = new SequencesBuilder(2);
    for (const t of [1, 2, 3]) b.push(t);
    b.endField();
    for (const t of [4, 5]) b.push(t);
    b.endTalk();
    for (const t of [3, 4]) b.push(t);
    b.endTalk();
    const s = b.finish();
    expect(s.contains(0, run(1, 2, 3))).toBe(true);
    expect(s.contains(0, run(2, 3))).toBe(true);
    expect(s.contains(0, run(3, 4))).toBe(false); // across fields
    expect(s.contains(1, run(3, 4))).toBe(true);
    expect(s.contains(1, run(4, 5))).toBe(false); // another talk's words
    expect(s.contains(0, run(0))).toBe(false); // term 0 is not the separator
    expect(s.contains(1, run())).toBe(true);
  });

  it("widens to 32 bits when a term id passes 65,534", () => {
    const b = new SequencesBuilder(1);
    b.push(7);
    b.push(70_000);
    b.push(65_535);
    b.endTalk();
    const s = b.finish();
    expect(s.contains(0, run(7, 70_000, 65_535))).toBe(true);
    expect(s.bytes).toBe(3 * 4 + 2 * 4 + 4);
  });

  it("keeps runs that cross a storage chunk, and finishes in one step per chunk", () => {
    // 70,000 terms in one field: more than one 65,536-entry chunk.
    const b = new SequencesBuilder(2);
    for (let i = 0; i < 70_000; i++) b.push(i % 1000);
    b.endTalk();
    b.push(1);
    b.push(2);
    b.endTalk();
    const steps = b.finishing();
    let yields = 0;
    let next = steps.next();
    while (!next.done) {
      yields++;
      next = steps.next();
    }
    const s = next.value;
    expect(yields).toBe(2);
    expect(s.contains(0, run(535, 536, 537))).toBe(true); // entries 65,535-65,537 straddle chunks
    expect(s.contains(1, run(1, 2))).toBe(true);
    expect(s.contains(1, run(2, 3))).toBe(false);
    expect(s.bytes).toBe((70_000 + 1 + 2 + 1) * 2 + 3 * 4); // Uint16: every id is small
  });
});
