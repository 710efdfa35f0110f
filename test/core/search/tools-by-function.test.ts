// Tools and projects named by what they do (data/lay-terms.json, data/synonyms.json): a
// question that describes the job finds the talk that only names the tool, on small
// invented catalogs of a broad conference with exact expected rankings.
import { describe, expect, it } from "vitest";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

/** Twenty talks about other things, so the test words are rare as in a real conference. */
const others = otherTalks("databases web frameworks");
/** Talks that use the everyday words of the questions below, as a real catalog has. */
const everyday = [
  talk("editor", "A text editor for programmers", "edit files"),
  talk("backup", "Restoring backups", "restoring data"),
  talk("tasks", "Saving time with scripts", "saving time"),
];

describe("a tool found by the job it does", () => {
  it("reaches into a disk image without booting: libguestfs", () => {
    const talks = [
      ...others,
      ...everyday,
      talk("guestfs", "libguestfs and guestfish", "libguestfs tools for guest images"),
      talk("boot", "Booting Linux faster", "boot time of laptops"),
      talk("imgfmt", "The qcow2 image format", "qcow2 internals"),
    ];
    expect(ranked(talks, "how do I modify a disk image without booting the guest")).toEqual([
      "guestfs",
      "imgfmt",
    ]);
    expect(ranked(talks, "edit files in a vm")).toEqual(["guestfs"]);
  });

  it("manages a cluster of VMs: ganeti, oVirt", () => {
    const talks = [
      ...others,
      ...everyday,
      talk("ganeti", "Ganeti in production", "ganeti clusters"),
      talk("ovirt", "oVirt engine internals", "ovirt engine"),
      talk("hpc", "HPC cluster scheduling", "cluster batch jobs"),
    ];
    expect(ranked(talks, "tools for running a cluster of vms")).toEqual(["ganeti", "ovirt"]);
  });

  it("saves processes and restores them: checkpoint/restore", () => {
    const talks = [
      ...others,
      ...everyday,
      talk("criu", "CRIU in containers", "criu writes containers to disk"),
      talk("disk", "Saving to disk faster", "disk writes"),
    ];
    // "restoring" is rarer here, but the subject is the lay term: the talk that never says
    // "restoring" still answers, the talk about disks alone does not.
    expect(ranked(talks, "saving processes to disk and restoring them")).toEqual(["criu"]);
  });

  it("runs one application as an operating system: unikernels", () => {
    const talks = [
      ...others,
      ...everyday,
      talk("uni", "Unikernels in the cloud", "a unikernel per service"),
      talk("os", "A new desktop operating system", "operating system desktop"),
    ];
    expect(ranked(talks, "an operating system for a single application")[0]).toBe("uni");
  });

  it("builds a network lab for teaching: netkit, marionnet", () => {
    const talks = [
      ...others,
      ...everyday,
      talk("netkit", "Netkit for students", "netkit labs"),
      talk("net", "Network monitoring at scale", "network"),
    ];
    expect(ranked(talks, "network lab")).toEqual(["netkit"]);
  });

  it("reads k8s as kubernetes", () => {
    const talks = [
      ...others,
      ...everyday,
      talk("kube", "Kubernetes operators", "kubernetes"),
      talk("k8s", "Tuning k8s nodes", "k8s"),
    ];
    expect(ranked(talks, "k8s")).toEqual(["k8s", "kube"]);
  });

  it("isolates containers with VMs: kata containers, gvisor", () => {
    const talks = [
      ...others,
      talk("kata", "Kata Containers deep dive", "kata containers"),
      talk("gvisor", "gVisor internals", "gvisor"),
      talk("docker", "Docker secrets", "docker images"),
    ];
    expect(ranked(talks, "secure containers")).toEqual(["kata", "gvisor"]);
  });

  it("names the FreeBSD hypervisor: bhyve", () => {
    const talks = [
      ...others,
      talk("bhyve", "bhyve update", "bhyve"),
      talk("jails", "Jails in production", "jails"),
    ];
    expect(ranked(talks, "is there a hypervisor on freebsd")).toEqual(["bhyve"]);
  });

  it("breaks out of a VM: vm escape", () => {
    const talks = [
      ...others,
      talk("escape", "Anatomy of a VM escape", "an exploit chain for a vm escape"),
      talk("breaking", "Breaking changes in Python", "breaking changes"),
    ];
    expect(ranked(talks, "breaking out of a vm")).toEqual(["escape"]);
  });
});
