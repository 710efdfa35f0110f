// A talk held on two days is one card at its earliest slot (repeats.ts). Each day's export
// imported in a run of its own must not move the card back and forth; a talk really moved
// (under a new key, in an export still listing its old day) still moves.
import { describe, expect, it } from "vitest";
import { importInto, readCatalogFile, tempDir } from "../support/import-helpers.ts";
import { DAY1, DAY2, ID } from "../support/repeated-talk.ts";
import { frabXml, sourceFile } from "../support/schedule-text.ts";

const OTHER = {
  id: 203,
  title: "Nested paging",
  date: "2027-05-12T11:00:00+02:00",
  persons: ["Cy Example"],
};

/** Each source in a run of its own into one folder: per run, what changed and the card. */
async function runs(...sources: string[]) {
  const out = tempDir();
  const seen: string[] = [];
  for (const source of sources) {
    const [r] = await importInto(out, [source]);
    const card = readCatalogFile(r!.path).talks.find((t) => t.title === DAY1.title)!;
    seen.push(
      `${r!.added.length}+ ${r!.updated.length}~ ${r!.kept.length}k ${card.id}@${card.start}`,
    );
  }
  return seen;
}

describe("a repeated talk, one day's export per run", () => {
  it("the first day's slot stays, whichever day's export comes next", async () => {
    const day1 = sourceFile("day1", frabXml([DAY1]));
    const day2 = sourceFile("day2", frabXml([DAY2]));
    expect(await runs(day1, day2, day1, day2)).toEqual([
      `1+ 0~ 0k ${ID(201)}@2027-05-12T10:00:00+02:00`,
      `0+ 0~ 1k ${ID(201)}@2027-05-12T10:00:00+02:00`,
      `0+ 0~ 0k ${ID(201)}@2027-05-12T10:00:00+02:00`,
      `0+ 0~ 1k ${ID(201)}@2027-05-12T10:00:00+02:00`,
    ]);
  });

  it("the second day first: the first day's export moves the card to the earlier slot, once", async () => {
    const day1 = sourceFile("day1", frabXml([DAY1]));
    const day2 = sourceFile("day2", frabXml([DAY2]));
    expect(await runs(day2, day1, day2, day1)).toEqual([
      `1+ 0~ 0k ${ID(202)}@2027-05-13T10:00:00+02:00`,
      `0+ 1~ 0k ${ID(202)}@2027-05-12T10:00:00+02:00`,
      `0+ 0~ 1k ${ID(202)}@2027-05-12T10:00:00+02:00`,
      `0+ 0~ 0k ${ID(202)}@2027-05-12T10:00:00+02:00`,
    ]);
  });

  it("a talk moved to the next day under a new guid, in an export still listing its old day, moves", async () => {
    const v1 = sourceFile("v1", frabXml([DAY1, OTHER]));
    const moved = { ...DAY2, guid: "11111111-0000-4000-8000-000000000202" };
    const v2 = sourceFile("v2", frabXml([OTHER, moved]));
    expect(await runs(v1, v2)).toEqual([
      `2+ 0~ 0k ${ID(201)}@2027-05-12T10:00:00+02:00`,
      `0+ 1~ 0k ${ID(201)}@2027-05-13T10:00:00+02:00`,
    ]);
  });

  it("under its own guid it moves whatever the export lists", async () => {
    const v1 = sourceFile("v1", frabXml([DAY1]));
    const v2 = sourceFile("v2", frabXml([{ ...DAY1, date: DAY2.date }]));
    expect(await runs(v1, v2)).toEqual([
      `1+ 0~ 0k ${ID(201)}@2027-05-12T10:00:00+02:00`,
      `0+ 1~ 0k ${ID(201)}@2027-05-13T10:00:00+02:00`,
    ]);
  });
});
