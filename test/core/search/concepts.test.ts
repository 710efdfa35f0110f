// Which concept a talk must match (concepts.ts acceptance): the most informative one,
// unless that is a plain word of a sentence beside the field's vocabulary that tells
// nearly as much, or that together tells more.
import { describe, expect, it } from "vitest";
import { acceptance } from "../../../src/core/search/concepts.ts";
import { PostingList } from "../../../src/core/search/index/postings.ts";
import type { Concept } from "../../../src/core/search/query/concept.ts";

const N = 10_000;

/** A posting list of `df` talks (only its length counts here). */
function list(df: number): PostingList {
  const l = new PostingList(df);
  for (let d = 0; d < df; d++) l.push(d, 1);
  return l;
}

const plain = (label: string): Concept => ({
  label,
  alternatives: [{ terms: [label], weight: 1 }],
  phrase: false,
  everyday: false,
});
const known = (label: string): Concept => ({
  label,
  alternatives: [{ terms: [label], weight: 1 }],
  phrase: false,
  known: true,
});

describe("the concept a talk must match", () => {
  const required = (concepts: Concept[], dfs: Record<string, number>) => {
    const postings = new Map(Object.entries(dfs).map(([t, df]) => [t, list(df)]));
    const { requiredMask } = acceptance(concepts, postings, N);
    return concepts.filter((_, i) => requiredMask & (1 << i)).map((c) => c.label);
  };

  it("is a rare plain word of keywords", () => {
    expect(
      required([plain("milliseconds"), known("serverless")], { milliseconds: 15, serverless: 140 }),
    ).toEqual(["milliseconds"]);
  });

  it("is the field's vocabulary of a sentence when it tells nearly as much (×0.7)", () => {
    const concepts = [plain("booting"), plain("milliseconds"), known("serverless")];
    expect(required(concepts, { booting: 200, milliseconds: 15, serverless: 40 })).toEqual([
      "serverless",
    ]);
  });

  it("is the field's vocabulary of a sentence when its concepts together tell more", () => {
    const concepts = [plain("booting"), known("vms"), plain("milliseconds"), known("serverless")];
    const dfs = { booting: 200, vms: 600, milliseconds: 15, serverless: 140 };
    expect(required(concepts, dfs)).toEqual(["serverless"]);
    // One domain concept alone, telling less than the plain word: the plain word decides.
    expect(required([plain("booting"), plain("milliseconds"), known("serverless")], dfs)).toEqual([
      "milliseconds",
    ]);
  });
});
