// The traps real schedules showed (issue 18), each reproduced by a fixture of our own in
// the real format, with the exact records it must give.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NO_ABSTRACT, toCard } from "../../src/core/card.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import type { TalkRecord } from "../../src/core/talk.ts";
import { fixture, importInto, readCatalogFile, tempDir } from "../support/import-helpers.ts";

type Field = keyof TalkRecord;
const pick = (rec: TalkRecord, fields: readonly Field[]) =>
  Object.fromEntries(fields.filter((f) => rec[f] !== undefined).map((f) => [f, rec[f]]));
const WHEN: Field[] = ["id", "date", "start", "end", "timeZone", "room"];

async function imported(name: string, more = {}) {
  const out = tempDir();
  const [report] = await importInto(out, [fixture(name)], more);
  return { out, report: report!, file: readCatalogFile(report!.path) };
}

describe("trap 1: Pentabarf's old layout (<event> under <day>, <room> as text)", async () => {
  const { file, report } = await imported("pentabarf-2009.xml");

  it("imports every talk with its room, and an after-midnight talk on the next date", () => {
    expect(report.added).toHaveLength(3);
    expect(file.talks.map((t) => pick(t, ["id", "date", "room", "speakers"]))).toEqual([
      {
        id: "example-open-source-meeting-2009-701-paravirtualised-drivers-for-xen-guests",
        date: "2009-02-07",
        room: "Hall A",
        speakers: ["Ines Example"],
      },
      {
        id: "example-open-source-meeting-2009-702-kvm-in-five-minutes",
        date: "2009-02-07",
        room: "Hall B",
        speakers: ["Piet Example"],
      },
      {
        // 01:30 is before the 09:00 day change: the night after 7 February.
        id: "example-open-source-meeting-2009-703-qemu-hacking-night",
        date: "2009-02-08",
        room: "Hall A",
        speakers: ["Nora Example"],
      },
    ]);
  });

  it("keeps the subtitle apart and labels a plain link as a website", () => {
    expect(pick(file.talks[0]!, ["subtitle", "summary", "links"])).toEqual({
      subtitle: "Block and network front ends",
      summary:
        "How the split driver model of Xen moves block and network I/O between guests and the driver domain.",
      links: [{ kind: "website", url: "http://xen.example.org/" }],
    });
  });
});

describe("trap 2: summaries are whole sentences from the start of the abstract", async () => {
  const { file } = await imported("general-2026.xml");
  const mshv = file.talks.find((t) => t.title === "MSHV in QEMU")!;

  it("versions, URLs, e.g., z. B. and thousands separators do not end a sentence", () => {
    expect(mshv.summary).toBe(
      "QEMU 10.2 will introduce MSHV support as an accelerator, see https://example.org/docs/v10.2/mshv.html for the design. " +
        "The work (ca. 20 patches, e.g. the new accel/mshv directory) was reviewed by 3.000 people over 1.5 years. " +
        "Guests boot with the same machine types as under KVM, z. B. q35 and virt. " +
        "We show the remaining gaps in device emulation and the plan for the next release. " +
        "Benchmarks compare boot time, memory footprint and I/O latency against KVM on the same host.",
    );
    expect(mshv.description!.startsWith(mshv.summary!)).toBe(true);
  });
});

describe("trap 3: a subtitle is its own field", async () => {
  const { file } = await imported("general-2026.xml");
  it("never runs into the abstract", () => {
    const mshv = file.talks.find((t) => t.title === "MSHV in QEMU")!;
    expect(mshv.subtitle).toBe("A second accelerator for Linux hosts");
    expect(mshv.summary!.startsWith("QEMU 10.2")).toBe(true);
  });
});

describe("trap 4: one pretalx schedule as JSON and as iCalendar into one folder", async () => {
  const out = tempDir();
  const [first] = await importInto(out, [fixture("democon-2026.json")]);
  const [second] = await importInto(out, [fixture("democon-2026.ics")], {
    eventName: "DemoCon 2026",
  });

  it("is one talk per talk code, matched across formats, and the folder loads", () => {
    expect(first!.added).toEqual([
      "democon-2026-democon-41-confidential-guests-made-simple",
      "democon-2026-democon-42-vhost-user-in-rust",
    ]);
    expect(second!.added).toEqual([]);
    expect([...second!.updated, ...second!.unchanged].sort()).toEqual(first!.added);
    const file = readCatalogFile(second!.path);
    expect(file.talks.map((t) => t.source!.key)).toEqual([
      "pretalx:democon/QWERTY",
      "pretalx:democon/ZXCVBN",
    ]);
    // The iCalendar names no track: the JSON's stays.
    expect(file.talks.map((t) => t.track)).toEqual(["Virtualization", "Virtualization"]);
    const loaded = loadCatalog(undefined, [out]);
    expect(loaded.problems).toEqual([]);
  });
});

