// A name part's umlauts left off only where the catalog writes some speaker's name with
// them: "roedel" is "Rödel", but "michael" is never "Michal". Invented names.
import { describe, expect, it } from "vitest";
import { buildIndex } from "../../../../src/core/search/index/build.ts";
import { withoutUmlaut } from "../../../../src/core/search/query/name-spellings.ts";
import { personKey } from "../../../../src/core/search/query/person.ts";
import { fosdemOthers, fosdemTalk, ranked } from "../broad-fixture.ts";

const by = (id: string, title: string, speakers: string[], words = "") => ({
  ...fosdemTalk(id, title, words),
  speakers,
});

const talks = [
  ...fosdemOthers("databases and web frameworks"),
  by("iommu", "IOMMU emulation", ["Jörg Rödel"], "for kvm guests"),
  by("vring", "Virtio rings", ["Michal Novak"], "virtio queues in qemu"),
  by("blk", "Virtio block", ["Michael Kerner"], "virtio block devices"),
  by("noel", "Noel builds", ["Noel Sander"], "virtio builds"),
];

describe("withoutUmlaut", () => {
  const index = buildIndex(talks);

  it("leaves off an umlaut spelt out when a speaker is written with it", () => {
    expect(withoutUmlaut("joerg", index)).toBe("jorg");
    expect(withoutUmlaut("roedel", index)).toBe("rodel");
  });

  it("keeps an ae, oe or ue no speaker writes as an umlaut", () => {
    expect(withoutUmlaut("michael", index)).toBe("michael");
    expect(withoutUmlaut("noel", index)).toBe("noel");
    expect(withoutUmlaut("mueller", index)).toBe("mueller");
  });

  it("reads an umlaut written as a letter and a combining diaeresis", () => {
    const decomposed = buildIndex([by("tpm", "TPM", ["Gu\u0308nter Ku\u0308hn"])]);
    expect(withoutUmlaut("guenter", decomposed)).toBe("gunter");
  });

  it("makes one person of both spellings of a name", () => {
    expect(personKey("Joerg Roedel", index)).toBe(personKey("Jörg Rödel", index));
    expect(personKey("Michael Kerner", index)).toBe("michael kerner");
  });
});

describe("a name typed with its umlauts spelt out", () => {
  it("finds the speaker written with the umlauts", () => {
    for (const q of ["joerg roedel", "jorg rodel", "kvm speaker:roedel", "speaker:roedel"])
      expect(ranked(talks, q), q).toEqual(["iommu"]);
  });

  it("does not read Michael as Michal, beside other words or alone", () => {
    expect(ranked(talks, "michael virtio")).toEqual(["blk"]);
    expect(ranked(talks, "michael")).toEqual(["blk"]);
    expect(ranked(talks, "michal")).toEqual(["vring"]);
  });
});
