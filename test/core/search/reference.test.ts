// The fast scorer (index build, scorer, top-k) against the plain reference on random
// catalogs and queries: the same talks, in the same order, with the same scores.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptance } from "../../../src/core/search/concepts.ts";
import { buildIndex } from "../../../src/core/search/index/build.ts";
import { Scorer } from "../../../src/core/search/index/scorer.ts";
import { topCandidates } from "../../../src/core/search/index/top.ts";
import type { Concept } from "../../../src/core/search/query/compile.ts";
import { stem } from "../../../src/core/search/query/tokenize.ts";
import { referenceRanking, referenceValues } from "../../../src/core/search/reference.ts";
import { talkWith } from "../../support/talks.ts";

const WORDS = [
  "numa",
  "memory",
  "migration",
  "live",
  "vfio",
  "sr-iov",
  "the",
  "guest",
  "xen",
  "kvm",
  "balloon",
  "io_uring",
];
const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }).map((w) => w.join(" "));
const talk = fc.record({
  title: text,
  summary: text,
  keyPoints: fc.array(text, { maxLength: 3 }),
  topics: fc.array(fc.constantFrom("numa", "live-migration", "vfio"), { maxLength: 2 }),
  speakers: fc.array(fc.constantFrom("Ann Numa", "Bob Xen", "Cy Kvm"), { maxLength: 2 }),
  year: fc.integer({ min: 2009, max: 2012 }),
  // Titles repeat, so ties fall through to the id.
});
const catalog = fc
  .array(talk, { minLength: 1, maxLength: 40 })
  .map((ts) => ts.map((t, i) => talkWith({ ...t, id: `t${String(i).padStart(2, "0")}` })));

const TERMS = [
  ...new Set(WORDS.flatMap((w) => [stem(w.replace(/[-_]/g, "")), ...w.split(/[-_]/).map(stem)])),
];
const alternative = fc.record({
  terms: fc.array(fc.constantFrom(...TERMS, "absent"), { minLength: 1, maxLength: 2 }),
  weight: fc.constantFrom(1, 0.9, 0.7, 0.5, 0.35),
  adjacent: fc.boolean(),
});
const concepts = fc.array(
  fc.record({
    label: fc.constant("c"),
    phrase: fc.constant(false),
    alternatives: fc.array(alternative, { minLength: 1, maxLength: 3 }),
    // Said after "or": alternatives, counted once (either.ts).
    either: fc.boolean(),
  }),
  { minLength: 1, maxLength: 6 },
);

describe("the fast scorer", () => {
  it("ranks random catalogs exactly as the reference does", () => {
    fc.assert(
      fc.property(
        catalog,
        concepts,
        fc.nat(),
        fc.integer({ min: 1, max: 45 }),
        fc.option(fc.nat(), { nil: null }),
        (talks, cs: Concept[], maskSeed, keep, allowSeed) => {
          const allowed =
            allowSeed === null
              ? null
              : Uint8Array.from(
                  talks,
                  (_, d) => ((allowSeed >> (d % 30)) & 1) | (d % 3 === 0 ? 1 : 0),
                );
          const index = buildIndex(talks);
          // The engine's acceptance for this catalog, and now and then a required concept more.
          const accept = acceptance(cs, index.postings, talks.length);
          const requiredMask = accept.requiredMask | (maskSeed & ((1 << cs.length) - 1) & 0b100);
          const query = { concepts: cs, allowed, ...accept, requiredMask };

          const found = new Scorer(talks.length, index.postings, index).score(query);
          const fast = topCandidates(found, keep, talks).map((i) => ({
            talk: found.docs[i]!,
            score: found.scores[i]!,
            mask: found.masks[i]!,
          }));
          const reference = referenceRanking(talks, referenceValues(talks), query).slice(0, keep);
          expect(fast).toEqual(reference);
        },
      ),
      { numRuns: 300, seed: 17 },
    );
    // About 2 s of CPU, always the same (seed 17), all of it scoring: on the 2 shared cores
    // at a load of 30 a full run gave it a few percent of a core and it took 39 s. The
    // default 20 s bounds a hang, not this.
  }, 90_000);
});
