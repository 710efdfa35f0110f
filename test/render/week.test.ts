// The conference-week listings on the console and the web page: the listing's heading in
// place of the query, each timed card's slot line first in its byline, the one-line note.
import { describe, expect, it } from "vitest";
import { renderConsoleAnswer } from "../../src/render/console/answer.ts";
import type { Site } from "../../src/render/web/html.ts";
import { renderSearchPage } from "../../src/render/web/search.ts";
import { weekLibrary } from "../support/week-catalog.ts";

const clock = { now: Date.parse("2026-11-21T09:10:00+05:30") };
const core = weekLibrary(clock).current();
const site: Site = { base: "", style: "/style.css" };

describe("console", () => {
  it("heads the list with what it is and shows each talk's local time and room", () => {
    expect(renderConsoleAnswer(core.answer("schedule"))).toBe(
      [
        "Schedule for today:",
        "",
        "1. Dirty page tracking for live migration",
        "   Sat 09:00–09:45 · Hall A · Ravi Example · Example Virt Summit 2026",
        "   An invented talk for the conference-week tests: how dirty pages are tracked",
        "   while a guest moves.",
        "   Topics: live-migration",
        "   Page: https://example.org/evs-2026/dirty-pages",
        "   Event page: https://example.org/evs-2026/",
        "",
        "2. A tour of virtio queues",
        "   Sat 09:30–10:00 · Hall B · Meera Example · Example Virt Summit 2026",
        "   An invented talk for the conference-week tests: virtio queues from the",
        "   guest's side.",
        "   Topics: virtio",
        "   Page: https://example.org/evs-2026/virtio-tour",
        "   Event page: https://example.org/evs-2026/",
        "",
        "2 talks found.",
      ].join("\n"),
    );
  });

  it("prints the note as its one line", () => {
    expect(renderConsoleAnswer(core.answer("schedule monday"))).toBe(
      "No talks on the schedule for Monday.",
    );
  });
});

describe("web search page", () => {
  it("heads the list with what it is and puts the slot in the byline", () => {
    const page = renderSearchPage(site, { query: "now", answer: core.answer("now"), topics: [] });
    expect(page).toContain('<h1 dir="auto">Running now</h1>');
    expect(page).toContain(
      "Sat 09:00–09:45 · Hall A · Ravi Example · Example Virt Summit 2026</p>",
    );
  });

  it("shows the note as the page's heading", () => {
    const page = renderSearchPage(site, {
      query: "schedule monday",
      answer: core.answer("schedule monday"),
      topics: [],
    });
    expect(page).toContain('<h1 dir="auto">No talks on the schedule for Monday.</h1>');
  });
});
