// What real exports showed after the issue-18 traps were fixed (a QA pass over 39C3, 36C3,
// FOSDEM 2007-2026, pretalx's demo event, Indico's documented exports and a hand-made
// calendar), each reproduced by a fixture of our own in the real format.
import { cpSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, importInto, readCatalogFile, tempDir } from "../support/import-helpers.ts";

async function imported(name: string, more = {}) {
  const out = tempDir();
  const [report] = await importInto(out, [fixture(name)], more);
  return { report: report!, file: readCatalogFile(report!.path) };
}

describe("a congress: long slugs cut to one id, sessions without speakers", async () => {
  const { report, file } = await imported("congress-workshops.xml");

  it("gives the second of two cut slugs a valid id (no double dash), so the import loads", () => {
    expect(report.added).toEqual([
      "example-hacker-congress-2026-exc26-hypervisor-programming-workshops-an-absolute",
      "example-hacker-congress-2026-exc26-hypervisor-programming-workshops-an-000000a2",
      "example-hacker-congress-2026-exc26-virtualization-bof",
      "example-hacker-congress-2026-exc26-the-economics-of-shared-hosting",
    ]);
  });

  it("keeps a BOF and a talk with no speaker or abstract; skips only what its title calls a break", () => {
    expect(report.skipped).toEqual([
      {
        where: '<event id="103"> (day 2026-12-27, room Workshop Tent)',
        title: "Coffee & tea break",
        reason: "not a talk: a break (its title says so; no speaker)",
      },
    ]);
    expect(file.talks.slice(2).map((t) => [t.title, t.speakers, t.summary])).toEqual([
      ["Virtualization BOF", [], undefined],
      ["The economics of shared hosting", [], undefined],
    ]);
  });
});

describe("Indico: contributions with neither speakers nor description", async () => {
  const { report } = await imported("indico-bare.json");

  it("keeps every contribution but the break, in both the top-level list and sessions[]", () => {
    expect(report.added).toEqual([
      "virtualization-workshop-2026-1-welcome-and-introductions",
      "virtualization-workshop-2026-3-vfio-migration-open-questions",
    ]);
    expect(report.skipped.map((s) => [s.where, s.title])).toEqual([
      ["contributions[1] (id 0)", "Coffee break"],
    ]);
  });
});

describe("pretalx/frab abstracts in Markdown, with XML character references", async () => {
  const { file } = await imported("congress-markdown.xml");

  it("renders the Markdown and decodes &#13;: no markup or reference left in the summary", () => {
    expect(file.talks[0]!.summary).toBe(
      "Motivation Encrypted virtual machines keep the host out of guest memory; see the spec for details. " +
        "Slides: https://example.org/slides.pdf What we cover: • attestation • measured boot • virtio devices",
    );
  });
});

describe("the CCC hub's schedule JSON version 2 (flat events[], participants, track slugs)", async () => {
  const { report, file } = await imported("congress-hub-v2.json");
  const fields = (t: (typeof file.talks)[number]) => {
    const { added, source, keyPoints, ...rest } = t;
    return rest;
  };

  it("imports every event with its own start, speakers by role, the track's name and links by kind", () => {
    expect(report.added).toHaveLength(2);
    expect(file.talks.map(fields)).toEqual([
      {
        id: "example-hacker-congress-2027-exc27-escaping-the-hypervisor",
        title: "Escaping the hypervisor",
        subtitle: "Three virtio bugs and what they teach",
        speakers: ["Mika Example"],
        date: "2027-12-27",
        start: "2027-12-27T23:40:00+01:00",
        end: "2027-12-28T00:20:00+01:00",
        timeZone: "Europe/Berlin",
        room: "Hall Z",
        summary:
          "We found three bugs in virtio device emulation that let a guest write host memory. Each bug is shown with its fix and the fuzzing setup that found it.",
        track: "Security",
        topics: ["virtio"],
        links: [
          {
            kind: "page",
            url: "https://congress.example.org/2027/hub/event/exc27-escaping-the-hypervisor/",
          },
          { kind: "website", url: "https://git.example.org/virtio-fuzz" },
          { kind: "slides", url: "https://cfp.example.org/media/exc27/escaping.pdf" },
        ],
      },
      {
        // After midnight: the talk's own date; a HOST is listed when no one has SPEAKER.
        id: "example-hacker-congress-2027-exc27-late-night-soldering",
        title: "Late-night soldering",
        speakers: ["Ole Example"],
        date: "2027-12-28",
        start: "2027-12-28T01:00:00+01:00",
        end: "2027-12-28T02:00:00+01:00",
        timeZone: "Europe/Berlin",
        room: "Hall Z",
        summary: "Bring a kit, leave with a blinking badge.",
        topics: [],
        links: [],
      },
    ]);
  });
});

