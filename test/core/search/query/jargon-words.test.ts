// Query words read against the vocabulary before typo correction (jargon-words.ts): an
// entry typed is kept as typed, a misspelling as near an entry as a catalog word goes to
// the entry, and a lone letter the vocabulary joins to its neighbour is read joined.
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../../src/core/search/engine.ts";
import { buildChatLanguage } from "../../../../src/core/search/query/chat-language.ts";
import { joinLetters } from "../../../../src/core/search/query/jargon-words.ts";
import { buildSynonymTable } from "../../../../src/core/search/query/synonyms.ts";
import { rawWords } from "../../../../src/core/search/query/tokenize.ts";
import type { Talk } from "../../../../src/core/talk.ts";
import { searchRequest } from "../../../support/search.ts";
import { fosdemOthers, fosdemTalk } from "../broad-fixture.ts";

const synonyms = buildSynonymTable([
  ["crash dump", "kdump", "vmcore"],
  ["ceph", "rados"],
  ["risc-v", "riscv64"],
  ["h-extension", "h-ext"],
  ["vt-d", "iommu"],
  ["tlb shootdown", "tlb flush"],
]);
const language = buildChatLanguage({
  filler: ["please"],
  common: ["visitor"],
  lay: { virito: ["virtio"] },
});

/** Ids of the best talks for a query, with the invented vocabulary above. */
function ranked(talks: readonly Talk[], query: string): string[] {
  const engine = createSearchEngine({ talks }, { synonyms, language });
  return engine.search(searchRequest(query), 10).hits.map((h) => h.talk.id);
}

describe("the vocabulary's letter pairs", () => {
  it("are the lone letters of its compounds with the part beside them", () => {
    expect([...synonyms.joinable].sort()).toEqual(["h ext", "h extension", "risc v", "vt d"]);
    expect(buildSynonymTable([["system/z", "z/vm"]]).joinable).toEqual(
      new Set(["system z", "z vm"]),
    );
  });

  it("join a lone letter typed apart to its word, either side, as the compound reads", () => {
    const raw = rawWords("risc v and h extension or vt d x y");
    const { words } = joinLetters(raw, raw, synonyms);
    expect(words.map((w) => [w.surface, w.parts])).toEqual([
      ["riscv", ["risc", "v"]],
      ["and", []],
      ["hextension", ["h", "extension"]],
      ["or", []],
      ["vtd", ["vt", "d"]],
      ["x", []],
      ["y", []],
    ]);
  });
});

describe("a word the vocabulary lists", () => {
  const talks = [
    ...fosdemOthers("databases"),
    fosdemTalk("visitor", "Visitor counting at events", "visitor statistics"),
    fosdemTalk("virtio", "Virtio devices", "virtio"),
    fosdemTalk("vocore", "VoCore boards", "vocore"),
    fosdemTalk("kdump", "Kdump for guests", "kdump and crash dump tooling"),
  ];

  it("is looked up as typed, not corrected toward a catalog word", () => {
    // Before: "virito" → "visitor" (everyday, so nothing), "vmcore" → "vocore".
    expect(ranked(talks, "virito")).toEqual(["virtio"]);
    expect(ranked(talks, "vmcore")).toEqual(["kdump"]);
    expect(ranked(talks, "kdump vmcore")).toEqual(["kdump"]);
  });

  it("is looked up as typed beside the word an entry of several has it with", () => {
    const tlb = [
      ...fosdemOthers("databases"),
      fosdemTalk("shutdown", "Clean shutdown of services", "tlb shutdown"),
      fosdemTalk("flush", "TLB flush costs", "tlb flush"),
    ];
    // Before: "shootdown" → "shutdown", so the talk on shutting services down.
    expect(ranked(tlb, "tlb shootdown")).toEqual(["flush"]);
    // Alone it is a plain misspelling again.
    expect(ranked(tlb, "shootdown")).toEqual(["shutdown"]);
  });

  it("wins a correction over a catalog word as near", () => {
    const cephs = [
      ...fosdemOthers("databases"),
      fosdemTalk("vmcode", "VMcode: a bytecode", "vmcode"),
      fosdemTalk("kdump", "Kdump for guests", "kdump"),
    ];
    // "vmcoe" is a letter short of "vmcore" (an entry no talk says) and of "vmcode".
    expect(ranked(cephs, "vmcoe")).toEqual(["kdump"]);
    // Nearer the catalog's word, it goes there.
    expect(ranked(cephs, "vmcod")).toEqual(["vmcode"]);
  });
});

describe("a lone letter typed apart", () => {
  const talks = [
    ...fosdemOthers("databases"),
    fosdemTalk("riscv", "Linux on RISC-V", "risc-v boards"),
    fosdemTalk("risc", "RISC versus CISC", "risc history"),
    fosdemTalk("rv64", "Porting to riscv64", "riscv64"),
    fosdemTalk("hext", "The H-extension in QEMU", "h-extension"),
    fosdemTalk("browser", "Writing a browser extension", "extension"),
    fosdemTalk("iommu", "IOMMU groups", "iommu"),
  ];

  it("is read joined where the vocabulary joins it", () => {
    expect(ranked(talks, "risc v")).toEqual(["riscv", "rv64"]);
    expect(ranked(talks, "H extension")).toEqual(["hext"]);
    expect(ranked(talks, "vt d")).toEqual(["iommu"]);
  });

  it("is dropped elsewhere, as before", () => {
    // "risc" alone, also a part of "risc-v".
    expect(ranked(talks, "risc x")).toEqual(["risc", "riscv"]);
  });
});
