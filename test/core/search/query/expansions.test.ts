import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../../src/core/search/engine.ts";
import { buildChatLanguage } from "../../../../src/core/search/query/chat-language.ts";
import type { Alternative } from "../../../../src/core/search/query/concept.ts";
import { distinct, synonymAlternatives } from "../../../../src/core/search/query/expansions.ts";
import { buildSynonymTable } from "../../../../src/core/search/query/synonyms.ts";
import { searchRequest } from "../../../support/search.ts";
import { fosdemOthers, fosdemTalk } from "../broad-fixture.ts";

describe("distinct alternatives", () => {
  it("keeps each stem list once, with its best weight, where it first came", () => {
    const alts: Alternative[] = [
      { terms: ["ballon"], weight: 0.5 },
      { terms: ["live", "migrat"], weight: 0.7, adjacent: true },
      { terms: ["ballon"], weight: 0.9 },
      { terms: ["live", "migrat"], weight: 0.6, adjacent: true },
      { terms: ["numa"], weight: 1 },
      { terms: ["ballon"], weight: 0.9, adjacent: false },
    ];
    expect(distinct(alts)).toEqual([
      { terms: ["ballon"], weight: 0.9 },
      { terms: ["live", "migrat"], weight: 0.7, adjacent: true },
      { terms: ["numa"], weight: 1 },
    ]);
  });

  it("tells a phrase that must stand together from the same words anywhere", () => {
    const alts: Alternative[] = [
      { terms: ["live", "migrat"], weight: 0.5 },
      { terms: ["live", "migrat"], weight: 0.4, adjacent: true },
      { terms: ["live"], weight: 0.3 },
      { terms: ["migrat", "live"], weight: 0.2, adjacent: true },
    ];
    expect(distinct(alts)).toEqual(alts);
  });
});

describe("synonym alternatives", () => {
  it("weighs the phrase as typed in full and its group's other phrases as synonyms", () => {
    const group = [["vfio"], ["devic", "assign"]];
    expect(synonymAlternatives(["devic", "assign"], group, 1)).toEqual([
      { terms: ["vfio"], weight: 0.7, adjacent: false, expansion: true },
      { terms: ["devic", "assign"], weight: 1, adjacent: true },
      { terms: ["assign", "devic"], weight: 0.5, adjacent: true },
    ]);
  });

  it("keeps the setting a phrase adds to a thing with the thing's other phrases", () => {
    const group = [["arm64"], ["aarch64"], ["arm", "v8"], ["arm64", "kvm"]];
    const setting = new Set(["kvm", "microvm", "firecrack"]);
    expect(synonymAlternatives(["arm64", "kvm"], group, 1, setting)).toEqual([
      { terms: ["arm64", "kvm"], weight: 0.7 },
      { terms: ["arm64"], weight: 0.35, adjacent: false, expansion: true },
      { terms: ["aarch64", "kvm"], weight: 0.7 },
      { terms: ["aarch64"], weight: 0.35, adjacent: false, expansion: true },
      { terms: ["arm", "v8"], weight: 0.35, adjacent: true, expansion: true },
      { terms: ["v8", "arm"], weight: 0.175, adjacent: true },
      { terms: ["arm64", "kvm"], weight: 1, adjacent: true },
      { terms: ["kvm", "arm64"], weight: 0.5, adjacent: true },
    ]);
    // A thing that implies the setting itself ("firecracker microvm"), or other words than
    // the setting's ("balloon driver"): the group's phrases stand as they are.
    const firecracker = [["firecrack"], ["firecrack", "microvm"]];
    expect(synonymAlternatives(["firecrack", "microvm"], firecracker, 1, setting)).toEqual([
      { terms: ["firecrack"], weight: 0.7, adjacent: false, expansion: true },
      { terms: ["firecrack", "microvm"], weight: 1, adjacent: true },
      { terms: ["microvm", "firecrack"], weight: 0.5, adjacent: true },
    ]);
    const balloon = [["balloon"], ["balloon", "driver"]];
    expect(synonymAlternatives(["balloon", "driver"], balloon, 1, setting)[0]).toEqual({
      terms: ["balloon"],
      weight: 0.7,
      adjacent: false,
      expansion: true,
    });
  });

  it("ranks the thing in the setting before the thing elsewhere", () => {
    const talks = [
      ...fosdemOthers("databases"),
      fosdemTalk("openjdk", "Porting OpenJDK to AArch64", "aarch64 aarch64 java"),
      fosdemTalk("kvm", "Virtual machines on AArch64", "kvm on aarch64 servers"),
      fosdemTalk("x86", "KVM on x86", "kvm"),
    ];
    const words = {
      synonyms: buildSynonymTable([["arm64", "aarch64", "arm64 kvm"]]),
      language: buildChatLanguage({
        filler: [],
        common: [],
        lay: {},
        context: { words: ["vm"], impliedBy: ["kvm"] },
      }),
    };
    const engine = createSearchEngine({ talks }, words);
    const ids = engine.search(searchRequest("arm64 kvm"), 10).hits.map((h) => h.talk.id);
    // Before: the OpenJDK port first (the group's phrases said only "aarch64").
    expect(ids).toEqual(["kvm", "openjdk"]);
  });
});
