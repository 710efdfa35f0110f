// Each schedule format, from a fixture written for it, to the exact catalog records.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CatalogFileSchema } from "../../src/core/talk.ts";
import {
  fixture,
  importInto,
  readCatalogFile,
  snapshot,
  tempDir,
} from "../support/import-helpers.ts";

const source = (origin: string, format: string, key: string) => ({
  format,
  origin,
  key,
  importedAt: "2026-11-29T12:00:00Z",
});

describe("import: frab/Pentabarf XML (FOSDEM devroom with --track)", async () => {
  const out = tempDir();
  const origin = fixture("fosdem-2026.xml");
  const [report] = await importInto(out, [origin], { track: /virtualization/iu });
  const file = readCatalogFile(join(out, "fosdem-2026.json"));

  it("imports the four devroom talks and skips the other track with its reason", () => {
    expect(report!.added).toEqual([
      "fosdem-2026-virt-vfio-live-update",
      "fosdem-2026-virt-confidential-guests-arm",
      "fosdem-2026-virt-virtio-fs-dax",
      "fosdem-2026-virt-kubevirt-numa",
    ]);
    expect(report!.skipped).toEqual([
      {
        where: '<event id="8201"> (day 2026-01-31, room UB2.252A (Lameere))',
        title: "Async Rust on a microcontroller with 16 KB of RAM",
        reason: 'track "Rust" does not match --track',
      },
    ]);
    expect(CatalogFileSchema.safeParse(file).success).toBe(true);
  });

  it("maps the event: name, year, dates, conference page", () => {
    expect(file.event).toEqual({
      id: "fosdem-2026",
      name: "FOSDEM 2026",
      shortName: "FOSDEM 2026",
      year: 2026,
      date: "2026-01-31/2026-02-01",
      links: [{ kind: "event", url: "https://fosdem.example.org/2026/" }],
    });
  });

  it("maps a talk: plain-text summary, track, links with kinds, feedback dropped", () => {
    const talk = file.talks[0]!;
    expect(talk).toEqual({
      id: "fosdem-2026-virt-vfio-live-update",
      title: "Keeping VFIO devices alive across a host kernel update",
      speakers: ["Mara Lindqvist", "Tomasz Wrona"],
      date: "2026-01-31",
      start: "2026-01-31T10:30:00+01:00",
      end: "2026-01-31T10:55:00+01:00",
      timeZone: "Europe/Brussels",
      room: "H.1308 (Rolin)",
      added: "2026-11-30",
      summary: expect.stringMatching(
        /^Rebooting a host into a new kernel usually means stopping every guest .* 64-vCPU test host\.$/,
      ),
      track: "Virtualization and Cloud Infrastructure",
      keyPoints: [],
      // Generic words (scheduling, testing) and single mentions in the abstract give no topic.
      // "IOMMU mappings" and "iommufd": two mentions of the iommu topic in the abstract.
      topics: ["vfio", "iommu"],
      links: [
        {
          kind: "page",
          url: "https://fosdem.example.org/2026/schedule/event/virt-vfio-live-update/",
        },
        {
          kind: "slides",
          url: "https://fosdem.example.org/2026/schedule/event/virt-vfio-live-update/attachments/slides/8101/vfio-live-update.pdf",
        },
        {
          kind: "video",
          url: "https://video.example.org/fosdem/2026/h1308/virt-vfio-live-update.webm",
        },
      ],
      source: source(origin, "frab-xml", "0e6a0b1c-5d2e-4f4a-8a33-3c1d0b7e1001"),
    });
  });

  it("takes the date in the conference's zone, builds a page from base URL + slug, drops chat rooms", () => {
    const numa = file.talks.find((t) => t.id === "fosdem-2026-virt-kubevirt-numa")!;
    // 00:15 on 1 February in Brussels is still 31 January in UTC.
    expect(numa.date).toBe("2026-02-01");
    // The subtitle is its own field, never the start of the summary.
    expect(numa.subtitle).toBe("Topology hints from the kubelet to libvirt");
    expect(numa.summary).toMatch(/^How a VM scheduled by Kubernetes/);
    expect([numa.start, numa.end, numa.timeZone]).toEqual([
      "2026-02-01T00:15:00+01:00",
      "2026-02-01T00:40:00+01:00",
      "Europe/Brussels",
    ]);
    expect(numa.links).toEqual([
      { kind: "page", url: "https://fosdem.example.org/2026/schedule/event/virt-kubevirt-numa/" },
    ]);
    const dax = file.talks.find((t) => t.id === "fosdem-2026-virt-virtio-fs-dax")!;
    expect(dax.links).toEqual([
      { kind: "page", url: "https://fosdem.example.org/2026/schedule/event/virt-virtio-fs-dax" },
    ]);
    const arm = file.talks.find((t) => t.id === "fosdem-2026-virt-confidential-guests-arm")!;
    expect(arm.links[1]).toEqual({
      kind: "attachment",
      url: "https://fosdem.example.org/2026/schedule/event/virt-confidential-guests-arm/attachments/demo-notes.txt",
    });
  });
});

