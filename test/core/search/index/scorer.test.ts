import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../../bench/shared/prng.ts";
import { EITHER_REST } from "../../../../src/core/search/index/either-groups.ts";
import { PostingList } from "../../../../src/core/search/index/postings.ts";
import { type Candidates, Scorer } from "../../../../src/core/search/index/scorer.ts";
import type { Concept } from "../../../../src/core/search/query/compile.ts";

function list(pairs: [doc: number, value: number][]): PostingList {
  const l = new PostingList();
  for (const [d, v] of pairs) l.push(d, v);
  l.trim();
  return l;
}

// Values are powers of two so that every sum below is exact.
const postings = new Map([
  [
    "numa",
    list([
      [0, 2],
      [2, 4],
      [5, 1],
    ]),
  ],
  [
    "memori",
    list([
      [1, 1],
      [2, 1],
      [3, 2],
      [5, 8],
      [6, 1],
    ]),
  ],
  [
    "local",
    list([
      [2, 2],
      [3, 4],
      [4, 1],
      [6, 16],
    ]),
  ],
  [
    "balloon",
    list([
      [3, 1],
      [4, 2],
    ]),
  ],
]);

const word = (term: string, weight = 1): Concept => ({
  label: term,
  phrase: false,
  alternatives: [{ terms: [term], weight }],
});

function rows(c: Candidates): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i < c.length; i++) out.push([c.docs[i]!, c.scores[i]!, c.masks[i]!]);
  return out.sort((a, b) => a[0] - b[0]);
}

/** Every concept worth the same (1): a talk must match `need` of them. */
function byCount(concepts: readonly Concept[], need: number) {
  const n = concepts.length;
  return { concepts, need, info: Array(n).fill(1), needInfo: need, totalInfo: n };
}

describe("Scorer", () => {
  const scorer = new Scorer(8, postings);

  it("scores one word straight from its list, weighted", () => {
    const c = scorer.score({
      ...byCount([word("numa", 0.5)], 1),
      requiredMask: 0,
      allowed: null,
    });
    expect(rows(c)).toEqual([
      [0, 1, 1],
      [2, 2, 1],
      [5, 0.5, 1],
    ]);
  });

  it("counts a talk's best alternative once, and a multi-word alternative (its greatest value) only where every word is", () => {
    const numaConcept: Concept = {
      label: "numa",
      phrase: false,
      alternatives: [
        { terms: ["numa"], weight: 1 },
        { terms: ["memori", "local"], weight: 0.5 },
      ],
    };
    const c = scorer.score({ ...byCount([numaConcept], 1), requiredMask: 0, allowed: null });
    // memori+local stand together in talks 2 (1, 2), 3 (2, 4) and 6 (1, 16): the greater, halved.
    expect(rows(c)).toEqual([
      [0, 2, 1],
      [2, 4, 1],
      [3, 2, 1],
      [5, 1, 1],
      [6, 8, 1],
    ]);
  });

  it("keeps talks matching enough concepts, scaled by the share matched", () => {
    const concepts = [word("numa"), word("memori"), word("balloon")];
    const c = scorer.score({ ...byCount(concepts, 2), requiredMask: 0, allowed: null });
    const share = 2 / 3;
    expect(rows(c)).toEqual([
      [2, 5 * share, 0b011],
      [3, 3 * share, 0b110],
      [5, 9 * share, 0b011],
    ]);
  });

  it("drops talks missing a required concept or not allowed by the filters", () => {
    const concepts = [word("numa"), word("memori"), word("balloon")];
    const allowed = Uint8Array.from([1, 1, 1, 1, 1, 0, 1, 1]);
    const c = scorer.score({ ...byCount(concepts, 2), requiredMask: 0b001, allowed });
    expect(rows(c).map((r) => r[0])).toEqual([2]);
  });

  it("scores concepts said with 'or' as one thing: a talk's best, plus a quarter of the rest", () => {
    // "numa or local" (bits 0 and 1) and "balloon": a group's information counts once.
    const concepts = [word("numa"), word("local"), word("balloon")];
    const groups = [{ mask: 0b011, info: 1 }];
    const request = { concepts, need: 1, info: [1, 1, 1], needInfo: 1, totalInfo: 2, groups };
    const c = scorer.score({ ...request, requiredMask: 0, anyMask: 0b011, allowed: null });
    expect(rows(c)).toEqual([
      [0, 2 * 0.5, 0b001],
      [2, (4 + 2 * EITHER_REST) * 0.5, 0b011],
      [3, (4 + 1) * 1, 0b110],
      [4, (1 + 2) * 1, 0b110],
      [5, 1 * 0.5, 0b001],
      [6, 16 * 0.5, 0b010],
    ]);
    // The next query, with no group, sums its concepts as always.
    const plain = scorer.score({
      ...byCount([word("numa"), word("local")], 1),
      requiredMask: 0,
      allowed: null,
    });
    expect(rows(plain).find((r) => r[0] === 2)).toEqual([2, 6, 0b011]);
  });

  it("leaves no trace for the next query", () => {
    scorer.score({
      ...byCount([word("numa"), word("local")], 1),
      requiredMask: 0,
      allowed: null,
    });
    const c = scorer.score({
      ...byCount([word("balloon")], 1),
      requiredMask: 0,
      allowed: null,
    });
    expect(rows(c)).toEqual([
      [3, 1, 1],
      [4, 2, 1],
    ]);
  });

  it("finds nothing for a word no talk holds", () => {
    const c = scorer.score({ ...byCount([word("kafka")], 1), requiredMask: 0, allowed: null });
    expect(c.length).toBe(0);
  });
});

