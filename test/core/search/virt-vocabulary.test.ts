// The virtualization vocabulary of data/synonyms.json and data/lay-terms.json, checked by
// exact rankings on small invented catalogs of a broad conference: abbreviations and full
// forms, spelling variants, lay phrasings, products kept apart from their kinds, and
// everyday words kept out of the groups.
import { describe, expect, it } from "vitest";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("kubernetes databases web frameworks");

describe("everyday words do not widen a group onto unrelated talks", () => {
  const talks = [
    ...others,
    talk("ha", "Keeping guests up", "high availability for kvm hosts"),
    talk("db", "Postgres at scale", "streaming replication between database servers"),
    talk("qa", "Testing QEMU", "testing qemu every night"),
    talk("forms", "Forms done right", "input validation for web forms"),
    talk("virtio-spec", "The virtio specification", "virtio specification"),
    talk("iso", "Dates in software", "the iso standard for dates"),
    talk("s390", "KVM on s390x", "s390x guests"),
    talk("ibm-talk", "Working at IBM", "a career at ibm research"),
  ];

  it("finds high availability, not database replication", () => {
    expect(ranked(talks, "high availability")).toEqual(["ha"]);
  });

  it("finds testing, not input validation", () => {
    expect(ranked(talks, "testing")).toEqual(["qa"]);
  });

  it("finds a specification, not every standard", () => {
    expect(ranked(talks, "specification")).toEqual(["virtio-spec"]);
  });

  it("finds s390x, not every talk that names IBM", () => {
    expect(ranked(talks, "s390x")).toEqual(["s390"]);
  });
});

describe("a product is not a synonym of its kind", () => {
  const talks = [
    ...others,
    talk("fw", "Guest firmware", "firmware for virtual machines"),
    talk("seabios", "SeaBIOS internals", "seabios"),
    talk("debug", "Debuggers for guests", "debugger design"),
    talk("gdb", "GDB in practice", "gdb"),
    talk("stub", "The QEMU gdbstub", "gdbstub"),
    talk("enclave", "Enclaves everywhere", "enclave programming models"),
    talk("sgx", "Intel SGX in practice", "sgx"),
    talk("image", "Building disk images", "disk image pipelines"),
    talk("qcow2", "qcow2 internals", "qcow2"),
    talk("overlay", "Overlay networks", "overlay networking for tenants"),
    talk("vxlan", "VXLAN offloads", "vxlan"),
    talk("xsm", "Xen security modules", "xsm-flask policy"),
    talk("flask", "Web apps with Flask", "flask"),
  ];

  it("keeps the product to its own talks", () => {
    expect(ranked(talks, "seabios")).toEqual(["seabios"]);
    expect(ranked(talks, "gdb")).toEqual(["gdb"]);
    expect(ranked(talks, "gdbstub")).toEqual(["stub"]);
    expect(ranked(talks, "sgx")).toEqual(["sgx"]);
    expect(ranked(talks, "qcow2")).toEqual(["qcow2"]);
    expect(ranked(talks, "vxlan")).toEqual(["vxlan"]);
  });

  it("finds the product by its kind, after the talks named by the kind", () => {
    expect(ranked(talks, "firmware")).toEqual(["fw", "seabios"]);
    expect(ranked(talks, "debugger")).toEqual(["debug", "gdb"]);
    expect(ranked(talks, "enclave")).toEqual(["enclave", "sgx"]);
    expect(ranked(talks, "disk image")).toEqual(["image", "qcow2"]);
    expect(ranked(talks, "overlay network")).toEqual(["overlay", "vxlan"]);
  });

  it("does not take Python's Flask for Xen's XSM", () => {
    expect(ranked(talks, "xsm")).toEqual(["xsm"]);
  });
});

describe("abbreviations and full forms", () => {
  const talks = [
    ...others,
    talk("npt", "Nested paging on AMD", "nested paging and the tdp mmu"),
    talk("pvh", "PVH guests", "pvh guests boot without qemu"),
    talk("domu", "Unprivileged domains", "unprivileged domains and their drivers"),
    talk("tdisp", "Trusted devices for confidential guests", "tee-io and device assignment"),
    talk("kbs", "Key broker service", "a key broker service for secrets"),
    talk("cbt", "Changed block tracking", "changed block tracking for backups"),
    talk("evmcs", "Enlightened VMCS", "evmcs for nested hyper-v"),
    talk("ipi", "IPI virtualization", "inter-processor interrupts without exits"),
  ];

  it.each([
    ["ept", "npt"],
    ["pvh", "pvh"],
    ["domu", "domu"],
    ["tdisp", "tdisp"],
    ["kbs", "kbs"],
    ["cbt", "cbt"],
    ["enlightened vmcs", "evmcs"],
    ["ipi", "ipi"],
  ])("%s finds its talk", (query, id) => {
    expect(ranked(talks, query)).toEqual([id]);
  });
});

describe("spelling variants resolve to the same concept", () => {
  const talks = [
    ...others,
    talk("dom0less", "Static Xen systems", "dom0less boot"),
    talk("kubevirt", "VMs next to pods", "kubevirt"),
    talk("gpu", "Gaming on Linux guests", "gpu passthrough with vfio"),
    talk("h-ext", "RISC-V virtualization", "the h-extension"),
  ];

  it.each([
    ["dom0less", "dom0less"],
    ["dom0 less", "dom0less"],
    ["dom0-less", "dom0less"],
    ["kube virt", "kubevirt"],
    ["gpupassthrough", "gpu"],
    ["vga passthrough", "gpu"],
    ["h-ext", "h-ext"],
  ])("%s", (query, id) => {
    expect(ranked(talks, query)).toEqual([id]);
  });
});

describe("lay phrasings lead to the jargon", () => {
  const talks = [
    ...others,
    talk("gpu", "GPU passthrough in practice", "gpu passthrough"),
    talk("sriov", "SR-IOV for NICs", "sr-iov virtual functions"),
    talk("user", "qemu-user on ARM laptops", "user mode emulation"),
    talk("rt", "Mixed criticality on one SoC", "mixed criticality with a hypervisor"),
    talk("hotplug", "Hotplug in QEMU", "hotplug of disks and nics"),
    talk("ksm", "KSM tuning", "kernel samepage merging"),
    talk("mshv", "Linux as the root partition", "mshv"),
  ];

  it.each([
    ["hand a gpu to a guest", "gpu"],
    ["share a nic between vms", "sriov"],
    ["run x86 binaries on arm", "user"],
    ["linux and an rtos on one board", "rt"],
    ["add a disk to a running vm", "hotplug"],
    ["merge identical pages", "ksm"],
    ["hyper-v on linux", "mshv"],
  ])("%s", (query, id) => {
    expect(ranked(talks, query)).toEqual([id]);
  });
});

describe("misspellings typo correction does not fix", () => {
  const talks = [
    ...others,
    talk("lxc", "LXC at ten", "lxc"),
    talk("xen", "Xen on servers", "xen"),
    talk("vcpu", "vCPU scheduling", "vcpu"),
    talk("qcow2", "qcow2 internals", "qcow2"),
    talk("tcg", "TCG plugins", "tcg"),
  ];

  it.each([
    ["lcx", "lxc"],
    ["xne", "xen"],
    ["vpcu", "vcpu"],
    ["qocw2", "qcow2"],
    ["tgc", "tcg"],
  ])("%s", (query, id) => {
    expect(ranked(talks, query)).toEqual([id]);
  });
});
