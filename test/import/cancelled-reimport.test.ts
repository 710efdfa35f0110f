// A re-import whose schedule now says a talk is cancelled removes its card; a talk that
// only disappeared from the export is kept (an export of one day or track says nothing
// of the others). Schedules of our own in each format's real shape (schedule-text.ts).
import { describe, expect, it } from "vitest";
import type { FileReport } from "../../src/import/import.ts";
import { importInto, readCatalogFile, snapshot, tempDir } from "../support/import-helpers.ts";
import { type FrabEv, frabXml, hubV2, ics, sourceFile } from "../support/schedule-text.ts";

const ID = (n: number) => `example-virt-days-2027-evd27-${n}`;
const ADA = ["Ada Example"];
const TIERING = {
  id: 101,
  title: "Memory tiering for guests",
  date: "2027-05-12T10:00:00+02:00",
  persons: ADA,
};
const VIRTIO = {
  id: 102,
  title: "Virtio on bare metal",
  date: "2027-05-12T11:00:00+02:00",
  persons: ["Bo Example"],
};
const PAGING = {
  id: 103,
  title: "Nested paging",
  date: "2027-05-13T10:00:00+02:00",
  persons: ["Cy Example"],
};

/** Imports `first`, then `then` into the same folder; the second report and file. */
async function reimport(first: string, then: string, more = {}) {
  const out = tempDir();
  await importInto(out, [sourceFile("v1", first)]);
  const [report] = await importInto(out, [sourceFile("v2", then)], more);
  return { out, report: report!, talks: readCatalogFile(report!.path).talks };
}

const summary = (r: FileReport) => ({
  added: r.added,
  updated: r.updated,
  unchanged: r.unchanged,
  kept: r.kept,
  removed: r.removed,
  skipped: r.skipped.map((s) => s.reason),
});

