// Typo corrections: the closest words of the vocabulary, kept once worked out (the same
// slips come back); what a caller does with a returned list never changes the next one.
import { expect, it } from "vitest";
import { Vocabulary } from "../../../src/core/search/query/vocabulary.ts";

it("corrects a slip to the closest words, the same again from its cache", () => {
  const vocabulary = new Vocabulary();
  for (const [word, count] of [
    ["migration", 5],
    ["migrations", 1],
    ["memory", 3],
    ["virtualization", 2],
  ] as const)
    vocabulary.add(word, count);
  const first = vocabulary.correct("migraton");
  expect(first.map((c) => c.word)).toEqual(["migration", "migrations"]);
  first.length = 0;
  expect(vocabulary.correct("migraton")).toEqual(vocabulary.correct("migraton"));
  expect(vocabulary.correct("migraton").map((c) => c.word)).toEqual(["migration", "migrations"]);
  expect(vocabulary.correct("migraton", 1).map((c) => c.word)).toEqual(["migration"]);
  expect(vocabulary.correct("memory")).toEqual([]);
});
