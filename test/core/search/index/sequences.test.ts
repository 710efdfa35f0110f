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
});
