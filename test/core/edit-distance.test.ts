import { describe, expect, it } from "vitest";
import { editDistance } from "../../src/core/edit-distance.ts";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("", "")).toBe(0);
    expect(editDistance("numa", "numa")).toBe(0);
    expect(editDistance("", "vfio")).toBe(4);
    expect(editDistance("balon", "balloon")).toBe(2);
    expect(editDistance("kvm", "xvm")).toBe(1);
    expect(editDistance("europe/berln", "europe/berlin")).toBe(1);
  });
  it("counts a swap of two neighbouring letters as one edit", () => {
    expect(editDistance("mirgation", "migration")).toBe(1);
    expect(editDistance("ab", "ba")).toBe(1);
  });
});
