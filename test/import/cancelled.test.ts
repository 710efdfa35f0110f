import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  isCancelledTitle,
  isOffState,
  loadCancelWords,
  unmarkedCancelledTitle,
} from "../../src/import/cancelled.ts";

describe("cancelled talks", () => {
  const words = loadCancelWords(mkdtempSync(join(tmpdir(), "virt-cancel-")));

  it("a marker word opening or ending the title in capitals, with a colon or dash, or in brackets", () => {
    expect(
      [
        "CANCELLED Memory tiering",
        "CANCELED: Memory tiering",
        "CANCELLED - Memory tiering",
        "Cancelled: Memory tiering",
        "[Cancelled] Memory tiering",
        "Memory tiering (abgesagt)",
        "Memory tiering - cancelled",
        "Memory tiering CANCELLED",
      ].map((t) => isCancelledTitle(t, words)),
    ).toEqual([true, true, true, true, true, true, true, true]);
  });

  it("not a title that only has the word", () => {
    expect(
      [
        "Cancellation in async device models",
        "Informal discussion (original talk cancelled)",
        "Memory tiering cancelled",
        "Cancelled",
        "",
      ].map((t) => isCancelledTitle(t, words)),
    ).toEqual([false, false, false, false, false]);
  });

  it("the title without its marker: what a record imported before the cancellation is found by", () => {
    expect(
      [
        "CANCELLED gopy: extend CPython with Go",
        "[Cancelled] Memory tiering",
        "Memory tiering (abgesagt)",
        "Memory tiering - cancelled",
        "Cancellation in async device models",
      ].map((t) => unmarkedCancelledTitle(t, words)),
    ).toEqual([
      "gopy: extend CPython with Go",
      "Memory tiering",
      "Memory tiering",
      "Memory tiering",
      null,
    ]);
  });

  it("states that say a talk is off", () => {
    expect(
      ["CANCELLED", "canceled", "WITHDRAWN", "CONFIRMED", "TENTATIVE", ""].map(isOffState),
    ).toEqual([true, true, true, false, false, false]);
  });

  it("reads DATA_DIR's own list, and the built-in one when DATA_DIR has none", () => {
    const dir = mkdtempSync(join(tmpdir(), "virt-cancel-"));
    expect(loadCancelWords(dir).has("cancelled")).toBe(true);
    writeFileSync(join(dir, "cancelled-titles.json"), JSON.stringify({ words: ["Storniert"] }));
    expect([...loadCancelWords(dir)]).toEqual(["storniert"]);
  });
});
