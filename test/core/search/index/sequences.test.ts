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
    const b = new SequencesBuilder(2);
    b.push(7);
    b.endTalk();
    b.push(7);
    b.push(70_000);
    b.push(65_535);
    b.endTalk();
    const s = b.finish();
    expect(s.contains(0, run(7))).toBe(true);
    expect(s.contains(1, run(7, 70_000, 65_535))).toBe(true);
    expect(s.contains(1, run(70_000, 7))).toBe(false);
    // One chunk of 2^18 entries, copied wide; three ints a talk.
    expect(s.bytes).toBe((1 << 18) * 4 + 2 * 3 * 4);
  });

  it("keeps a talk whole in one chunk, moving it to the next when it would not fit", () => {
    const b = new SequencesBuilder(3);
    // Talk 0 fills most of the first chunk; talk 1 starts in it and moves to the next.
    for (let i = 0; i < (1 << 18) - 10; i++) b.push(i % 1000);
    b.endTalk();
    for (let i = 0; i < 30; i++) b.push(i);
    b.endTalk();
    // Talk 2 is longer than a chunk: it gets a chunk of its own size.
    for (let i = 0; i < 300_000; i++) b.push(i % 997);
    b.endTalk();
    const steps = b.finishing();
    const next = steps.next();
    expect(next.done).toBe(true);
    const s = next.value!;
    expect(s.contains(0, run(535, 536, 537))).toBe(true);
    expect(s.contains(1, run(0, 1, 2))).toBe(true);
    expect(s.contains(1, run(27, 28, 29))).toBe(true); // entries past the first chunk's end
    expect(s.contains(1, run(29, 30))).toBe(false);
    expect(s.contains(2, run(995, 996, 0, 1))).toBe(true);
    expect(s.contains(2, run(996, 997))).toBe(false);
  });
});