describe("trap 5: iCalendar people, zones, escapes and shared UIDs", async () => {
  const { file } = await imported("virt-meetup-2026.ics");

  it("reads ATTENDEE and ORGANIZER CN, TZID without VTIMEZONE, unescapes, keeps all three UIDs", () => {
    expect(file.talks.map((t) => pick(t, ["title", "speakers", ...WHEN, "summary"]))).toEqual([
      {
        title: "Snapshots, backups; and QEMU block jobs",
        speakers: ["Lea Example", "Max Example"],
        id: "virt-meetup-2026-snapshots-backups-and-qemu-block-jobs",
        date: "2026-03-12",
        start: "2026-03-12T18:30:00+01:00",
        end: "2026-03-12T19:00:00+01:00",
        timeZone: "Europe/Paris",
        room: "Room 2",
        summary: "First line about qcow2. Second line: incremental backups with dirty bitmaps.",
      },
      {
        title: "Xen on RISC-V",
        speakers: ["Tom Example"],
        id: "virt-meetup-2026-xen-on-risc-v",
        date: "2026-03-12",
        start: "2026-03-12T19:00:00+01:00",
        end: "2026-03-12T19:30:00+01:00",
        timeZone: "Europe/Paris",
        summary: "Porting the Xen hypervisor to a new architecture.",
      },
      {
        title: "libvirt and cgroups v2",
        speakers: ["Una Example"],
        id: "virt-meetup-2026-libvirt-and-cgroups-v2",
        date: "2026-03-12",
        start: "2026-03-12T19:30:00+01:00",
        timeZone: "Europe/Paris",
        summary: "How libvirt places VMs into cgroups.",
      },
    ]);
    expect(new Set(file.talks.map((t) => t.source!.key)).size).toBe(3);
  });

  it("re-importing changes nothing: each shared-UID event keeps its id", async () => {
    const out = tempDir();
    await importInto(out, [fixture("virt-meetup-2026.ics")]);
    const [again] = await importInto(out, [fixture("virt-meetup-2026.ics")]);
    expect([again!.added, again!.updated, again!.unchanged.length]).toEqual([[], [], 3]);
  });
});

describe("trap 6: dates in the conference's zone (wafer, after midnight, datetime <start>)", async () => {
  const { file } = await imported("debconf-2026.xml");

  it("converts UTC day dates and talk dates into Asia/Seoul", () => {
    expect(file.event.date).toBe("2026-07-14/2026-07-16");
    expect(file.talks.map((t) => pick(t, WHEN))).toEqual([
      {
        id: "exampleconf-26-2026-packaging-qemu",
        date: "2026-07-14",
        start: "2026-07-14T10:00:00+09:00",
        end: "2026-07-14T10:45:00+09:00",
        timeZone: "Asia/Seoul",
        room: "Auditorium",
      },
      {
        id: "exampleconf-26-2026-late-night-kvm-bof",
        date: "2026-07-15",
        start: "2026-07-15T00:30:00+09:00",
        end: "2026-07-15T01:00:00+09:00",
        timeZone: "Asia/Seoul",
        room: "Auditorium",
      },
    ]);
  });
});

describe("trap 7: Indico detail=sessions and congress exports without tracks", () => {
  it("Indico: contributions under sessions[], names from first_name/last_name", async () => {
    const { file } = await imported("indico-sessions.json");
    expect(
      file.talks.map((t) => pick(t, ["id", "speakers", "authors", "track", "date", "start"])),
    ).toEqual([
      {
        id: "virtualization-workshop-2026-17-kvm-dirty-ring-in-practice",
        speakers: ["Ada Example"],
        authors: ["Bert Sample"],
        track: "Hypervisors",
        date: "2026-09-21",
        start: "2026-09-21T09:30:00+02:00",
      },
      {
        id: "virtualization-workshop-2026-18-vfio-migration-for-nics",
        speakers: ["Jan Roe"],
        track: "Devices",
        date: "2026-09-22",
        start: "2026-09-22T00:30:00+02:00",
      },
    ]);
  });

  it("congress: every event imports, with or without a track", async () => {
    const { report, file } = await imported("congress-2025.json");
    expect([report.added.length, report.skipped]).toEqual([3, []]);
    expect(file.talks.map((t) => t.track ?? null)).toEqual([
      null,
      null,
      "Ethics, Society & Politics",
    ]);
    expect(file.talks[1]!.date).toBe("2025-12-28");
  });
});

