// What real exports showed after the issue-18 traps were fixed (a QA pass over 39C3, 36C3,
// FOSDEM 2007-2026, pretalx's demo event, Indico's documented exports and a hand-made
// calendar), each reproduced by a fixture of our own in the real format.
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
        reason: "not a talk: a break (its title says so; no speaker, no abstract)",
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
