// lunr in bench:relevance: user text reaches it as terms (its query parser would throw on
// "io_uring:" or "c++"), and the year: range of our grammar filters its results as it does
// every rival's (bench/search/answerers.ts).
import { describe, expect, it } from "vitest";
import { ANSWERERS } from "../../../bench/search/answerers.ts";
import { editDistance, lunrTerms } from "../../../bench/search/lunr.ts";
import { catalogOf, confTalk } from "../../support/talks.ts";

describe("lunr's query terms", () => {
  it("are the words as lunr indexed them, syntax and stop words out", () => {
    expect(lunrTerms("io_uring: qemu")).toEqual(["io_ur", "qemu"]);
    expect(lunrTerms("c++ *wild* title:xen ^2 ~1 +must -not")).toEqual([
      "c",
      "wild",
      "title:xen",
      "2",
      "1",
    ]);
    expect(lunrTerms("Live migration of the VMs? live")).toEqual(["live", "migrat", "vm"]);
    expect(lunrTerms(":: * ?")).toEqual([]);
  });

  it("may be one edit off per five letters from four letters on, at most 3", () => {
    expect(
      ["vm", "qemu", "migrat", "virtualization", "paravirtualization"].map(editDistance),
    ).toEqual([0, 1, 1, 3, 3]);
  });
});

describe("lunr answering a chat message", () => {
  const catalog = catalogOf([
    confTalk("a", 2020, { title: "Fast io_uring in QEMU" }),
    confTalk("b", 2023, { title: "io_uring for block storage", summary: "QEMU and io_uring" }),
    confTalk("c", 2023, { title: "Knitting with a hypervisor" }),
  ]);
  const answer = ANSWERERS.get("lunr")!.build(catalog);
  const titles = (q: string) => answer(q).map((c) => c.title);

  it("ranks by its own scores, whatever the punctuation", () => {
    // Both words in the shorter title first; the talk with "qemu" in its summary next.
    expect(titles("io_uring: qemu")).toEqual([
      "Fast io_uring in QEMU",
      "io_uring for block storage",
    ]);
  });

  it("keeps to our grammar's year: range", () => {
    expect(titles("qemu year:2020")).toEqual(["Fast io_uring in QEMU"]);
  });

  it("answers a message nothing matches with nothing", () => {
    expect(titles("chocolate cake")).toEqual([]);
  });
});