describe("pretalx's schedule.ics (no calendar name) alone and after its JSON", async () => {
  it("alone: the event is named by its slug, and 'Title - A, B' names both speakers", async () => {
    const { report, file } = await imported("minicon-2027.ics");
    expect(report.added).toEqual(["minicon-2027-balloon-drivers-revisited"]);
    expect(file.event.name).toBe("minicon");
    expect(file.talks.map((t) => [t.title, t.speakers, t.summary, t.start])).toEqual([
      [
        "Balloon drivers revisited",
        ["Ines Example", "kvmhacker"],
        "Reclaim guest memory without stalls!",
        "2027-09-20T09:30:00+02:00",
      ],
    ]);
  });

  it("after the JSON: the same record, which keeps the JSON's name, abstract and speakers", async () => {
    const out = tempDir();
    const [json] = await importInto(out, [fixture("minicon-2027.json")]);
    const before = readCatalogFile(json!.path);
    const [ics] = await importInto(out, [fixture("minicon-2027.ics")]);
    expect([ics!.path, ics!.added, ics!.updated]).toEqual([
      json!.path,
      [],
      ["minicon-2027-minicon-7-balloon-drivers-revisited"],
    ]);
    // What it adds is the zone (this JSON names none); nothing the JSON said is lost.
    const after = readCatalogFile(ics!.path);
    const { source, ...talk } = after.talks[0]!;
    const { source: _, ...was } = before.talks[0]!;
    expect([after.event, talk]).toEqual([before.event, { ...was, timeZone: "Europe/Berlin" }]);
    expect(after.event.name).toBe("MiniCon");
    expect(talk.speakers).toEqual(["Ines Example", "kvmhacker"]);
    expect(talk.summary).toBe(
      "Reclaim guest memory without stalls! We compare virtio-balloon free page reporting with the older inflate and deflate path on hosts running hundreds of guests.",
    );
  });
});

describe("a hand-made calendar whose URL is a download", async () => {
  const { file } = await imported("handmade-links.ics");

  it("lists the file by its kind, never as the page the title links to; both UID twins kept", () => {
    expect(file.talks.map((t) => [t.id, t.speakers, t.start, t.links])).toEqual([
      [
        "virt-night-2027-passing-a-gpu-to-a-guest-with-vfio",
        ["Chiara Example"],
        "2027-03-12T19:00:00+01:00",
        [{ kind: "video", url: "https://media.hackerspace.example.org/2027/vfio-night.mp4" }],
      ],
      [
        "virt-night-2027-slides-night-kvm-on-a-raspberry-pi",
        ["Dario Example"],
        "2027-03-12T20:00:00+01:00",
        [{ kind: "attachment", url: "https://hackerspace.example.org/2027/kvm-pi.pdf" }],
      ],
    ]);
  });
});

describe("data/break-titles.json is checked like the topic rules", () => {
  it("a malformed list stops the import with the file and field named, writing nothing", async () => {
    const data = tempDir("virt-data-");
    cpSync(join(import.meta.dirname, "../../data"), data, { recursive: true });
    writeFileSync(join(data, "break-titles.json"), JSON.stringify({ words: [] }));
    const out = tempDir();
    await expect(
      importInto(out, [fixture("congress-workshops.xml")], { dataDir: data }),
    ).rejects.toThrow(/break-titles\.json.*words/);
    expect(readdirSync(out)).toEqual([]);
  });
});
