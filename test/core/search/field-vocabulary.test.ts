// The field's vocabulary as data (data/synonyms.json, data/lay-terms.json), each entry
// checked by an exact ranking on a small invented catalog of a broad conference.
import { describe, expect, it } from "vitest";
import { fosdemOthers, fosdemTalk, otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("kubernetes gpu containers");

describe("a product is not a synonym of its kind", () => {
  const talks = [
    ...others,
    talk("fc", "Firecracker, one runtime or many", "firecracker"),
    talk("mv", "A unikernel for microVMs", "microvm images also boot on firecracker"),
    talk("plain-mv", "Booting a microVM in 20 ms", "microvm"),
  ];

  it("ranks the talk named by the product first when the query names product and kind", () => {
    expect(ranked(talks, "firecracker microvms")).toEqual(["fc", "mv"]);
  });

  it("finds the product's talks by the kind, after the talks named by the kind", () => {
    expect(ranked(talks, "microvm")).toEqual(["mv", "plain-mv", "fc"]);
  });

  it("does not widen the product to its kind", () => {
    expect(ranked(talks, "firecracker")).toEqual(["fc", "mv"]);
  });

  it("keeps unikernel projects apart", () => {
    const kernels = [
      ...others,
      talk("kind", "Unikernels explained", "unikernel"),
      talk("unikraft", "Unikraft in production", "unikraft"),
      talk("mirage", "MirageOS at ten", "mirageos"),
    ];
    expect(ranked(kernels, "mirageos")).toEqual(["mirage"]);
    expect(ranked(kernels, "unikernel")).toEqual(["kind", "unikraft", "mirage"]);
  });
});

describe("a broad term's narrower jargon weighs like a synonym", () => {
  it("puts talks named by the broad term before those naming one technology of it", () => {
    const talks = [
      ...others,
      talk("sev", "SEV-SNP guests in QEMU", "sev-snp sev-snp"),
      talk("cc", "Confidential computing in the open", "confidential computing"),
      talk("cc-db", "Confidential computing for databases", "confidential computing"),
      talk("cc-ml", "Confidential computing for machine learning", "confidential computing"),
    ];
    const order = ["cc-db", "cc", "cc-ml", "sev"];
    expect(ranked(talks, "confidential computing")).toEqual(order);
    expect(ranked(talks, "confidental computing")).toEqual(order);
    expect(ranked(talks, "sev-snp")).toEqual(["sev"]);
  });
});

describe("confidential computing, asked of a virtualization bot", () => {
  it("prefers the talks about confidential guests to those about enclaves", () => {
    const talks = [
      ...fosdemOthers("kubernetes gpu containers"),
      fosdemTalk("enclave", "Confidential computing with enclaves", "confidential computing"),
      fosdemTalk("guests", "Confidential computing for guests", "confidential computing in kvm"),
    ];
    expect(ranked(talks, "confidential computing")).toEqual(["guests", "enclave"]);
  });
});

describe("the words of KVM, QEMU and Xen people", () => {
  const talks = [
    ...others,
    talk("dom0less", "Xen without a control domain", "dom0less boot of static guests"),
    talk("safety", "A hypervisor for cars", "iso 26262 in the car"),
    talk("pinning", "Deterministic guests", "vcpu pinning and isolcpus on the host"),
    talk("iothreads", "Block I/O at speed", "io threads and linux-aio"),
    talk("nested", "KVM on KVM", "running nested guests"),
    talk("gvt", "Intel GVT-g today", "gvt-g"),
    talk("syz", "Fuzzing hypervisors", "syzkaller found bugs"),
    talk("vfio", "VFIO in depth", "vfio"),
    talk("qemu", "QEMU internals", "qemu"),
    talk("kvm", "KVM internals", "kvm"),
  ];

  it.each([
    ["xen without dom0", "dom0less"],
    ["functional safety", "safety"],
    ["safety-certified", "safety"],
    ["cpu pinning", "pinning"],
    ["cpu isolation", "pinning"],
    ["latency sensitive guests", "pinning"],
    ["iothreads", "iothreads"],
    ["native aio", "iothreads"],
    ["nested virtualization", "nested"],
    ["intel gvt", "gvt"],
    ["syzbot", "syz"],
  ])("%s finds the %s talk", (query, id) => {
    expect(ranked(talks, query)).toEqual([id]);
  });

  it.each([
    ["qmeu", "qemu"],
    ["kmv", "kvm"],
    ["vifo", "vfio"],
  ])("the slip %s, too short or swapped for correction, finds what %s finds", (slip, word) => {
    expect(ranked(talks, slip)).toEqual(ranked(talks, word));
    expect(ranked(talks, slip)).toContain(word);
  });
});
