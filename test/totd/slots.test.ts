// The daily post's send slots: at most `size` attempts at once, the rest waiting first come
// first served, and a slot freed by a failing attempt as by a succeeding one.
import { describe, expect, it } from "vitest";
import { createSlots } from "../../src/totd/slots.ts";

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

describe("send slots", () => {
  it("runs at most `size` at once, in the order asked, and frees a slot on failure too", async () => {
    const slots = createSlots(2);
    const started: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      slots.run(async () => {
        started.push(i);
        await g.opened;
        if (i === 0) throw new Error("refused");
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[0]!.open(); // fails: its slot goes to the next in line
    await expect(runs[0]).rejects.toThrow("refused");
    expect(started).toEqual([0, 1, 2]);
    gates[2]!.open();
    expect(await runs[2]).toBe(2);
    expect(started).toEqual([0, 1, 2, 3]);
    gates[1]!.open();
    gates[3]!.open();
    expect(await Promise.all([runs[1], runs[3]])).toEqual([1, 3]);
    // All slots free again: the next two start at once.
    const later: number[] = [];
    const never = new Promise<void>(() => {});
    void slots.run(async () => {
      later.push(1);
      await never;
    });
    void slots.run(async () => {
      later.push(2);
      await never;
    });
    await Promise.resolve();
    expect(later).toEqual([1, 2]);
  });
});
