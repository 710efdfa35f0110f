import { describe, expect, it } from "vitest";
import { WordTable } from "../../../../src/core/search/index/word-table.ts";
import { Vocabulary } from "../../../../src/core/search/query/vocabulary.ts";

const WORDS = ["migration", "migrating", "balloon", "ballot", "numa", "nomad"];
const COUNTS = [5, 2, 3, 0, 4, 1];

/** The same words, once added one by one and once read in place from a word table. */
function both(): [Vocabulary, Vocabulary] {
  const added = new Vocabulary();
  WORDS.forEach((w, i) => {
    if (COUNTS[i]! > 0) added.add(w, COUNTS[i]);
  });
  const table = new WordTable();
  for (const w of WORDS) table.idOf(w);
  return [added, new Vocabulary(table, Int32Array.from(COUNTS))];
}

describe("Vocabulary", () => {
  it("prefers a missed or doubled letter to a closer-scored substitution", () => {
    const v = new Vocabulary();
    v.add("baron", 9);
    v.add("bacon", 5);
    v.add("balloon", 2);
    expect(v.correct("balon", 3).map((c) => c.word)).toEqual(["balloon", "baron", "bacon"]);
    expect(v.correct("barom", 3).map((c) => c.word)).toEqual(["baron"]);
  });

  it("holds the words some talk holds, added or read from the word table", () => {
    for (const v of both()) {
      expect(WORDS.map((w) => v.has(w))).toEqual([true, true, true, false, true, true]);
      expect(v.has("hypervisor")).toBe(false);
    }
  });

  it("corrects to the same words either way; a word no talk holds is never a correction", () => {
    const [added, table] = both();
    for (const typo of ["migraton", "ballon", "ballo", "nuam", "balot"])
      expect(table.correct(typo)).toEqual(added.correct(typo));
    expect(table.correct("migraton").map((c) => c.word)).toEqual(["migration", "migrating"]);
    expect(table.correct("balot").map((c) => c.word)).toEqual(["balloon"]); // never "ballot"
  });

  it("a vocabulary read from the word table takes no words of its own", () => {
    expect(() => both()[1].add("kvm")).toThrow("read-only");
  });
});
