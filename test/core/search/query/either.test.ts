// Words joined by "or" (either.ts): which words stand after a joiner, and how concepts
// said as alternatives group and count.
import { describe, expect, it } from "vitest";
import type { Concept } from "../../../../src/core/search/query/concept.ts";
import { afterJoiner, askedInfo, eitherGroups } from "../../../../src/core/search/query/either.ts";
import { rawWords } from "../../../../src/core/search/query/tokenize.ts";

const concept = (label: string, more: Partial<Concept> = {}): Concept => ({
  label,
  phrase: false,
  alternatives: [{ terms: [label], weight: 1 }],
  ...more,
});

describe("words after a joiner", () => {
  it("marks the kept word after 'or', counting only words the query keeps", () => {
    expect(afterJoiner(rawWords("should i use vhost-net or dpdk vhost-user?"))).toEqual([
      false, // should
      false, // use
      false, // vhost-net
      true, // dpdk
      false, // vhost-user
    ]);
  });

  it("ignores an 'or' that opens the text", () => {
    expect(afterJoiner(rawWords("or numa"))).toEqual([false]);
  });
});

describe("concepts said as alternatives", () => {
  it("group the concepts each joined to the one before, phrases and support apart", () => {
    const concepts = [
      concept("kvm"),
      concept("sev"),
      concept("tdx", { either: true }),
      concept("cca", { either: true }),
      concept("guests"),
      concept("topic", { support: true, either: true }),
    ];
    expect(eitherGroups(concepts)).toEqual([[1, 2, 3]]);
  });

  it("count once, as the most informative of them", () => {
    expect(askedInfo([1, 4, 3, 2], [[1, 2]])).toEqual([1, 4, 0, 2]);
  });
});
