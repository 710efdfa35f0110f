// A question asking for recent talks prefers the newer of those that answer it (recency.ts).
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { explainSearch } from "../../../src/core/search/explain.ts";
import { asksRecent, RECENCY, recencyFactor } from "../../../src/core/search/recency.ts";
import { searchRequest } from "../../support/search.ts";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("databases web frameworks");
// The older talk says NUMA a little more; the newer one as much in its title.
const older = talk("older", "NUMA placement", "numa numa balancing", { year: 2016 });
const newer = talk("newer", "NUMA placement", "numa balancing", { year: 2024 });
// Newest, but saying it only in passing: a soft preference does not raise it over either.
const passing = talk("passing", "Memory balancing", "numa placement", { year: 2024 });
const catalog = [...others, older, newer, passing];

describe("a question asking for recent talks", () => {
  it("ranks the newer of two that answer about as well first", () => {
    expect(ranked(catalog, "numa placement")).toEqual(["older", "newer", "passing"]);
    expect(ranked(catalog, "latest talks on numa placement")).toEqual([
      "newer",
      "older",
      "passing",
    ]);
  });

  it("adds 1 + bonus for the catalog's newest year, half that bonus per half-life older", () => {
    const engine = { years: Int16Array.from([2010, 2022, 2024]) };
    const index = engine as unknown as Parameters<typeof recencyFactor>[0];
    expect(recencyFactor(index, 2)).toBe(1 + RECENCY.bonus);
    expect(recencyFactor(index, 1)).toBe(1 + RECENCY.bonus / 2);
    expect(recencyFactor(index, 0)).toBeCloseTo(1 + RECENCY.bonus / 128, 10);
  });

  it("is read from words as typed: folded, apostrophes and marks left out", () => {
    const phrases = [["latest"], ["whats", "new"]];
    expect(asksRecent(["What’s", "new", "in", "xen?"], phrases)).toBe(true);
    expect(asksRecent(["LATEST!"], phrases)).toBe(true);
    expect(asksRecent(["new", "whats"], phrases)).toBe(false);
  });

  it("is said by explain, with each talk's factor", () => {
    const engine = createSearchEngine({ talks: catalog });
    const request = searchRequest("latest talks on numa placement");
    const text = explainSearch(engine, request, ["newer"]).split("\n");
    expect(text).toContain(
      "  asks for recent talks: newer ones preferred (the newest year ×1.5, that bonus halved every 2 years older)",
    );
    expect(text.at(-1)).toBe("  asked for recent talks: score ×1.5");
  });
});
