import { describe, expect, it } from "vitest";
import { buildGramIndex } from "../../../../src/core/search/index/grams.ts";
import { runSteps } from "../../../../src/core/slices.ts";

describe("buildGramIndex", () => {
  it("lists, per first letter and trigram of the padded word, the ids of the words holding it", () => {
    const words = ["numa", "nums", "xen", "io", "2024", "nnnn"];
    const index = runSteps(buildGramIndex(words, (w) => w.length >= 3 && !/^\d+$/.test(w)));
    expect([...index.get("n nu")!]).toEqual([0, 1]);
    expect([...index.get("nnum")!]).toEqual([0, 1]);
    expect([...index.get("numa")!]).toEqual([0]);
    expect([...index.get("nma ")!]).toEqual([0]);
    expect([...index.get("x xe")!]).toEqual([2]);
    expect([...index.get("xen ")!]).toEqual([2]);
    // A trigram twice in one word ("nnn" in "nnnn") lists the word once.
    expect([...index.get("nnnn")!]).toEqual([5]);
    // Words left out (too short, digits) and keys of another first letter are not there.
    expect(index.get("i io")).toBeUndefined();
    expect(index.get("2202")).toBeUndefined();
    expect(index.get("xnum")).toBeUndefined();
    // n: " nu" "num" "uma" "ma " "ums" "ms " " nn" "nnn" "nn "; x: " xe" "xen" "en ".
    expect(index.size).toBe(12);
  });

  it("keeps every key apart over thousands of words, and yields as it goes", () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
    const steps = buildGramIndex(words, () => true);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    const index = step.value;
    expect(yields).toBe(4);
    expect([...index.get("w wa")!].length).toBe(words.filter((w) => w.startsWith("wa")).length);
    expect([...index.get("w3rx")!]).toEqual(
      words.flatMap((w, i) => (w.includes("3rx") ? [i] : [])),
    );
    expect(index.get("wzzz")).toBeUndefined();
  });
});
