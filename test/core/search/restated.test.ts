// A long question often says its subject twice in other words ("a virtual tpm … any talks
// on vtpm"): one thing asked, counted once (routes.ts marks the second `restates`,
// either.ts askedGroups groups it as alternatives said with "or"). Counted twice, it
// outweighed the rest of the question, and talks on it alone outranked those on the rest.
// Small invented catalogs, exact expected rankings.
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { explainSearch } from "../../../src/core/search/explain.ts";
import type { Concept } from "../../../src/core/search/query/concept.ts";
import { askedGroups } from "../../../src/core/search/query/either.ts";
import { oneScorePerRoute } from "../../../src/core/search/query/routes.ts";
import { searchRequest } from "../../support/search.ts";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const concept = (label: string, alts: [string, number][], more: Partial<Concept> = {}) => ({
  label,
  phrase: false,
  alternatives: alts.map(([t, weight]) => ({ terms: t.split(" "), weight })),
  ...more,
});

describe("a concept that says another again", () => {
  it("is one that leads to the other's typed form and back (synonyms)", () => {
    const routed = oneScorePerRoute([
      concept("vtpm", [
        ["vtpm", 1],
        ["virtual tpm", 0.7],
      ]),
      concept("secure boot", [["secure boot", 1]]),
      concept("virtual tpm", [
        ["virtual tpm", 1],
        ["vtpm", 0.7],
      ]),
    ]);
    expect(routed.map((c) => c.restates)).toEqual([2, undefined, 0]);
  });

  it("or one typed in two forms (it holds the other's at its own weight)", () => {
    const routed = oneScorePerRoute([
      concept("backup", [["backup", 1]]),
      concept("backups", [
        ["backups", 1],
        ["backup", 1],
      ]),
    ]);
    expect(routed.map((c) => c.restates)).toEqual([undefined, 0]);
  });

  it("is not one leading to the other only: a related thing asked beside it", () => {
    // "serverless … firecracker": serverless leads to firecracker, not back; both asked.
    const routed = oneScorePerRoute([
      concept("serverless", [
        ["serverless", 1],
        ["firecracker", 0.7],
      ]),
      concept("firecracker", [["firecracker", 1]]),
    ]);
    expect(routed.map((c) => c.restates)).toEqual([undefined, undefined]);
  });

  it("groups with what it says again, and with that one's alternatives", () => {
    const concepts = [
      concept("sev", [["sev", 1]]),
      concept("tdx", [["tdx", 1]], { either: true }),
      concept("guests", [["guests", 1]]),
      concept("trust domains", [["trust domains", 1]], { restates: 1 }),
      concept("vtpm", [["vtpm", 1]], { restates: 5 }),
      concept("virtual tpm", [["virtual tpm", 1]], { restates: 4 }),
    ];
    expect(askedGroups(concepts)).toEqual([
      [0, 1, 3],
      [4, 5],
    ]);
    // Keywords: each typed word is what was asked; only "or" groups them.
    expect(askedGroups(concepts, false)).toEqual([[0, 1]]);
  });
});

const talks = [
  ...otherTalks("databases web frameworks"),
  talk("tpm", "Virtual TPM devices", "a vtpm for guests"),
  talk("tpm2", "Emulated TPMs", "swtpm gives guests a virtual tpm"),
  talk("boot", "Secure boot for guests", "signed firmware and secure boot in guests"),
  talk("both", "Guest firmware", "secure boot and a vtpm in guests"),
];
const question = "virtual tpm and secure boot for guests, any talks on vtpm";

describe("a question saying its subject twice", () => {
  it("weighs it as once beside the rest of what it asks", () => {
    // Counted twice, the two TPM talks came before the secure boot one.
    expect(ranked(talks, question)).toEqual(["both", "boot", "tpm", "tpm2"]);
  });

  it("leaves keywords alone: synonyms typed as keywords are each what was asked", () => {
    // Both counted: the TPM talks carry the share keywords need, the secure boot one not.
    expect(ranked(talks, "vtpm secure boot virtual tpm")).toEqual(["both", "tpm", "tpm2"]);
  });

  it("is said so by explain", () => {
    const engine = createSearchEngine({ talks });
    const line = explainSearch(engine, searchRequest(question), [])
      .split("\n")
      .find((l) => l.includes("said again"));
    expect(line).toBe(
      '  "virtual tpm" and "vtpm": one thing asked (said again in other words), a talk scores its best of them and ×0.25 of the rest',
    );
  });
});