describe("import: c3voc schedule JSON (pretalx KVM Forum)", async () => {
  const out = tempDir();
  const origin = fixture("kvm-forum-2026.json");
  const [report] = await importInto(out, [origin]);
  const file = readCatalogFile(join(out, "kvm-forum-2026.json"));

  it("imports every talk with stable ids from the source slugs", () => {
    expect(report!.added).toEqual([
      "kvm-forum-2026-4101-guest-memfd-and-huge-pages",
      "kvm-forum-2026-4102-post-copy-migration-for-vfio-devices",
      "kvm-forum-2026-4103-testing-nested-virtualization-in-ci",
    ]);
    expect(report!.skipped).toEqual([]);
  });

  it("turns the HTML abstract into text and resolves relative attachments against base_url", () => {
    const talk = file.talks[1]!;
    expect(talk.summary).toBe(
      "Post-copy live migration moves a guest before all its memory has arrived. With a passed-through NIC that is harder: device state and dirty tracking have to cooperate. We present a prototype and its downtime numbers.",
    );
    expect(talk.speakers).toEqual(["Oren Mizrahi", "Chen Wei"]);
    expect(talk.track).toBe("I/O and devices");
    expect(talk.topics).toEqual(["vfio", "live-migration"]);
    expect(talk.links).toEqual([
      { kind: "page", url: "https://pretalx.example.org/kvm-forum-2026/talk/MV3KPD/" },
      { kind: "video", url: "https://media.example.org/v/kvm-forum-2026-post-copy-vfio" },
      {
        kind: "attachment",
        url: "https://pretalx.example.org/media/kvm-forum-2026/submissions/MV3KPD/resources/patches.tar.gz",
      },
    ]);
    expect(talk.source).toEqual(
      // pretalx's talk code from the page URL: the same in its JSON, XML and iCalendar.
      source(origin, "frab-json", "pretalx:kvm-forum-2026/MV3KPD"),
    );
  });
});

describe("import: Indico", () => {
  it("event export with contributions: speakers, co-authors, session as track, location", async () => {
    const out = tempDir();
    const [report] = await importInto(out, [fixture("lpc-2026-contributions.json")], {
      track: /virtualization/iu,
    });
    expect(report!.added).toEqual([
      "linux-plumbers-conference-2026-7-dirty-page-tracking-without-write-protection",
      "linux-plumbers-conference-2026-8-xen-on-risc-v-status-and-next-steps",
    ]);
    expect(report!.skipped.map((s) => s.title)).toEqual(["Scheduler latency under SCHED_DEADLINE"]);
    const file = readCatalogFile(join(out, "linux-plumbers-conference-2026.json"));
    expect(file.event).toEqual({
      id: "linux-plumbers-conference-2026",
      name: "Linux Plumbers Conference 2026",
      shortName: "Linux Plumbers Conference 2026",
      year: 2026,
      date: "2026-11-10/2026-11-12",
      location: "Lisbon",
      links: [{ kind: "event", url: "https://indico.example.org/event/42/" }],
    });
    const talk = file.talks[0]!;
    expect([talk.speakers, talk.authors, talk.track, talk.date, talk.topics]).toEqual([
      ["Nadia Haddad"],
      ["Sven Aalto"],
      "Virtualization and Containers MC",
      "2026-11-11",
      // Each named once in the abstract only: not enough for a topic.
      [],
    ]);
    expect(talk.links[1]).toEqual({
      kind: "attachment",
      url: "https://indico.example.org/event/42/contributions/1310/attachments/900/1800/dirty-tracking.pdf",
    });
  });

  it("timetable export: sessions walked, breaks ignored, --event gives the name", async () => {
    const out = tempDir();
    const [report] = await importInto(out, [fixture("lpc-2026-timetable.json")], {
      eventName: "Linux Plumbers Conference 2026",
    });
    expect(report!.added).toEqual([
      "linux-plumbers-conference-2026-7-dirty-page-tracking-without-write-protection",
      "linux-plumbers-conference-2026-10-lightweight-vms-for-container-isolation",
    ]);
    const file = readCatalogFile(join(out, "linux-plumbers-conference-2026.json"));
    expect(file.talks.map((t) => [t.speakers, t.track])).toEqual([
      [["Nadia Haddad"], "Virtualization and Containers MC"],
      [["Luis Ortega"], "Virtualization and Containers MC"],
    ]);
    expect(file.event.links).toEqual([
      { kind: "event", url: "https://indico.example.org/event/42/" },
    ]);
  });

  it("the same contribution from both exports is the same record (matched by id)", async () => {
    const out = tempDir();
    await importInto(out, [fixture("lpc-2026-contributions.json")]);
    const [again] = await importInto(out, [fixture("lpc-2026-timetable.json")], {
      eventName: "Linux Plumbers Conference 2026",
    });
    expect(again!.updated).toEqual([
      "linux-plumbers-conference-2026-7-dirty-page-tracking-without-write-protection",
    ]);
    expect(again!.added).toEqual([
      "linux-plumbers-conference-2026-10-lightweight-vms-for-container-isolation",
    ]);
  });
});

