// The ranking mechanisms of issue 19, each on a small invented catalog with exact
// expected rankings: word weights from the catalog, acceptance, identifiers, length
// normalisation and filter-only listings.
import { describe, expect, it } from "vitest";
import { talkWith } from "../../support/talks.ts";
import { FILLER, otherTalks, ranked, talk } from "./broad-fixture.ts";

/** Twenty talks about other things, so the test words are rare as in a real conference. */
const others = otherTalks("kubernetes gpu containers");

describe("word weights come from the catalog being searched", () => {
  it("keeps a word that is rare here: virtualization must match beside gpu", () => {
    const talks = [
      ...others,
      talk("gpu-virt", "GPU virtualization with mediated devices"),
      talk("gpu-ml", "Training models on a GPU cluster", "gpu"),
    ];
    expect(ranked(talks, "gpu virtualization")).toEqual(["gpu-virt"]);
  });

  it("makes a word most talks hold optional: in a virtualization catalog, gpu decides", () => {
    const virt = Array.from({ length: 8 }, (_, i) =>
      talk(`virt-${i}`, `Virtualization topic ${i}`, "virtualization of guests"),
    );
    const talks = [...virt, talk("gpu", "Sharing a GPU", "assigning the gpu to guests")];
    expect(ranked(talks, "gpu virtualization")).toEqual(["gpu"]);
  });

  it("needs the most informative concept: two everyday words do not make an answer", () => {
    const talks = [
      ...others,
      talk("patterns", "Design patterns for beginners", "patterns beginners"),
      talk(
        "qemu-wasm",
        "QEMU in the web browser",
        "qemu compiled to webassembly runs in a browser",
      ),
      talk("browser", "Browser engines today", "web browser rendering"),
    ];
    expect(ranked(talks, "knitting patterns for beginners")).toEqual([]);
    expect(ranked(talks, "can you run QEMU in a web browser")).toEqual(["qemu-wasm"]);
  });
});

describe("the subject a sentence must match", () => {
  it("is the field's term it names, not a plain word only a little rarer", () => {
    const talks = [
      ...others,
      talk("backup", "Restoring backups", "restoring data"),
      talk("wal", "Write-ahead logs", "a checkpoint of the database"),
      talk("snap", "Snapshots of databases", "checkpoint often"),
      talk("criu", "CRIU in containers", "criu writes containers to disk"),
      talk("disk", "Saving to disk faster", "disk writes"),
    ];
    // "restore" is rarer than checkpoint/restore's broadest word, but the question is
    // about the lay term: the talk that never says "restore" answers, disks alone do not.
    expect(ranked(talks, "freeze a running process to disk and restore it")).toEqual(["criu"]);
  });

  it("stays each keyword of a short query, and a word the catalog lacks", () => {
    const talks = [...others, talk("criu", "CRIU in containers", "criu writes to disk")];
    expect(ranked(talks, "knitting freeze a running process")).toEqual([]);
  });
});

describe("identifiers", () => {
  it("keeps io_uring one concept, so qemu still has to match", () => {
    const talks = [
      ...others,
      talk("qemu-iouring", "io_uring in QEMU block layer", "qemu io_uring"),
      talk("iouring", "io_uring for databases", "io_uring"),
      talk("qemu-io", "QEMU I/O throttling", "qemu io"),
    ];
    expect(ranked(talks, "qemu io_uring")).toEqual(["qemu-iouring"]);
    expect(ranked(talks, "io_uring")).toEqual(["iouring", "qemu-iouring"]);
  });
});

describe("length normalisation", () => {
  it("does not let a one-line stub win on brevity over a real talk", () => {
    const long = `${"Live migration moves a running guest between hosts. ".repeat(3)}${FILLER.repeat(6)}`;
    const talks = [
      ...others,
      talkWith({ id: "stub", title: "Checkpointing", summary: "Migration." }),
      talkWith({ id: "real", title: "Migration of guests between hosts", summary: long }),
    ];
    expect(ranked(talks, "migration")).toEqual(["real", "stub"]);
  });
});

describe("filter-only searches", () => {
  it("list talks carrying the topic in the title first, then topics only, each newest first", () => {
    const tagged = (id: string, title: string, year: number, summary = FILLER) =>
      talkWith({ id, title, year, summary, topics: ["live-migration"] });
    const talks = [
      ...others,
      tagged("title-old", "Live migration at scale", 2012),
      tagged("loose-new", "Storage tiering", 2024),
      tagged("abstract", "Moving guests", 2020, "Live migration of guests without downtime."),
      tagged("loose-newer", "Observability", 2025),
    ];
    expect(ranked(talks, "topic:live-migration")).toEqual([
      "title-old",
      "abstract",
      "loose-newer",
      "loose-new",
    ]);
    // Without a topic, newest first.
    expect(ranked(talks, "year:2020-2025")).toEqual(["loose-newer", "loose-new", "abstract"]);
  });

  it("put a title that names the topic before one that only shares a word of it", () => {
    const tagged = (id: string, title: string, summary: string) =>
      talkWith({ id, title, year: 2011, summary, topics: ["live-migration"] });
    const talks = [
      ...others,
      tagged("live-copy", "Live block copy", "Live copy of a live disk image, live and online."),
      tagged("migration", "Live Migration", "Where migration goes next."),
    ];
    expect(ranked(talks, "topic:live-migration")).toEqual(["migration", "live-copy"]);
  });
});

describe("today's vocabulary (data/synonyms.json, data/lay-terms.json)", () => {
  const talks = [
    ...others,
    talk("arm", "Booting guests on arm64 servers", "arm64"),
    talk("sev", "SEV-SNP guests in QEMU", "sev-snp attestation"),
    talk("fc", "Firecracker in production", "firecracker"),
    talk("kubevirt", "KubeVirt at scale", "kubevirt"),
  ];
  it("finds a talk by another name of what it is about", () => {
    expect(ranked(talks, "aarch64")).toEqual(["arm"]);
    expect(ranked(talks, "confidential computing")).toEqual(["sev"]);
    expect(ranked(talks, "microvm")).toEqual(["fc"]);
    expect(ranked(talks, "protecting guest memory")).toEqual(["sev"]);
    expect(ranked(talks, "running vms in kubernetes")[0]).toBe("kubevirt");
  });
});
