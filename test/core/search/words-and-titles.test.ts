// Ranking mechanisms found on a held-out broad catalog (FOSDEM 2007-2014 + 31C3), each on
// a small invented catalog with exact expected rankings: titles name what a talk is
// about, stems of their own for nouns Porter folds into everyday verbs, lay phrases typed
// as written, everyday words beside a subject, and the domain vocabulary they needed.
import { describe, expect, it } from "vitest";
import { stem } from "../../../src/core/search/query/tokenize.ts";
import { talkWith } from "../../support/talks.ts";
import { FILLER, otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("databases web");

describe("a title that names the question", () => {
  it("ranks the talk called NUMA above one that says placement more often", () => {
    const talks = [
      ...others,
      talkWith({
        id: "mm",
        title: "Memory management in KVM",
        summary: `Dynamic placement of memory and vCPUs on NUMA nodes, placement policies and NUMA balancing. ${FILLER}`,
      }),
      talkWith({
        id: "numa",
        title: "Virtualizing NUMA",
        summary: `Guests learn their layout; placement of memory. ${FILLER}`,
      }),
    ];
    expect(ranked(talks, "numa placement")).toEqual(["numa", "mm"]);
  });

  it("counts the topic a filter asks for as named by a title, not the setting said otherwise", () => {
    const tagged = (id: string, title: string, summary: string) =>
      talkWith({ id, title, summary: `${summary} ${FILLER}`, topics: ["live-migration"] });
    const talks = [
      ...others,
      tagged(
        "qemu",
        "QEMU and Xen",
        "Virtual machines, virtual machines and live migration of virtual machines.",
      ),
      tagged("live", "Live migration", "Moving virtual machines between hosts."),
    ];
    expect(ranked(talks, "topic:live-migration virtual machines")).toEqual(["live", "qemu"]);
  });
});

describe("stems", () => {
  it("keeps containers apart from contains, operators from operating", () => {
    expect([stem("containers"), stem("container"), stem("contains")]).toEqual([
      "container",
      "container",
      "contain",
    ]);
    expect([stem("operators"), stem("operating")]).toEqual(["operator", "oper"]);
    const talks = [
      ...others,
      talk("lxc", "Linux containers in production", "containers share one kernel"),
      talk("docs", "Document formats", "the file contains tables"),
    ];
    expect(ranked(talks, "containers")).toEqual(["lxc"]);
  });
});

describe("lay phrases", () => {
  it("count in full where the words stand as typed, for less where they are scattered", () => {
    const talks = [
      ...others,
      talk("apart", "Accessing guest storage", "virtual disks reached on the network"),
      talk("lab", "Marionnet", "a virtual network laboratory for students"),
    ];
    expect(ranked(talks, "virtual network")).toEqual(["lab", "apart"]);
  });
});

describe("lay phrases with words most talks hold inside", () => {
  it("leave out only the common words the phrase does not need", () => {
    // "guest" and "memory" are in most talks: the lay term "giving memory back" is still said.
    const common = Array.from({ length: 8 }, (_, i) =>
      talk(`mem-${i}`, `Guest memory layout part ${i}`, "guest memory pages"),
    );
    const talks = [
      ...common,
      talk("balloon", "Balloon drivers", "a balloon inflates inside the guest"),
      talk("backups", "Backups", "backing up, back ups"),
    ];
    expect(ranked(talks, "giving the guest memory back")).toEqual(["balloon"]);
  });
});

describe("everyday words beside a subject", () => {
  it("do not carry a talk that misses the subject", () => {
    const talks = [
      ...others,
      talk("storage", "Storage clusters with RozoFS", "manage a single storage cluster"),
      talk("ganeti", "Ganeti", "managing clusters of virtual machines"),
    ];
    expect(ranked(talks, "manage a single cluster of virtual machines")).toEqual(["ganeti"]);
  });
});

describe("domain vocabulary", () => {
  const talks = [
    ...others,
    talk("usb", "USB redirection over the network", "usb devices of the host inside a guest"),
    talk("vfio", "VFIO device assignment", "pci passthrough to guests"),
    talk("criu", "CRIU: Checkpoint and Restore in Userspace", "freeze processes"),
    talk("restart", "Restarting services", "restart daemons"),
    talk("nfv", "Network Function Virtualization with ClickOS", "middleboxes as VMs"),
    talk("lab", "Marionnet, a virtual network laboratory", "teaching networks"),
    talk("lxc", "Sandboxes with LXC", "application sandboxes"),
  ];
  it.each([
    ["usb passthrough", ["usb"]],
    ["checkpoint restart", ["criu"]],
    ["nfv", ["nfv"]],
    ["network lab", ["lab"]],
    ["containers", ["lxc"]],
  ])("%s finds %j", (query, expected) => {
    expect(ranked(talks, query)).toEqual(expected);
  });
});