describe("Scorer against a plain reference", () => {
  /** The definition, written the slow way: per talk, per concept, the best alternative. */
  function reference(
    concepts: readonly Concept[],
    lists: Map<string, PostingList>,
    n: number,
    need: number,
    requiredMask: number,
    allowed: Uint8Array | null,
  ) {
    const maps = new Map(
      [...lists].map(([t, l]) => [t, new Map([...l.docs].map((d, i) => [d, l.values[i]!]))]),
    );
    const value = (term: string, d: number) => maps.get(term)?.get(d) ?? null;
    const out: [number, number, number][] = [];
    for (let d = 0; d < n; d++) {
      let total = 0;
      let mask = 0;
      concepts.forEach((c, bit) => {
        let best = 0;
        for (const alt of c.alternatives) {
          const vs = alt.terms.map((t) => value(t, d));
          if (vs.some((v) => v === null)) continue;
          const v = vs.reduce((a: number, b) => Math.max(a, b!), 0) * alt.weight;
          if (v > best) best = v;
        }
        if (best > 0) {
          total += best;
          mask |= 1 << bit;
        }
      });
      let matched = 0;
      for (let b = mask; b; b &= b - 1) matched++;
      const ok = (mask & requiredMask) === requiredMask && (!allowed || allowed[d]);
      if (mask && matched >= need && ok) out.push([d, total * (matched / concepts.length), mask]);
    }
    return out;
  }

  it("gives the same candidates, scores and bits on random lists and synonym-like concepts", () => {
    const random = seededRandom(11);
    const n = 3000;
    const terms = ["a", "b", "c", "d", "e", "f"];
    const lists = new Map<string, PostingList>();
    for (const [k, t] of terms.entries()) {
      const density = [0.9, 0.5, 0.1, 0.02, 0.3, 0.005][k]!;
      const pairs: [number, number][] = [];
      for (let d = 0; d < n; d++)
        if (random.next() < density) pairs.push([d, random.int(1, 64) / 16]);
      lists.set(t, list(pairs));
    }
    const scorer = new Scorer(n, lists);
    for (let round = 0; round < 60; round++) {
      const concepts: Concept[] = Array.from({ length: random.int(1, 5) }, (_, i) => ({
        label: `c${i}`,
        phrase: false,
        alternatives: Array.from({ length: random.int(1, 4) }, () => ({
          terms: Array.from({ length: random.int(1, 3) }, () => random.pick([...terms, "missing"])),
          weight: random.pick([1, 0.9, 0.7, 0.5]),
        })),
      }));
      const need = random.int(1, concepts.length);
      const requiredMask = random.next() < 0.3 ? 1 : 0;
      const allowed =
        random.next() < 0.4
          ? Uint8Array.from({ length: n }, () => (random.next() < 0.5 ? 1 : 0))
          : null;
      const got = rows(scorer.score({ ...byCount(concepts, need), requiredMask, allowed }));
      expect(got).toEqual(reference(concepts, lists, n, need, requiredMask, allowed));
    }
  });
});