describe("re-import: a talk the schedule now says is cancelled", () => {
  it("frab: a title marked CANCELLED removes the card; a talk gone from the export is kept", async () => {
    const v2: FrabEv[] = [TIERING, { ...VIRTIO, title: "CANCELLED: Virtio on bare metal" }];
    const { report, talks } = await reimport(frabXml([TIERING, VIRTIO, PAGING]), frabXml(v2));
    expect(summary(report)).toEqual({
      added: [],
      updated: [],
      unchanged: [ID(101)],
      kept: [ID(103)],
      removed: [ID(102)],
      skipped: [],
    });
    expect(talks.map((t) => t.id)).toEqual([ID(101), ID(103)]);
    expect(report.decisions.filter((d) => d.outcome === "removed")).toEqual([
      {
        outcome: "removed",
        id: ID(102),
        title: "Virtio on bare metal",
        source: "00000000-0000-4000-8000-000000000102",
        reason: "cancelled: its title says so: removed from the catalog",
      },
    ]);
  });

  it("frab: found by its title and speakers when the export gave it a new guid", async () => {
    const moved = {
      ...VIRTIO,
      guid: "11111111-0000-4000-8000-000000000102",
      title: "Virtio on bare metal (abgesagt)",
    };
    const { report, talks } = await reimport(frabXml([TIERING, VIRTIO]), frabXml([TIERING, moved]));
    expect([report.removed, talks.map((t) => t.id)]).toEqual([[ID(102)], [ID(101)]]);
  });

  it("schedule 2: state CANCELED and WITHDRAWN remove, CONFIRMED stays", async () => {
    const ev = (n: number, title: string, state: string) => ({
      guid: `c3000000-0000-4000-8000-00000000000${n}`,
      title,
      start: `2027-12-27T1${n}:00:00+01:00`,
      state,
      speakers: ["Émile Example"],
    });
    const v1 = [
      ev(1, "Hypervisors on boards", "CONFIRMED"),
      ev(2, "GPU sharing", "CONFIRMED"),
      ev(3, "Unikernels", "ACCEPTED"),
    ];
    const v2 = [
      ev(1, "Hypervisors on boards", "CONFIRMED"),
      ev(2, "GPU sharing", "CANCELED"),
      ev(3, "Unikernels", "WITHDRAWN"),
    ];
    const { report, talks } = await reimport(hubV2(v1), hubV2(v2));
    expect(summary(report)).toEqual({
      added: [],
      updated: [],
      unchanged: ["example-congress-2027-exc27-700"],
      kept: [],
      removed: ["example-congress-2027-exc27-701", "example-congress-2027-exc27-702"],
      skipped: [],
    });
    expect(talks.map((t) => t.title)).toEqual(["Hypervisors on boards"]);
  });

  it("iCalendar: STATUS:CANCELLED on the same UID removes the card", async () => {
    const talk = {
      uid: "t1@conf.example.org",
      summary: "Firecracker in production",
      start: "20270118T103000",
      speakers: ["Dee Example"],
    };
    const other = {
      uid: "t2@conf.example.org",
      summary: "KubeVirt at scale",
      start: "20270118T113000",
      speakers: ["Eve Example"],
    };
    const { report, talks } = await reimport(
      ics([talk, other]),
      ics([{ ...talk, status: "CANCELLED" }, other]),
    );
    expect([report.removed, report.unchanged, talks.map((t) => t.title)]).toEqual([
      ["example-linux-conf-2027-firecracker-in-production"],
      ["example-linux-conf-2027-kubevirt-at-scale"],
      ["KubeVirt at scale"],
    ]);
  });

  it("a repeat whose other slot still happens keeps its card, moved to that slot", async () => {
    const again = { ...TIERING, id: 104, date: "2027-05-13T15:00:00+02:00" };
    const v2 = [{ ...TIERING, title: "CANCELLED: Memory tiering for guests" }, again, VIRTIO];
    const { report, talks } = await reimport(frabXml([TIERING, again, VIRTIO]), frabXml(v2));
    expect(report.removed).toEqual([]);
    expect(talks.map((t) => [t.id, t.title, t.start])).toEqual([
      [ID(102), "Virtio on bare metal", "2027-05-12T11:00:00+02:00"],
      [ID(101), "Memory tiering for guests", "2027-05-13T15:00:00+02:00"],
    ]);
    expect(report.skipped.map((s) => [s.title, s.reason])).toEqual([
      ["CANCELLED: Memory tiering for guests", "cancelled: its title says so"],
    ]);
  });

  it("a cancelled talk never imported is only skipped; --dry-run says what it would remove", async () => {
    const out = tempDir();
    const [first] = await importInto(out, [
      sourceFile("v1", frabXml([TIERING, { ...VIRTIO, title: "CANCELED - Virtio on bare metal" }])),
    ]);
    expect([first!.removed, first!.skipped.map((s) => s.reason)]).toEqual([
      [],
      ["cancelled: its title says so"],
    ]);
    const before = snapshot(out);
    const [dry] = await importInto(
      out,
      [
        sourceFile(
          "v2",
          frabXml([{ ...TIERING, title: "[Cancelled] Memory tiering for guests" }, PAGING]),
        ),
      ],
      { dryRun: true },
    );
    expect([dry!.removed, dry!.changed]).toEqual([[ID(101)], true]);
    expect(snapshot(out)).toEqual(before);
  });

  it("two sources of one event in one run: the later one's cancellation wins", async () => {
    const out = tempDir();
    await importInto(out, [sourceFile("all", frabXml([TIERING, VIRTIO]))]);
    const day1 = sourceFile("day1", frabXml([TIERING, VIRTIO]));
    const day1cancelled = sourceFile(
      "day1b",
      frabXml([{ ...VIRTIO, title: "VIRTIO ON BARE METAL - CANCELLED" }]),
    );
    const [report] = await importInto(out, [day1, day1cancelled]);
    expect(summary(report!)).toEqual({
      added: [],
      updated: [],
      unchanged: [ID(101)],
      kept: [],
      removed: [ID(102)],
      skipped: [],
    });
    expect(readCatalogFile(report!.path).talks.map((t) => t.id)).toEqual([ID(101)]);
  });

  it("a talk one source of a run cancels and a later one lists again is the same card", async () => {
    const out = tempDir();
    await importInto(out, [sourceFile("all", frabXml([TIERING, VIRTIO]))]);
    const fresh = sourceFile("new", frabXml([TIERING, { ...VIRTIO, title: "CANCELLED: Virtio" }]));
    const stale = sourceFile("stale", frabXml([TIERING, { ...VIRTIO, abstract: "Older text." }]));
    const later = { now: new Date("2026-12-03T12:00:00Z") };
    const [report] = await importInto(out, [fresh, stale], later);
    expect(summary(report!)).toEqual({
      added: [],
      updated: [ID(102)],
      unchanged: [ID(101)],
      kept: [],
      removed: [],
      // The later source's word on a talk replaces the earlier one's (as the other way round).
      skipped: [],
    });
    const talks = readCatalogFile(report!.path).talks;
    expect(talks.map((t) => [t.id, t.added, t.summary])).toEqual([
      [ID(101), "2026-11-30", undefined],
      [ID(102), "2026-11-30", "Older text."],
    ]);
  });

  it("an export where every talk is now cancelled is refused: the file cannot be left empty", async () => {
    const out = tempDir();
    await importInto(out, [sourceFile("v1", frabXml([TIERING]))]);
    const before = snapshot(out);
    const v2 = sourceFile(
      "v2",
      frabXml([{ ...TIERING, title: "CANCELLED Memory tiering for guests" }]),
    );
    await expect(importInto(out, [v2])).rejects.toThrow(
      `${v2}: every talk of example-virt-days-2027 is cancelled now: delete ${out}/example-virt-days-2027.json to drop the event`,
    );
    expect(snapshot(out)).toEqual(before);
  });
});
