// linux.conf.au-style schedules give their breaks a description ("Morning tea is served
// in the foyer"): a break's title with nobody speaking is still no talk, whatever the
// description says and whatever topics its track would give it.
import { describe, expect, it } from "vitest";
import { importInto, readCatalogFile, tempDir } from "../support/import-helpers.ts";
import { frabXml, ics, sourceFile } from "../support/schedule-text.ts";

const BREAK = "not a talk: a break (its title says so; no speaker)";

async function imported(name: string, text: string) {
  const [report] = await importInto(tempDir(), [sourceFile(name, text)]);
  return { report: report!, talks: readCatalogFile(report!.path).talks };
}

describe("breaks with a description", () => {
  it("iCalendar: morning tea and lunch with a description are skipped, talks about lunch kept", async () => {
    const { report, talks } = await imported(
      "schedule.ics",
      ics([
        {
          uid: "b1",
          summary: "Morning Tea",
          start: "20270118T103000",
          description: "Morning tea is served in the foyer, sponsored by an example company.",
        },
        {
          uid: "b2",
          summary: "Main Conference: Lunch",
          start: "20270118T123000",
          description: "Lunch is provided for professional and hobbyist ticket holders.",
        },
        {
          uid: "t1",
          summary: "Lunch and learn: tracing KVM exits",
          start: "20270118T130000",
          description: "Bring your lunch; we trace a guest.",
        },
        {
          uid: "t2",
          summary: "Lunch",
          start: "20270118T140000",
          description: "A talk titled after the meal.",
          speakers: ["Dee Example"],
        },
      ]),
    );
    expect(report.skipped.map((s) => [s.title, s.reason])).toEqual([
      ["Morning Tea", BREAK],
      ["Main Conference: Lunch", BREAK],
    ]);
    expect(talks.map((t) => [t.title, t.speakers])).toEqual([
      ["Lunch and learn: tracing KVM exits", []],
      ["Lunch", ["Dee Example"]],
    ]);
  });

  it("frab: a break in the virtualization track, with an abstract, is skipped", async () => {
    const { report, talks } = await imported(
      "schedule.xml",
      frabXml([
        {
          id: 201,
          title: "Coffee break",
          date: "2027-05-12T10:30:00+02:00",
          track: "Virtualization",
          abstract: "<p>Coffee and tea outside Hall A. KVM stickers at the desk.</p>",
        },
        {
          id: 202,
          title: "KVM on RISC-V",
          date: "2027-05-12T11:00:00+02:00",
          persons: ["Ada Example"],
          abstract: "The H extension in practice.",
        },
      ]),
    );
    expect(report.skipped.map((s) => [s.title, s.reason])).toEqual([["Coffee break", BREAK]]);
    expect(talks.map((t) => t.title)).toEqual(["KVM on RISC-V"]);
  });
});
