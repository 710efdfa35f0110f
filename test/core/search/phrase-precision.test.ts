// Precision of phrase concepts and of concepts reached twice, on small invented catalogs
// with exact expected rankings: a synonym or jargon phrase must stand together in a talk
// (its words scattered through an abstract, or one of them in the event's name, are not
// it), and a question naming the same thing twice (a lay term and the jargon it leads to)
// scores a talk for it once.
import { describe, expect, it } from "vitest";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("databases kubernetes");

describe("a phrase of the field's vocabulary", () => {
  it("is not matched by its words scattered through a talk", () => {
    const talks = [
      ...others,
      talk("scattered", "Cloud storage at scale", "the hypervisor is not the bottleneck"),
      talk("microvm", "Cloud Hypervisor in production", "a small VMM"),
    ];
    // "microvm" leads to Cloud Hypervisor (data/synonyms.json): only the talk saying it.
    expect(ranked(talks, "microvm")).toEqual(["microvm"]);
  });

  it("is not matched by one of its words in the event's name", () => {
    const event = {
      event: "Virtualization Microconference",
      eventShort: "Virt MC",
      eventId: "virt-mc-2024",
    };
    const talks = [
      ...others,
      talk("event", "Nested page tables on ARM", "nested paging walks", event),
      talk("nested", "Nested virtualization on x86", "running KVM inside KVM"),
    ];
    expect(ranked(talks, "nested virtualization")).toEqual(["nested"]);
  });

  it("still matches with its words the other way round, after the phrase", () => {
    const talks = [
      ...others,
      talk("reversed", "Assignment of devices to guests"),
      talk("phrase", "Device assignment to guests"),
      talk("scattered", "Device trees", "the assignment of interrupts"),
    ];
    expect(ranked(talks, "device assignment")).toEqual(["phrase", "reversed"]);
  });
});

describe("a thing the question names twice", () => {
  const talks = [
    ...otherTalks("databases kubernetes virtual machines"),
    talk("vfio", "VFIO: a userspace driver framework", "VFIO and IOMMU groups in QEMU"),
    talk("plain", "Passing a PCI device to a guest", "what it takes to give a guest a PCI device"),
    talk("xen", "Device assignment in Xen", "a PCI device given to a guest"),
    talk("through", "PCI devices in guests", "passing a PCI device through to a VM, with vfio"),
    talk("giving", "Giving a PCI device to a guest", "assigning devices with vfio in QEMU"),
  ];

  it("scores once: a talk saying only it no longer outranks one answering the rest", () => {
    // "passing a pci device" leads to VFIO (data/lay-terms.json) and "vfio" is typed too:
    // the VFIO talk scored VFIO twice and came before "giving".
    // The talk named by the lay phrase itself answers it too (concepts.ts: a route the
    // other concept scores no longer makes the lay phrase look as common as "vfio").
    expect(ranked(talks, "vfio for passing a pci device")).toEqual([
      "xen",
      "through",
      "giving",
      "plain",
      "vfio",
    ]);
  });
});
