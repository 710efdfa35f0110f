// A talk held twice (a workshop on two days, "Lightning talks" every evening) is one card,
// the earliest slot's (repeats.ts). An export of the other day cancelling its own slot must
// not remove that card: found by title or by key, only the same slot's cancellation (or
// the card's day listed without it) removes it.
import { describe, expect, it } from "vitest";
import { importInto, readCatalogFile, tempDir } from "../support/import-helpers.ts";
import { DAY1, DAY2, ID } from "../support/repeated-talk.ts";
import { frabXml, sourceFile } from "../support/schedule-text.ts";

const OTHER = {
  id: 203,
  title: "Nested paging",
  date: "2027-05-13T11:00:00+02:00",
  persons: ["Cy Example"],
};

/** Imports each list of sources in its own run into one folder; the last report and file. */
async function runs(...each: string[][]) {
  const out = tempDir();
  let last = null;
  for (const sources of each) [last] = await importInto(out, sources);
  const talks = readCatalogFile(last!.path).talks.map((t) => `${t.id}@${t.date}`);
  return { removed: last!.removed, kept: last!.kept, talks };
}

/** The slot with its title marked cancelled. */
const off = <T extends { readonly title: string }>(slot: T): T => ({
  ...slot,
  title: `CANCELLED: ${slot.title}`,
});

// frab gives each slot a guid of its own: a cancelled slot finds the card by title. pretalx
// links both slots to the talk's one page, /<event>/talk/<CODE>/, the talk's key in the
// catalog (talk-ids.ts): a cancelled slot finds the card by key, whichever slot it is.
// Either way only the card's own slot, or its day listed without it, removes the card.
describe.each([
  ["frab: a guid per slot", {}],
  [
    "pretalx: one page, one key, for both slots",
    { url: "https://pretalx.example.org/evd27/talk/KVMWRK/" },
  ],
])("cancelling one slot of a talk held twice (%s)", (_name, keyed) => {
  const day1 = { ...DAY1, ...keyed };
  const day2 = { ...DAY2, ...keyed };

  it("a second-day export cancelling its slot keeps the card of the first day", async () => {
    const v1 = sourceFile("v1", frabXml([day1, day2, OTHER]));
    const v2 = sourceFile("v2", frabXml([off(day2), OTHER]));
    expect(await runs([v1], [v2])).toEqual({
      removed: [],
      kept: [ID(201)],
      talks: [`${ID(203)}@2027-05-13`, `${ID(201)}@2027-05-12`],
    });
  });

  it("a full export cancelling the second slot leaves the card as it was", async () => {
    const v1 = sourceFile("v1", frabXml([day1, day2, OTHER]));
    const v2 = sourceFile("v2", frabXml([day1, off(day2), OTHER]));
    expect(await runs([v1], [v2])).toEqual({
      removed: [],
      kept: [],
      talks: [`${ID(201)}@2027-05-12`, `${ID(203)}@2027-05-13`],
    });
  });

  it("one run of two days' exports, the second cancelling its slot: the card stays", async () => {
    const first = sourceFile("day1", frabXml([day1]));
    const second = sourceFile("day2", frabXml([off(day2), OTHER]));
    expect(await runs([first, second])).toEqual({
      removed: [],
      kept: [],
      talks: [`${ID(203)}@2027-05-13`, `${ID(201)}@2027-05-12`],
    });
  });

  it("a full export cancelling the first slot moves the card to the second", async () => {
    const v1 = sourceFile("v1", frabXml([day1, day2, OTHER]));
    const v2 = sourceFile("v2", frabXml([off(day1), day2, OTHER]));
    expect(await runs([v1], [v2])).toEqual({
      removed: [],
      kept: [],
      talks: [`${ID(201)}@2027-05-13`, `${ID(203)}@2027-05-13`],
    });
  });

  it("the card's own slot cancelled is removed, also when moved within its day", async () => {
    const v1 = sourceFile("v1", frabXml([day1, OTHER]));
    const moved = off({ ...day1, date: "2027-05-12T15:00:00+02:00" });
    for (const cancelled of [off(day1), moved])
      expect(await runs([v1], [sourceFile("v2", frabXml([cancelled, OTHER]))])).toEqual({
        removed: [ID(201)],
        kept: [],
        talks: [`${ID(203)}@2027-05-13`],
      });
  });
});

// A slot moved to another day and cancelled there, imported from a one-day export of
// that day. frab's guid names one slot: the guid found is the card's slot, wherever it
// moved. pretalx's page key names the talk, every slot of it: a slot of another day under
// it may be a second slot still happening, so the card of a day the export does not list
// stays (as "a second-day export cancelling its slot" above); a full export removes it.
describe("a talk moved to another day and cancelled there", () => {
  const movedOff = (slot: typeof DAY1) => off({ ...slot, date: "2027-05-13T15:00:00+02:00" });

  it("frab: its guid finds the card, which is removed", async () => {
    const v1 = sourceFile("v1", frabXml([DAY1, OTHER]));
    const v2 = sourceFile("v2", frabXml([movedOff(DAY1), OTHER]));
    expect(await runs([v1], [v2])).toEqual({
      removed: [ID(201)],
      kept: [],
      talks: [`${ID(203)}@2027-05-13`],
    });
  });

  it("pretalx: the page key is every slot's, so the card of the unlisted day is kept", async () => {
    const paged = { ...DAY1, url: "https://pretalx.example.org/evd27/talk/KVMWRK/" };
    const v1 = sourceFile("v1", frabXml([paged, OTHER]));
    const v2 = sourceFile("v2", frabXml([movedOff(paged), OTHER]));
    expect(await runs([v1], [v2])).toEqual({
      removed: [],
      kept: [ID(201)],
      talks: [`${ID(203)}@2027-05-13`, `${ID(201)}@2027-05-12`],
    });
  });
});

describe("cancelling one slot of a session held twice, found by title", () => {
  it("the same for a session with no speaker ('Lightning talks' each evening)", async () => {
    const l1 = { id: 301, title: "Lightning talks", date: "2027-05-12T17:00:00+02:00" };
    const l2 = { id: 302, title: "Lightning talks", date: "2027-05-13T17:00:00+02:00" };
    const v1 = sourceFile("v1", frabXml([l1, l2, OTHER]));
    const v2 = sourceFile("v2", frabXml([{ ...l2, title: "Lightning talks (CANCELLED)" }, OTHER]));
    expect(await runs([v1], [v2])).toEqual({
      removed: [],
      kept: [ID(301)],
      talks: [`${ID(203)}@2027-05-13`, `${ID(301)}@2027-05-12`],
    });
  });

  it("the cancelled slot the card is of is still removed, found by title under a new guid", async () => {
    const v1 = sourceFile("v1", frabXml([DAY1, OTHER]));
    const moved = off({ ...DAY1, guid: "11111111-0000-4000-8000-000000000201" });
    const v2 = sourceFile("v2", frabXml([moved, OTHER]));
    expect(await runs([v1], [v2])).toEqual({
      removed: [ID(201)],
      kept: [],
      talks: [`${ID(203)}@2027-05-13`],
    });
  });
});
