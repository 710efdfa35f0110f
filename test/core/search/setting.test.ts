// A question that states its VM setting prefers, among the talks matching its subject,
// those that carry virtualization (setting.ts): a soft preference, never a filter.
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { buildChatLanguage } from "../../../src/core/search/query/chat-language.ts";
import {
  missingFactor,
  SETTING,
  settingCarriers,
  statesSetting,
} from "../../../src/core/search/setting.ts";
import { wordData } from "../../../src/core/word-data.ts";
import { fosdemOthers, fosdemTalk, ranked } from "./broad-fixture.ts";

/** A talk of a broad conference whose name implies no setting (the fixture's is KVM Forum). */
const talk = fosdemTalk;

/** Twenty talks about other things, so the test words are rare as in a real conference. */
const others = fosdemOthers("databases kubernetes");

/** Two talks on live migration, the container one saying it more. */
const migration = [
  ...others,
  talk(
    "containers",
    "Live migration of containers",
    "live migration of containers between hosts, live migration done fast",
  ),
  talk("kvm", "Live migration", "how QEMU copies memory"),
];

describe("a question that states its VM setting", () => {
  it("ranks the talk that carries virtualization above one of another field", () => {
    expect(ranked(migration, "live migration")).toEqual(["containers", "kvm"]);
    expect(ranked(migration, "how do I move a running vm to another host")).toEqual([
      "kvm",
      "containers",
    ]);
  });

  it("keeps a talk without the setting when nothing better answers (never a filter)", () => {
    const talks = [...others, talk("containers", "Live migration of containers", "between hosts")];
    expect(ranked(talks, "how do I move a running vm to another host")).toEqual(["containers"]);
  });

  it("is stated by a context word or hypervisor jargon, not by 'host' of a lay phrase alone", () => {
    const { language, synonyms } = wordData();
    const concept = (label: string) => ({ label, alternatives: [], phrase: false });
    expect(statesSetting([concept("move running vm")], language, synonyms)).toBe(true);
    expect(statesSetting([concept("tracing"), concept("kvm")], language, synonyms)).toBe(true);
    expect(
      statesSetting([concept("tracing"), concept("virtual machine")], language, synonyms),
    ).toBe(true);
    expect(statesSetting([concept("tracing"), concept("web")], language, synonyms)).toBe(false);
    // A synonym phrase is its own subject: "confidential vms" is confidential computing.
    expect(statesSetting([concept("confidential vms")], language, synonyms)).toBe(false);
    // Unless it names a hypervisor: "qemu tcg" is QEMU's TCG, not a TPM talk's.
    expect(statesSetting([concept("qemu tcg")], language, synonyms)).toBe(true);
    // A quoted phrase is matched as written.
    expect(
      statesSetting([{ label: '"vm"', alternatives: [], phrase: true }], language, synonyms),
    ).toBe(false);
  });

  it("is stated by a synonym phrase that names a hypervisor: 'qemu tcg' is not the TPM's TCG", () => {
    // QEMU's TCG first; of the talks naming only a TCG, the one on guests before the TPM's.
    const talks = [
      ...others,
      talk("tpm", "TPM event logs", "tcg event log format, tcg specs"),
      talk("vm", "Measured boot of guests", "a vtpm for kvm guests, by the tcg's spec"),
      talk("qemu", "Emulating other CPUs", "qemu translates guest code with tcg"),
    ];
    expect(ranked(talks, "qemu tcg")).toEqual(["qemu", "vm", "tpm"]);
  });

  it("'host' states it in a question but does not carry it in a talk", () => {
    const language = buildChatLanguage({
      filler: [],
      common: [],
      lay: {},
      context: { words: ["host", "guest"], impliedBy: ["kvm"], ambiguous: ["host"] },
    });
    expect([...language.setting.asked].sort()).toEqual(["guest", "host", "kvm"]);
    expect([...language.setting.named]).toEqual(["kvm"]);
    expect(language.setting.carried.map((t) => t.join(" "))).toEqual(["guest", "kvm"]);
    const talks = [
      ...others,
      talk("hosts", "Containers on hosts", "hosts"),
      talk("kvm", "KVM", "kvm"),
      talk("guest", "Guest agents", "guest"),
    ];
    const engine = createSearchEngine({ talks });
    const carriers = settingCarriers(engine.index, language);
    const ids = talks.filter((_, d) => carriers?.[d] === 1).map((t) => t.id);
    expect(ids).toEqual(["kvm", "guest"]);
  });

  it("tells nothing where most talks carry the setting (a catalog of virtualization talks)", () => {
    const { language } = wordData();
    const talks = Array.from({ length: 4 }, (_, i) => talk(`kvm-${i}`, `KVM part ${i}`, "guest"));
    const engine = createSearchEngine({ talks: [...talks, talk("web", "Web", "web")] });
    expect(settingCarriers(engine.index, language)).toBeNull();
    expect(SETTING.everywhere).toBeLessThanOrEqual(0.8);
  });

  it("lowers a talk without the setting from SETTING.rare (none carries it) to SETTING.missing", () => {
    const carriers = (share: number) =>
      Uint8Array.from({ length: 100 }, (_, i) => (i < share * 100 ? 1 : 0));
    expect(missingFactor(carriers(0))).toBe(SETTING.rare);
    expect(missingFactor(carriers(SETTING.everywhere))).toBe(SETTING.missing);
    expect(missingFactor(carriers(SETTING.everywhere / 2))).toBeCloseTo(
      (SETTING.rare + SETTING.missing) / 2,
      10,
    );
  });
});
