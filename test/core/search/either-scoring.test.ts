// Concepts said with "or" are one thing asked (index/scorer.ts addEither): a talk naming
// both in passing does not outrank one about either.
import { describe, expect, it } from "vitest";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("databases web frameworks");
const deep = talk("deep", "TDX deep dive", "how tdx protects a guest");
const sev = talk("sev", "SEV explained", "how sev protects a guest");
const both = talk("both", "Cloud attestation", "works with sev and with tdx");

describe("a question asking for one thing or another", () => {
  it("ranks a talk about either above one naming both in passing", () => {
    // (Summing them, "both" came first: twice the matches of either.)
    const ids = ranked([...others, both, deep, sev], "sev or tdx");
    expect(ids.slice(0, 2).sort()).toEqual(["deep", "sev"]);
    expect(ids[2]).toBe("both");
  });

  it("still ranks a talk on both above one on neither", () => {
    expect(ranked([...others, both, deep], "tdx or sev")).toEqual(["deep", "both"]);
  });
});
