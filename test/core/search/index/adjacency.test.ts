import { describe, expect, it } from "vitest";
import { findRuns, toRun } from "../../../../src/core/search/index/adjacency.ts";
import { buildIndex } from "../../../../src/core/search/index/build.ts";
import { phraseTerms } from "../../../../src/core/search/query/tokenize.ts";
import type { Talk } from "../../../../src/core/talk.ts";
import { talkWith } from "../../../support/talks.ts";

const talks = [
  talkWith({
    id: "copy",
    title: "Live Block Copy for QEMU",
    summary: "Copying the disk of a running guest. Post-copy migration of memory.",
    keyPoints: ["The image is mirrored", "Live migration"],
    speakers: ["Marcelo Tosatti"],
    authors: ["Jörg Rödel"],
  }),
  talkWith({
    id: "imported",
    title: "Storage",
    summary: "A short summary.",
    description: "The full abstract: block copy in the live path.",
  }),
];
const index = buildIndex(talks);

function stands(t: Talk, ...phrases: string[]): number[] {
  const found = new Uint8Array(phrases.length).fill(9);
  findRuns(
    index,
    talks.indexOf(t),
    phrases.map((p) => toRun(phraseTerms(p), index)),
    found,
  );
  return [...found];
}

describe("findRuns", () => {
  it("finds runs of stems in order within a field, skipping stop words", () => {
    expect(
      stands(talks[0]!, "live block copy", "live blocks copied", "block live", "copy for qemu"),
    ).toEqual([1, 1, 0, 1]);
  });

  it("does not run across fields or key points", () => {
    expect(stands(talks[0]!, "qemu copying", "mirrored live", "image mirrored")).toEqual([0, 0, 1]);
  });

  it("matches compounds joined and names across speakers and authors, folded", () => {
    expect(stands(talks[0]!, "postcopy migration", "tosatti jorg rodel")).toEqual([1, 1]);
  });

  it("reads an imported talk's description, which the index holds, not its summary", () => {
    expect(stands(talks[1]!, "block copy", "short summary")).toEqual([1, 0]);
  });

  it("never finds a run with a word no talk holds", () => {
    expect(toRun(phraseTerms("live kafka"), index)).toBeNull();
    expect(stands(talks[0]!, "live kafka")).toEqual([0]);
  });
});
