import { describe, expect, it } from "vitest";
import { type Concept, fieldVocabulary } from "../../../../src/core/search/query/concept.ts";

const concept = (extra: Partial<Concept>): Concept => ({
  label: "w",
  alternatives: [{ terms: ["w"], weight: 1 }],
  phrase: false,
  ...extra,
});

describe("fieldVocabulary", () => {
  it("is a known word the asker typed, not a filter's support concept", () => {
    expect(fieldVocabulary(concept({ known: true }))).toBe(true);
    expect(fieldVocabulary(concept({ known: true, support: true }))).toBe(false);
    expect(fieldVocabulary(concept({ known: false }))).toBe(false);
    expect(fieldVocabulary(concept({}))).toBe(false);
    expect(fieldVocabulary(concept({ setting: true, named: true }))).toBe(false);
  });
});
