// Asking field-senses.ts otherSense of a question typed as text, its concepts given by
// label: shared by the field-senses tests.
import { type FieldSenses, otherSense } from "../../../src/core/search/field-senses.ts";
import type { Concept } from "../../../src/core/search/query/concept.ts";

/** Plain concepts labelled `labels`, as the compiler would give a question's words. */
export const concepts = (...labels: string[]): Concept[] =>
  labels.map((label) => ({ label, alternatives: [], phrase: false }));

/** The senses read in a question whose concepts are `labels`, typed as `text`. */
export const readBy =
  (table: FieldSenses) =>
  (text: string, ...labels: string[]) => [
    ...otherSense(concepts(...labels), text.split(" "), table),
  ];
