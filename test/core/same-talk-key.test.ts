// The key that says two records are the same talk (loader and importer): one fold for
// ASCII and non-Latin text alike.
import { describe, expect, it } from "vitest";
import { sameTalkKey } from "../../src/core/talk.ts";

describe("sameTalkKey", () => {
  it("folds case, accents and punctuation; speakers in any order", () => {
    expect(sameTalkKey(2026, "  Live-Migration: VFIO & vIOMMU! ", ["Zoë Ng", "Ada Lind"])).toBe(
      "2026:live migration vfio viommu:ada lind|zoe ng",
    );
    expect(sameTalkKey(2026, "Café Überblick", [])).toBe("2026:cafe uberblick:");
  });

  it("keeps non-Latin titles apart", () => {
    expect(sameTalkKey(2026, "Виртуализация памяти", ["Иван"])).toBe(
      "2026:виртуализация памяти:иван",
    );
    expect(sameTalkKey(2026, "虚拟化", [])).toBe("2026:虚拟化:");
  });
});
