// A hand-written catalog file's bidi overrides and invisible characters are cleaned once,
// as the catalog loads (src/core/catalog-files.ts): the talks hold clean text, so every
// renderer (Slack, Matrix, console, web) shows it without cleaning a card again.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toCard } from "../../src/core/card.ts";
import { loadCatalog, loadCatalogInSlices } from "../../src/core/catalog.ts";
import { consoleCard } from "../../src/render/console/answer.ts";
import { matrixCardContent } from "../../src/render/matrix/answer.ts";
import { cardSectionText } from "../../src/render/slack/card.ts";
import { talkList } from "../../src/render/web/talk-list.ts";
import { tempDir } from "../support/import-helpers.ts";

// U+202E (right-to-left override), U+200B (zero-width space), U+202C (pop directional
// formatting), U+2066/U+2069 (left-to-right isolate, pop isolate), U+FEFF (BOM).
const RLO = "\u202E";
const ZWSP = "\u200B";

/** A folder holding one hand-written catalog file (no `source`: not an import). */
function handWritten(): string {
  const dir = tempDir("virt-clean-");
  const file = {
    event: {
      id: "example-summit-2012",
      name: `Example${ZWSP} Summit 2012`,
      shortName: "Example Summit",
      year: 2012,
      location: `${RLO}Springfield`,
    },
    talks: [
      {
        id: "example-summit-2012-paging",
        title: `Guest ${RLO}yromem${"\u202C"} pag${ZWSP}ing`,
        speakers: [`Ada \u2066Example\u2069`, `${ZWSP}`, `Bo${ZWSP}b Sample`],
        authors: [`${RLO}Cy Author`],
        summary: `Moves ${RLO}pages${ZWSP} between hosts.\uFEFF`,
        subtitle: `${ZWSP}`,
        track: `Virt${ZWSP}ualization`,
        room: `Room${ZWSP} 1`,
        keyPoints: [`One ${RLO}point`, "Two points", `${ZWSP}Three points`],
        topics: ["kvm"],
      },
      {
        id: "example-summit-2012-clean",
        title: "A clean title",
        speakers: ["Dee Example"],
        summary: "Nothing to clean here.",
        keyPoints: ["One", "Two", "Three"],
        topics: ["kvm"],
      },
    ],
  };
  writeFileSync(join(dir, "example-summit-2012.json"), JSON.stringify(file, null, 2));
  return dir;
}

const dir = handWritten();
const talk = loadCatalog(undefined, [dir]).byId.get("example-summit-2012-paging")!;

describe("a hand-written catalog file with bidi and invisible characters", () => {
  it("loads clean: every text field, the event's included; a field left empty goes", () => {
    expect({
      title: talk.title,
      speakers: talk.speakers,
      authors: talk.authors,
      event: talk.event,
      location: talk.location,
      summary: talk.summary,
      subtitle: talk.subtitle,
      track: talk.track,
      room: talk.room,
      keyPoints: talk.keyPoints,
    }).toEqual({
      title: "Guest yromem paging",
      speakers: ["Ada Example", "Bob Sample"],
      authors: ["Cy Author"],
      event: "Example Summit 2012",
      location: "Springfield",
      summary: "Moves pages between hosts.",
      subtitle: undefined,
      track: "Virtualization",
      room: "Room 1",
      keyPoints: ["One point", "Two points", "Three points"],
    });
    expect("subtitle" in talk).toBe(false);
  });

  it("loads the same in slices (a reload)", async () => {
    const sliced = await loadCatalogInSlices(undefined, [dir], {}, 0);
    expect(sliced.byId.get(talk.id)).toEqual(talk);
  });

  it("keeps clean text as it is: the record's own arrays, no copies", () => {
    const clean = loadCatalog(undefined, [dir]).byId.get("example-summit-2012-clean")!;
    const again = loadCatalog(undefined, [dir]).byId.get("example-summit-2012-clean")!;
    expect([clean.title, clean.speakers, clean.summary]).toEqual([
      "A clean title",
      ["Dee Example"],
      "Nothing to clean here.",
    ]);
    // The loader's cache hands the same talk to a second load.
    expect(again.speakers).toBe(clean.speakers);
  });

  it("reaches a card as loaded: toCard cleans nothing again", () => {
    const card = toCard(talk);
    expect(card.speakers).toBe(talk.speakers);
    expect(card.keyPoints).toBe(talk.keyPoints);
    expect([card.title, card.summary, card.subtitle, card.track]).toEqual([
      "Guest yromem paging",
      "Moves pages between hosts.",
      null,
      "Virtualization",
    ]);
  });

  it("renders on Slack, Matrix, the console and the web as before the move", () => {
    const card = toCard(talk);
    const byline = "Ada Example, Bob Sample · Example Summit 2012 · Virtualization";
    expect(cardSectionText(card)).toBe(
      `*Guest yromem paging*\n${byline}\nMoves pages between hosts.`,
    );
    expect(matrixCardContent(card).body).toBe(
      [
        "Guest yromem paging (no link in the sources)",
        byline,
        "Moves pages between hosts.",
        "Topics: kvm",
      ].join("\n"),
    );
    expect(consoleCard(card)).toBe(
      [
        "Guest yromem paging",
        `   ${byline}`,
        "   Moves pages between hosts.",
        "   Topics: kvm",
        "   Links: no link in the sources",
      ].join("\n"),
    );
    expect(talkList({ base: "", style: "/s.css" }, [card])).toBe(
      '<ol class="talks"><li><h2 dir="auto"><a href="/talks/example-summit-2012-paging">Guest yromem paging</a></h2>' +
        `<p class="muted" dir="auto">${byline}</p><p dir="auto">Moves pages between hosts.</p></li></ol>`,
    );
  });
});
