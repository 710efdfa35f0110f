// A talk a schedule lists more than once (the same title and speakers in two slots) is
// one card, at its earliest slot, whatever order the export lists the slots in.
import { describe, expect, it } from "vitest";
import { earliestSlots, isEarlier } from "../../src/import/repeats.ts";
import { importInto, readCatalogFile, tempDir } from "../support/import-helpers.ts";
import { type IndicoContribution, indicoEvent, sourceFile } from "../support/schedule-text.ts";

const ADA: [string, string][] = [["Ada", "Example"]];
const TUESDAY = {
  id: 1501,
  title: "vCPU hotplug, again",
  date: "2027-11-09",
  time: "14:00:00",
  speakers: ADA,
};
const THURSDAY = { ...TUESDAY, id: 1502, date: "2027-11-11", time: "10:00:00" };
const OTHER = {
  id: 1503,
  title: "Guest memory encryption status",
  date: "2027-11-10",
  time: "11:00:00",
  speakers: [["Bo", "Example"]] as [string, string][],
};
const ID = "example-plumbers-2027-501-vcpu-hotplug-again";

async function imported(...exports: IndicoContribution[][]) {
  const out = tempDir();
  const sources = exports.map((e, i) => sourceFile(`part${i}.json`, indicoEvent(e)));
  const [report] = await importInto(out, sources);
  return { out, report: report!, talks: readCatalogFile(report!.path).talks };
}

describe("a talk listed twice", () => {
  it("is one card at its earliest slot, though the export lists the later slot first", async () => {
    const { report, talks } = await imported([THURSDAY, OTHER, TUESDAY]);
    expect(talks.map((t) => [t.id, t.start, t.source?.key])).toEqual([
      [
        "example-plumbers-2027-503-guest-memory-encryption-status",
        "2027-11-10T11:00:00+00:00",
        "contribution-1503",
      ],
      [ID, "2027-11-09T14:00:00+00:00", "contribution-1501"],
    ]);
    expect(report.skipped).toEqual([
      {
        where: "contributions[0] (id 1502)",
        title: "vCPU hotplug, again",
        reason:
          "merged into contributions[2] (id 1501): the same title and speakers (one talk listed twice; the earliest slot is kept)",
      },
    ]);
  });

  it("the same export in another order gives the same cards", async () => {
    const { out, talks } = await imported([THURSDAY, OTHER, TUESDAY]);
    const [again] = await importInto(out, [
      sourceFile("reordered.json", indicoEvent([TUESDAY, THURSDAY, OTHER])),
    ]);
    expect([again!.added, again!.updated, again!.unchanged.length]).toEqual([[], [], 2]);
    const byId = (list: typeof talks) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(readCatalogFile(again!.path).talks)).toEqual(byId(talks));
  });

  it("across two sources of one event in one run: the earliest slot, in either order", async () => {
    const later = await imported([THURSDAY, OTHER], [TUESDAY]);
    const earlier = await imported([TUESDAY], [THURSDAY, OTHER]);
    // The card keeps the id it was first written under; its slot is the earliest.
    const slot = (talks: typeof later.talks) =>
      talks.filter((t) => t.title === TUESDAY.title).map((t) => [t.start, t.source?.key]);
    expect(slot(later.talks)).toEqual([["2027-11-09T14:00:00+00:00", "contribution-1501"]]);
    expect(slot(earlier.talks)).toEqual(slot(later.talks));
    expect(earlier.report.decisions.filter((d) => d.outcome === "merged")).toEqual([
      {
        outcome: "merged",
        id: null,
        title: "vCPU hotplug, again",
        source: "contribution-1502",
        reason: `merged into ${ID}: the same title and speakers, listed earlier by another source of this import (the earliest slot is kept)`,
      },
    ]);
  });

  it("two talks that share only a title stay two cards", async () => {
    const { talks } = await imported([TUESDAY, { ...THURSDAY, speakers: [["Cy", "Example"]] }]);
    expect(talks.map((t) => [t.title, t.speakers])).toEqual([
      ["vCPU hotplug, again", ["Ada Example"]],
      ["vCPU hotplug, again", ["Cy Example"]],
    ]);
  });
});

describe("earliestSlots", () => {
  it("keeps the earliest slot of each talk, a slot without a time last, ties to the first listed", () => {
    const slots = [
      { talk: "a", date: "2027-11-11", start: "2027-11-11T10:00:00+00:00" },
      { talk: "b" },
      { talk: "a", date: "2027-11-09", start: "2027-11-09T14:00:00+00:00" },
      { talk: "b", date: "2027-11-10" },
      { talk: "c", date: "2027-11-10" },
      { talk: "c", date: "2027-11-10" },
    ];
    const { kept, merged } = earliestSlots(
      slots,
      (s) => s.talk,
      (s) => s,
    );
    expect(kept.map((s) => slots.indexOf(s))).toEqual([2, 3, 4]);
    expect(merged.map((m) => [slots.indexOf(m.item), slots.indexOf(m.into)])).toEqual([
      [0, 2],
      [1, 3],
      [5, 4],
    ]);
  });

  it("compares instants, not the text of their offsets", () => {
    expect(
      isEarlier(
        { date: "2027-11-09", start: "2027-11-09T10:00:00+02:00" },
        { date: "2027-11-09", start: "2027-11-09T09:30:00+00:00" },
      ),
    ).toBe(true);
  });
});