describe("trap 8: only the same title and the same speakers is one talk", async () => {
  const { report, file } = await imported("general-2026.xml");

  it("keeps two talks called Perl 6 and a workshop run by another host; merges the repeat", () => {
    const titled = (title: string) => file.talks.filter((t) => t.title === title);
    expect(titled("Perl 6").map((t) => t.speakers)).toEqual([["Gus Example"], ["Hal Example"]]);
    expect(titled("Intro to libvirt").map((t) => t.speakers)).toEqual([
      ["Ivy Example"],
      ["Jay Example"],
    ]);
    expect(report.skipped).toEqual([
      {
        where: '<event id="7"> (day 2026-03-14, room Main hall)',
        title: "Intro to libvirt",
        reason:
          'merged into <event id="6"> (day 2026-03-14, room Main hall): the same title and speakers (one talk listed twice; the earliest slot is kept)',
      },
    ]);
    expect(loadCatalog(undefined, [join(report.path, "..")]).problems).toEqual([]);
  });
});

describe("trap 9: generic topic patterns need a virtualization context", async () => {
  const { file: general } = await imported("general-2026.xml");
  const { file: congress } = await imported("congress-2025.json");
  const topicsOf = (title: string) =>
    [...general.talks, ...congress.talks].find((t) => t.title === title)!.topics;

  it("database migration, electric power, 'originally scheduled': no virtualization topic", () => {
    expect(topicsOf("Migrating to PostgreSQL 17")).toEqual([]);
    expect(topicsOf("Power to the grid")).toEqual([]);
    expect(topicsOf("Friday keynote, moved")).toEqual([]);
  });

  it("the same words in a virtualization talk still count", () => {
    expect(topicsOf("Live migration of KVM guests with vhost-user")).toEqual([
      "kvm",
      "live-migration",
      "vhost",
    ]);
  });
});

describe("trap 10: a talk without an abstract has no summary", async () => {
  const { file } = await imported("general-2026.xml");
  const stand = file.talks.find((t) => t.title === "Welcome to the QEMU stand")!;

  it("stores neither summary nor description; the card says the schedule has none", () => {
    expect([stand.summary, stand.description]).toEqual([undefined, undefined]);
    const catalog = loadCatalog(undefined, [join(tempDir(), "none")]);
    expect(catalog.problems).toEqual([]);
  });

  it("the card reads 'The schedule has no abstract.'", async () => {
    const { out } = await imported("general-2026.xml");
    const talk = loadCatalog(undefined, [out]).byId.get(stand.id)!;
    expect([talk.summary, toCard(talk).summary]).toEqual(["", NO_ABSTRACT]);
  });
});

describe("trap 11: links by kind; the title links only to a page", async () => {
  const { out, file } = await imported("general-2026.xml");
  const catalog = loadCatalog(undefined, [out]);

  it("labels Page, Website and Slides; the title goes to the page", () => {
    const mshv = file.talks.find((t) => t.title === "MSHV in QEMU")!;
    const card = toCard(catalog.byId.get(mshv.id)!);
    expect(card.links.map((l) => l.label)).toEqual(["Page", "Website", "Slides", "Event page"]);
    expect(card.url).toBe("https://general.example.org/2026/talk/10/");
  });

  it("a talk with only a recording links its title to the event, never to the video file", () => {
    const rec = file.talks.find((t) => t.title.startsWith("Recorded elsewhere"))!;
    expect(rec.links).toEqual([{ kind: "video", url: "https://video.example.org/2026/11.mp4" }]);
    expect(toCard(catalog.byId.get(rec.id)!).url).toBe("https://general.example.org/2026/");
  });
});

describe("trap 13: non-Latin names, one guid for three events", async () => {
  const { out, report, file } = await imported("nonlatin-2026.xml");

  it("gives valid, stable ids and keeps every non-Latin title", () => {
    expect(file.event.id).toBe("x55ed2fcc-2026");
    expect(file.talks.map((t) => [t.id, t.title])).toEqual([
      ["x55ed2fcc-2026-1", "Виртуализация памяти"],
      ["x55ed2fcc-2026-2", "虚拟化"],
      ["x55ed2fcc-2026-lightning-1", "Lightning talk: vhost-user"],
      ["x55ed2fcc-2026-lightning-2", "Lightning talk: virtio-mem"],
      ["x55ed2fcc-2026-lightning-3", "Lightning talk: virtiofs"],
    ]);
    expect(report.path).toBe(join(out, "x55ed2fcc-2026.json"));
    expect(loadCatalog(undefined, [out]).problems).toEqual([]);
  });

  it("re-importing changes nothing (three events sharing one guid keep their ids)", async () => {
    const [again] = await importInto(out, [fixture("nonlatin-2026.xml")]);
    expect([again!.added, again!.updated, again!.unchanged.length]).toEqual([[], [], 5]);
  });
});
