// The virtualization words of data/topic-rules.json: which topics an imported talk gets
// from its title, abstract and track, exactly, for invented talks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "../../src/core/catalog.ts";
import { deriveTopics, loadTopicRules } from "../../src/import/topics.ts";

const topics = new Map(
  Object.entries(
    JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, "topics.json"), "utf8")) as Record<
      string,
      string
    >,
  ),
);
const rules = loadTopicRules(DEFAULT_DATA_DIR, topics);

describe("topics from the words of KVM, QEMU and Xen people", () => {
  it.each([
    ["GPU passthrough with QEMU", "", "", ["qemu", "device-assignment", "graphics"]],
    ["APICv and AVIC in KVM", "", "", ["kvm", "interrupts"]],
    ["Halt polling for idle vCPUs", "", "Virtualization", ["scheduling"]],
    ["Fuzzing with syzkaller", "", "Virtualization", ["testing"]],
    ["iommufd and the vIOMMU", "", "Virtualization", ["vfio", "iommu"]],
    ["PVH dom0 on FreeBSD", "", "", ["paravirtualization", "portability"]],
    ["Multifd migration", "", "Virtualization", ["live-migration"]],
    ["Booting with COCONUT-SVSM", "", "", ["security"]],
  ])("%s", (title, abstract, track, expected) => {
    expect(deriveTopics(rules, title, abstract, track)).toEqual(expected);
  });

  it("gives a track of BSD talks no virtualization topic for naming bhyve", () => {
    expect(
      deriveTopics(rules, "Securing your network with OpenBSD", "", "BSD, illumos, bhyve"),
    ).toEqual([]);
  });

  it("needs two mentions in the abstract", () => {
    const abstract = "We moved the vIOMMU to iommufd and measured IOMMU mapping costs.";
    expect(deriveTopics(rules, "Keeping VFIO devices alive", abstract, "")).toEqual([
      "vfio",
      "iommu",
    ]);
    expect(deriveTopics(rules, "Keeping VFIO devices alive", "We used iommufd.", "")).toEqual([
      "vfio",
    ]);
  });
});
