// A person's name typed as people type it, in a broad catalog: umlauts spelt out or left
// off, a middle initial, a first name shortened or misspelt beside the surname; a first
// name many speakers share, answered with the field's speaker first. Invented names.
import { describe, expect, it } from "vitest";
import { fosdemOthers, fosdemTalk, ranked } from "./broad-fixture.ts";

const by = (id: string, title: string, speakers: string[], year: number, words = "") => ({
  ...fosdemTalk(id, title, words),
  speakers,
  year,
});

const others = fosdemOthers("databases and web frameworks");

describe("a full name however it is typed", () => {
  const talks = [
    ...others,
    by("iommu", "IOMMU emulation", ["Joerg Hoelzer"], 2011, "for kvm guests"),
    by("svsm", "Boot security", ["Jörg Hölzer"], 2026, "measured boot"),
    by("guestfs", "Disk image tools", ["Richard Jonas"], 2014, "editing guest disk images"),
    by("nbd", "Network block devices", ["Richard Jonas"], 2019),
    by("rich", "Rich text editors", ["Mara Lind"], 2020, "rich text"),
    by("vhost", "Userspace vhost", ["Stefan Hajnal"], 2023, "virtio devices for qemu"),
    by("maps", "Map rendering", ["Stephan Kovacs"], 2022),
  ];

  it("finds both spellings of a name with an umlaut, whichever is typed", () => {
    for (const q of ["joerg hoelzer", "jorg holzer", "Jörg Hölzer", "hoelzer", "speaker:holzer"])
      expect(ranked(talks, q), q).toEqual(["svsm", "iommu"]);
  });

  it("reads a first name shortened, or a middle initial, beside the surname", () => {
    for (const q of ["rich jonas", "richard w.m. jonas", "anything from Rich Jonas?"])
      expect(ranked(talks, q), q).toEqual(["nbd", "guestfs"]);
    // "rich" alone is a word of talks, not a name.
    expect(ranked(talks, "rich")).toEqual(["rich"]);
  });

  it("finds a first name misspelt beside the surname, as another person's name", () => {
    expect(ranked(talks, "stephan hajnal")).toEqual(["vhost"]);
    expect(ranked(talks, "stephan kovacs")).toEqual(["maps"]);
  });
});

describe("a first name many speakers share", () => {
  const talks = [
    ...others,
    by("lang-vm", "A language runtime", ["Stefan Moor"], 2026, "its bytecode vm"),
    by("lang-jit", "A tracing compiler", ["Stefan Moor"], 2025),
    by("fs", "Shared file systems for guests", ["Stefan Hajnal"], 2020, "virtio and qemu"),
    by("blk", "Userspace block devices", ["Stefan Hajnal"], 2023, "vhost for kvm guests"),
    by("fd", "File descriptor monitoring", ["Stefan Hajnal"], 2021),
    by("garden", "Gardening with sensors", ["Stefan Lind"], 2024),
  ];

  it("lists the talks of the speaker strongest in the field first, each newest first", () => {
    const expected = ["blk", "fd", "fs", "lang-vm", "lang-jit", "garden"];
    for (const q of ["talks by stefan", "what did stefan present?", "speaker:stefan"])
      expect(ranked(talks, q), q).toEqual(expected);
  });

  it("keeps a first name beside a subject a search of that subject", () => {
    expect(ranked(talks, "stefan virtio")).toEqual(["fs"]);
  });
});
