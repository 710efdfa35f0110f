// The vocabulary of the layers around a hypervisor (firmware, hardware extensions, device
// models, storage jobs, management, tooling) in data/synonyms.json and data/lay-terms.json,
// checked by exact rankings on small invented catalogs of a broad conference.
import { describe, expect, it } from "vitest";
import { fosdemOthers, fosdemTalk, otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("kubernetes databases web frameworks");

describe("full forms and abbreviations of the stack's parts", () => {
  const talks = [
    ...others,
    talk("uefi", "Guest firmware boot", "uefi variables for guests"),
    talk("ivshmem", "Zero-copy between guests", "inter-vm shared memory for packet buffers"),
    talk("cor", "Lazy image fetching", "copy-on-read from a remote base"),
    talk("afl", "Coverage for device models", "american fuzzy lop on emulated devices"),
    talk("mips", "Big-endian boards", "mipsel guests under tcg"),
    talk("vpp", "A fast userspace router", "fd.io in front of guests"),
  ];

  it.each([
    ["unified extensible firmware interface", "uefi"],
    ["ivshmem", "ivshmem"],
    ["copy on read", "cor"],
    ["afl", "afl"],
    ["mips32", "mips"],
    ["vector packet processing", "vpp"],
  ])("%s finds its talk", (query, id) => {
    expect(ranked(talks, query)).toEqual([id]);
  });
});

describe("other names of things the vocabulary knew", () => {
  const talks = [
    ...others,
    talk("spectre", "Mitigations in the hypervisor", "speculative execution and guests"),
    talk("luks", "Encrypted guest disks", "luks images for guests"),
    talk("ppc", "Guests on POWER", "pseries machines"),
    talk("s390", "KVM on the mainframe", "s390x guests"),
    talk("ibm-talk", "Working at IBM", "a career at ibm research"),
    talk("dbt", "Fast emulators for old consoles", "a dynarec for guest code"),
  ];

  it.each([
    ["transient execution", "spectre"],
    ["dm-crypt", "luks"],
    ["spapr", "ppc"],
    ["ibm z", "s390"],
    ["binary translation", "dbt"],
  ])("%s finds its talk", (query, id) => {
    expect(ranked(talks, query)).toEqual([id]);
  });
});

describe("everyday phrasings lead to the jargon", () => {
  const talks = [
    ...others,
    talk("live", "Moving guests between hosts", "live migration at scale"),
    talk("passt", "Networking for unprivileged guests", "passt and slirp"),
    talk("evtchn", "Xen's plumbing", "event channels and grant tables"),
    talk("commit", "Shortening image chains", "block-commit and block-stream jobs"),
    talk("vtpm", "Trusted boot for guests", "swtpm for guests"),
  ];

  it.each([
    ["vmotion", "live"],
    ["rootless networking", "passt"],
    ["inter-domain communication", "evtchn"],
    ["merge snapshots", "commit"],
    ["tpm in a vm", "vtpm"],
  ])("%s", (query, id) => {
    expect(ranked(talks, query)).toEqual([id]);
  });
});

describe("phrasings of the tools' users lead to the tools", () => {
  const talks = [
    ...others,
    talk("clone", "Fast guest provisioning", "a backing chain per guest"),
    talk("renode", "Simulating microcontrollers", "renode for firmware tests"),
  ];

  it.each([
    ["linked clone", "clone"],
    ["board emulation", "renode"],
  ])("%s", (query, id) => {
    expect(ranked(talks, query)).toEqual([id]);
  });
});

describe("a broad phrasing finds the products after the talks it names", () => {
  const talks = [
    ...others,
    talk("runtimes", "Comparing webassembly runtimes", "webassembly runtime startup"),
    talk("wasmtime", "Wasmtime internals", "wasmtime"),
    talk("wamr", "Interpreters on microcontrollers", "wamr"),
    talk("fc", "Firecracker in production", "firecracker"),
    talk("rustvmm", "rust-vmm in production", "rust-vmm"),
    talk("scratch", "KVM without QEMU", "kvm without qemu"),
  ];

  it("leads a webassembly runtime to wasmtime and WAMR", () => {
    expect(ranked(talks, "webassembly runtime")).toEqual(["runtimes", "wasmtime", "wamr"]);
  });

  it("leads fuzzing to the fuzzers", () => {
    const fuzz = [
      ...others,
      talk("fuzz", "Fuzzing device models", "fuzzing virtio devices"),
      talk("afl", "Finding parser bugs", "afl++ on image parsers"),
    ];
    expect(ranked(fuzz, "fuzzing")).toEqual(["fuzz", "afl"]);
  });

  it("leads KVM without QEMU to the other VMMs", () => {
    expect(ranked(talks, "kvm without qemu")).toEqual(["scratch", "rustvmm", "fc"]);
  });
});

describe("an everyday phrase keeps its subject", () => {
  it("leads vulkan in a VM to virtio-gpu venus, not to a venue", () => {
    const talks = [
      ...fosdemOthers("kubernetes databases web frameworks"),
      fosdemTalk("venus", "3D for guests", "virtio-gpu venus in the vmm"),
      fosdemTalk("venue", "Welcome to the conference", "the venue and how to get there"),
    ];
    expect(ranked(talks, "vulkan in a vm")).toEqual(["venus"]);
  });

  // Each case: a talk on the phrase's subject and one that the old target led to.
  it.each([
    [
      "profile a vm",
      [
        talk("perf", "Performance monitoring in KVM guests", "perf kvm and guest profiling"),
        talk("ruby", "Prettier Ruby backtraces", "profile the ruby vm"),
      ],
      ["perf", "ruby"],
    ],
    [
      "alternatives to vmware",
      [
        talk("mig", "Migrating from VMware to Kubernetes", "an open alternative for vmware guests"),
        talk("pve", "Proxmox for a build farm", "proxmox"),
      ],
      ["mig"],
    ],
    [
      "nic offload",
      [
        talk("gpu", "vGPU on consumer GPUs", "sr-iov on gpus"),
        talk("xdp", "XDP in hardware", "xdp offload to smartnics"),
      ],
      ["xdp"],
    ],
    [
      "confidential computing on s390",
      [
        talk("se", "Secure Execution for s390x", "confidential guests on s390x"),
        talk(
          "sev",
          "SEV-SNP in OVMF",
          "sev-es protected virtual machines and confidential computing",
        ),
      ],
      ["se", "sev"],
    ],
  ])("%s keeps its subject", (query, pair, ids) => {
    expect(ranked([...others, ...pair], query)).toEqual(ids);
  });
});

describe("words that are also everyday words do not make a question the field's", () => {
  const talks = [
    ...fosdemOthers("kubernetes databases web frameworks"),
    fosdemTalk("asm", "An assembler for MIPS", "mips instructions in the assembler"),
    fosdemTalk("ps3", "Linux on the PS3", "hyperthreading on the cell for gaming"),
  ];

  it.each([
    ["how many mips is my cpu", []],
    ["hyperthreading on or off for gaming", []],
    ["m1 mac battery life", []],
    ["mips", ["asm"]],
  ])("%s", (query, ids) => {
    expect(ranked(talks, query)).toEqual(ids);
  });
});
