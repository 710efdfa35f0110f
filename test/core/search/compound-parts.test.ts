// The parts of a compound typed ("io"+"ur" for io_uring, "vhost"+"user" for vhost-user)
// on small invented catalogs with exact expected rankings: they count where they stand
// together or inside a longer compound, never scattered through a talk.
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { explainSearch } from "../../../src/core/search/explain.ts";
import { searchRequest } from "../../support/search.ts";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("databases kubernetes");

describe("a compound's parts", () => {
  it("weigh far less apart", () => {
    const talks = [
      ...others,
      talk("apart", "A console emulator", "the io ports of this old chip drive its ur register"),
      talk(
        "inside",
        "Emulated behaviour",
        "io ports of the chip, and its ur registers, show odd behaviour",
      ),
      talk("joined", "Fast rings", "io uring for storage"),
      talk("typed", "Async storage", "io_uring in a database"),
    ];
    expect(ranked(talks, "io_uring")).toEqual(["typed", "joined", "apart", "inside"]);
  });

  it("match inside a longer compound", () => {
    const talks = [
      ...others,
      talk("longer", "A fast userspace block device", "vhost-user-blk for guests"),
      talk(
        "apart",
        "Vhost drivers for everyone",
        "the vhost driver has many features for each user",
      ),
    ];
    expect(ranked(talks, "vhost-user")).toEqual(["longer", "apart"]);
  });

  it("weigh far less where one is inside another compound", () => {
    const talks = [
      ...others,
      talk("other", "Async rings in a post-io world", "the ur register"),
      talk("split", "Async rings", "the io ur interface"),
    ];
    expect(ranked(talks, "io_uring")).toEqual(["split", "other"]);
  });

  it("are said to be apart by explain", () => {
    const talks = [
      ...others,
      talk("apart", "A console emulator", "the io ports of this old chip drive its ur register"),
    ];
    const text = explainSearch(createSearchEngine({ talks }), searchRequest("io_uring"), ["apart"]);
    expect(text.split("\n").at(-1)).toMatch(/as io\+ur: .*a compound's parts apart: ×0\.25\)$/);
  });
});
