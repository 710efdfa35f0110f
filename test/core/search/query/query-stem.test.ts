import { describe, expect, it } from "vitest";
import { queryStem, stem } from "../../../../src/core/search/query/tokenize.ts";

describe("queryStem", () => {
  it("is stem(), remembered: the same stem on a first and a repeated call", () => {
    const words = [
      "virtualization",
      "virtualisation",
      "containers",
      "operators",
      "migrating",
      "x86_64",
      "numa",
      "ballooning",
      "paravirtualising",
    ];
    const first = words.map(queryStem);
    const again = words.map(queryStem);
    expect(first).toEqual(words.map(stem));
    expect(again).toEqual(first);
    expect(first).toEqual([
      "virtual",
      "virtual",
      "container",
      "operator",
      "migrat",
      "x86_64",
      "numa",
      "balloon",
      "paravirtu",
    ]);
  });
});
