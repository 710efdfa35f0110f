import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isBreakTitle, loadBreakWords } from "../../src/import/break-title.ts";

describe("break titles", () => {
  it("is a break only when every word of the title is a break word", () => {
    const words = loadBreakWords(mkdtempSync(join(tmpdir(), "virt-break-")));
    expect(
      ["Coffee break", "Lunch", "Mittagspause", "Coffee & tea break"].map((t) =>
        isBreakTitle(t, words),
      ),
    ).toEqual([true, true, true, true]);
    expect(
      ["Welcome to the KVM stand", "Virtualization BOF", "Break the hypervisor", ""].map((t) =>
        isBreakTitle(t, words),
      ),
    ).toEqual([false, false, false, false]);
  });

  it("knows a day's other pauses: morning and afternoon tea, a room changeover", () => {
    const words = loadBreakWords(mkdtempSync(join(tmpdir(), "virt-break-")));
    expect(
      ["Afternoon break", "Morning tea", "Afternoon Tea", "Room changeover", "Morning keynote"].map(
        (t) => isBreakTitle(t, words),
      ),
    ).toEqual([true, true, true, true, false]);
  });

  it("is a break also when what follows the title's last ': ' is (a slot's kind first)", () => {
    const words = loadBreakWords(mkdtempSync(join(tmpdir(), "virt-break-")));
    expect(
      ["Main Conference: lunch", "Day 2: Coffee break", "Keynote: Break the hypervisor"].map((t) =>
        isBreakTitle(t, words),
      ),
    ).toEqual([true, true, false]);
  });

  it("reads DATA_DIR's own list, and the built-in one when DATA_DIR has none", () => {
    const dir = mkdtempSync(join(tmpdir(), "virt-break-"));
    expect(loadBreakWords(dir).has("lunch")).toBe(true);
    writeFileSync(join(dir, "break-titles.json"), JSON.stringify({ words: ["Siesta"] }));
    expect([...loadBreakWords(dir)]).toEqual(["siesta"]);
  });
});
