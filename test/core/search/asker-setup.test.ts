// A long question in the field's words tells its asker's own setup in plain words ("we run
// a database on ampere servers"): those words are rare for being incidental, not for
// being asked, and tell less than the field's vocabulary beside them (concepts.ts,
// RANKING.plainInfo). Small invented catalogs, exact expected rankings.
import { describe, expect, it } from "vitest";
import { createCore } from "../../../src/core/answer.ts";
import { loadCatalog } from "../../../src/core/catalog.ts";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { explainSearch } from "../../../src/core/search/explain.ts";
import { searchIds, searchRequest } from "../../support/search.ts";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const talks = [
  ...otherTalks("guests"),
  talk("setup", "Ampere servers for databases", "ampere servers run a database"),
  talk("numa", "NUMA for KVM guests", "numa placement"),
  talk("huge", "Hugepages explained", "hugepages for guests"),
];

describe("the asker's setup in a long question", () => {
  it("lets no talk answer on a plain word and a loose expansion (the built-in catalog)", () => {
    // With the share for the field's vocabulary at 0.4, each of these was answered by a
    // talk that carries none of what is asked ("KVM ARM" for AMD SEV); at 0.5, none is.
    const core = createCore({ catalog: loadCatalog(), timeZone: "UTC" });
    for (const question of [
      "how can I run android apps in a sandbox on linux",
      "how do I use amd sev to protect my workloads",
      "how do I emulate a custom board for firmware testing",
    ])
      expect([question, searchIds(core, question)]).toEqual([question, []]);
  });

  it("is said so by explain", () => {
    const engine = createSearchEngine({ talks });
    const request = searchRequest(
      "we run a database on ampere servers in production, any talks on hugepages for our guests?",
    );
    const line = explainSearch(engine, request, [])
      .split("\n")
      .find((l) => l.startsWith('  concept "ampere"'));
    expect(line).toBe(
      "  concept \"ampere\": information 1.941, information ×0.7: a plain word beside the field's vocabulary (the asker's setup), weighted ×0.7 beside the rarest concept; amper@1",
    );
  });

  it("leaves keywords alone: plain words typed alone are what is asked", () => {
    expect(ranked(talks, "ampere servers")).toEqual(["setup"]);
    expect(ranked(talks, "ampere hugepages")).toEqual([]);
  });
});
