// How the words of a question become concepts, on small invented catalogs with exact
// expected rankings: a phrase counts fully only where its words stand together, a concept
// of several words is worth one word, chat filler does not break a lay phrase, everyday
// words weigh less beside a subject, and a topic filter beside words weighs the talks
// that carry the topic most.
import { describe, expect, it } from "vitest";
import { talkWith } from "../../support/talks.ts";
import { FILLER, otherTalks, ranked, talk } from "./broad-fixture.ts";

/** Twenty talks about other things, so the test words are rare as in a real conference. */
const others = otherTalks("databases kubernetes");

describe("phrases of synonyms and jargon (data/synonyms.json)", () => {
  it("count only where their words stand together", () => {
    const talks = [
      ...others,
      talk("apart", "Kubernetes networking", "virtual machines were mentioned once"),
      talk("together", "Running virtual machines in Kubernetes"),
      talk("kubevirt", "KubeVirt at scale"),
    ];
    expect(ranked(talks, "kubevirt")).toEqual(["kubevirt", "together"]);
  });

  it("are worth one word, not the sum of theirs: the word typed comes before a synonym", () => {
    const talks = [
      ...others,
      talk("passthrough", "PCI passthrough in practice"),
      talk("vfio", "VFIO in practice"),
    ];
    expect(ranked(talks, "vfio")).toEqual(["vfio", "passthrough"]);
  });

  it("are still found with chat filler between their words (lay terms)", () => {
    const talks = [
      ...others,
      talk("vgpu", "vGPU for virtual machines", "mediated devices split one card"),
      talk("render", "Rendering on the GPU", "gpu shaders"),
    ];
    // "sharing one gpu" is the lay term "sharing a gpu": vGPU first, any GPU talk after.
    expect(ranked(talks, "sharing one gpu between several vms")).toEqual(["vgpu", "render"]);
  });
});

describe("compounds typed", () => {
  it("also match inside a longer compound of the text, after the compound itself", () => {
    const talks = [
      ...others,
      talk("blk", "vhost-user-blk in practice", "a userspace block device"),
      talk("devices", "vhost-user devices on BSD", "devices in userspace"),
      talk("net", "vhost-net internals", "a kernel network backend"),
      talk("mention", "Cloud infrastructure", `storage, networking and vhost-user ${FILLER}`),
    ];
    expect(ranked(talks, "vhost-user")).toEqual(["devices", "blk", "mention"]);
  });
});

describe("lay phrases", () => {
  it("weigh the talks holding the phrase's own words too", () => {
    const talks = [
      ...others,
      talk("generic", "Confidential computing for databases", "confidential computing"),
      talk(
        "vm",
        "Confidential computing for virtual machines",
        "guest memory hidden from the host",
      ),
    ];
    expect(ranked(talks, "how to protect guest memory")).toEqual(["vm", "generic"]);
  });
});

describe("a question about the field's own vocabulary", () => {
  it("is answered by talks on its subject that say the rest in other words", () => {
    const talks = [
      ...others.map((t, i) => (i < 4 ? { ...t, summary: `booting databases ${FILLER}` } : t)),
      talk("micro", "Firecracker microVMs", "containers in tiny virtual machines"),
    ];
    // microvm (synonyms.json) is required; "booting", more common here, may be missing.
    expect(ranked(talks, "booting microvms")).toEqual(["micro"]);
  });
});

describe("everyday words beside a subject", () => {
  it("tell less than the catalog's rarity of them says: they do not veto a talk about it", () => {
    const talks = [
      ...others.map((t, i) => (i < 4 ? { ...t, summary: `cheap databases ${FILLER}` } : t)),
      talk("about-it", "NUMA placement in guests"),
      talk("says-it", "Hobby electronics", "numa on a cheap board"),
    ];
    expect(ranked(talks, "cheap numa")).toEqual(["about-it", "says-it"]);
  });
});

describe("a topic filter beside words", () => {
  it("weighs the talks that carry the topic most, then the words", () => {
    const tagged = (id: string, title: string, summary: string) =>
      talkWith({ id, title, summary, topics: ["live-migration"] });
    const talks = [
      ...others,
      tagged("loose", "Storage for virtual machines", "virtual machines and their disks"),
      tagged("title", "Live migration of virtual machines", "moving guests"),
    ];
    expect(ranked(talks, "topic:live-migration virtual machines")).toEqual(["title", "loose"]);
  });
});