describe("import: iCalendar (sched.com style)", async () => {
  const out = tempDir();
  const [report] = await importInto(out, [fixture("kvm-forum-2014.ics")]);
  const file = readCatalogFile(join(out, "kvm-forum-2014.json"));

  it("imports the talks, skips the lunch (a break title, no speaker)", () => {
    expect(report!.added).toEqual([
      "kvm-forum-2014-tuning-vhost-net-for-40g-nics",
      "kvm-forum-2014-block-jobs-and-the-qemu-storage-daemon",
    ]);
    expect(report!.skipped).toEqual([
      {
        where: "VEVENT 3 (UID kvmforum2014-aa03@sched.example.com)",
        title: "Lunch",
        reason: "not a talk: a break (its title says so; no speaker)",
      },
    ]);
  });

  it("speakers from SUMMARY or the Speakers: line; UTC start dated in X-WR-TIMEZONE", () => {
    const [vhost, block] = file.talks;
    expect([vhost!.title, vhost!.speakers, vhost!.date, vhost!.track]).toEqual([
      "Tuning vhost-net for 40G NICs",
      ["Jonas Becker", "Aiko Tanaka"], // "Example Networks" is an affiliation
      "2014-10-15", // 22:30 UTC on the 14th is 00:30 on the 15th in Berlin
      "Networking",
    ]);
    expect(vhost!.summary).toBe(
      "Where the cycles go when a guest pushes 40 Gbit/s through vhost-net, and the three changes that closed most of the gap to bare metal.",
    );
    expect([block!.speakers, block!.summary, block!.topics]).toEqual([
      ["Mara Lindqvist", "Chen Wei"],
      "Mirroring, streaming and committing qcow2 backing chains from a separate storage process.",
      ["qemu", "storage"],
    ]);
    expect(file.event).toMatchObject({ id: "kvm-forum-2014", name: "KVM Forum 2014", year: 2014 });
  });
});

describe("import: a talk no topic rule classifies", async () => {
  const out = tempDir();
  const [report] = await importInto(out, [fixture("unclassified.ics")], {
    eventName: "Virt Day 2026",
  });

  it("keeps a real talk without topics (searched by its words) and skips the coffee break", () => {
    expect(report!.added).toHaveLength(1);
    expect(report!.skipped.map((s) => [s.title, s.reason])).toEqual([
      ["Coffee", "not a talk: a break (its title says so; no speaker)"],
    ]);
    const files = Object.keys(snapshot(out));
    expect(files).toHaveLength(1);
    const file = readCatalogFile(join(out, files[0]!));
    expect(file.talks[0]).toMatchObject({ topics: [], speakers: ["Ilse Vogt"] });
    expect(CatalogFileSchema.safeParse(file).success).toBe(true);
  });
});
