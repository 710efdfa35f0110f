// Everyday phrasings of operators' problems and goals (data/lay-terms.json) lead to the
// jargon the talks use, on a small invented catalog with exact expected rankings: the talk
// that answers in other words comes before one that only repeats the question's words.
import { describe, expect, it } from "vitest";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("kubernetes databases web frameworks");

describe("everyday phrasings of virtualization problems find the jargon", () => {
  const talks = [
    ...others,
    talk("consolidation", "Server consolidation with Xen", "consolidation and density of guests"),
    talk("hosting", "Running a hosting company", "a host for many customers"),
    talk("unikernel", "Unikernels in production", "a unikernel per service"),
    talk("apps", "Packaging desktop apps", "an app per kernel release"),
    talk("vmi", "Virtual machine introspection", "libvmi reads guest state"),
    talk("monitoring", "Monitoring a running fleet", "dashboards for every host"),
  ];

  it.each([
    ["how can I squeeze more vms on a host", ["consolidation"]],
    ["one kernel per app", ["unikernel"]],
    ["look inside a running vm from the host", ["vmi"]],
  ])("%s", (query, ids) => {
    expect(ranked(talks, query)).toEqual(ids);
  });
});
