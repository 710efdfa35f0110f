import { describe, expect, it } from "vitest";
import { indexTerms } from "../../../src/core/search/query/tokenize.ts";
import { titleInfo, titleShare, titleTerms } from "../../../src/core/search/title-match.ts";
import { talkWith } from "../../support/talks.ts";

describe("titleTerms", () => {
  it("reads a title as the index does, compounds joined and in parts, and again from its cache", () => {
    const talk = talkWith({ title: "io_uring in QEMU: Virtualizing NUMA placement" });
    const expected = new Set(indexTerms(talk.title));
    expect(titleTerms(talk)).toEqual(expected);
    expect(titleTerms(talk)).toEqual(expected);
    expect([...expected]).toEqual(["iour", "io", "ur", "qemu", "virtual", "numa", "placement"]);
  });
});

describe("titleShare", () => {
  const numa = { label: "numa", phrase: false, alternatives: [{ terms: ["numa"], weight: 1 }] };
  const placement = {
    label: "placement",
    phrase: false,
    alternatives: [{ terms: ["placement"], weight: 1 }],
  };
  const vm = {
    label: "vm",
    phrase: false,
    alternatives: [
      { terms: ["vm"], weight: 1 },
      { terms: ["guest"], weight: 0.7 },
      { terms: ["qemu"], weight: 0.5 },
    ],
  };
  const topic = {
    label: "live-migration",
    phrase: false,
    support: true,
    alternatives: [{ terms: ["live", "migrat"], weight: 1 }],
  };
  const title = (text: string) => titleTerms(talkWith({ title: text }));

  it("is the share of the question's information the title names", () => {
    expect(titleShare(title("Virtualizing NUMA"), [numa, placement], [1, 3])).toBe(0.25);
    expect(titleShare(title("NUMA placement"), [numa, placement], [1, 3])).toBe(1);
  });

  it("counts a synonym at its weight, and not the setting said otherwise", () => {
    expect(titleShare(title("Guests of the cloud"), [vm], [2])).toBe(0.7);
    expect(titleShare(title("QEMU internals"), [vm], [2])).toBe(0);
  });

  it("counts a typo's correction as the word typed right (its weight is for ranking)", () => {
    const migraton = {
      label: "migration",
      phrase: false,
      corrected: true,
      alternatives: [{ terms: ["migrat"], weight: 0.74 }],
    };
    const qemu = { label: "qemu", phrase: false, alternatives: [{ terms: ["qemu"], weight: 1 }] };
    expect(titleShare(title("Live migration"), [qemu, migraton], [1, 1])).toBe(0.5);
    expect(titleShare(title("QEMU and Xen"), [qemu, migraton], [1, 1])).toBe(0.5);
  });

  it("counts a filter's topic as much as the most telling word typed", () => {
    const info = titleInfo([vm, topic], [2, 0]);
    expect(info).toEqual([2, 2]);
    expect(titleShare(title("Live migration"), [vm, topic], info)).toBe(0.5);
  });
});
