// Choosing the talk: every process picks the same one for a date, and adding a talk to
// the catalog never changes what past days showed.
import { describe, expect, it } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { addDays, dateInZone, talkOfTheDay } from "../../src/core/today.ts";

describe("talk of the day choice", () => {
  it("two processes (two catalogs, two cores, different zones) choose the same talk for a date", () => {
    const a = createCore({ catalog: loadCatalog(), timeZone: "Europe/Berlin" });
    const b = createCore({ catalog: loadCatalog(), timeZone: "America/New_York" });
    expect(a.catalog.talks).not.toBe(b.catalog.talks); // nothing shared in memory
    for (let i = 0; i < 500; i++) {
      const date = addDays("2026-01-01", i);
      expect(b.today(date).card.id).toBe(a.today(date).card.id);
    }
    expect(a.today("2026-05-04")).toEqual(b.today("2026-05-04"));
  });

  it("a talk added today (added = today) leaves the 400 days before it unchanged", () => {
    const talks = loadCatalog().talks;
    const today = dateInZone(new Date(), "UTC");
    const newcomer = { ...talks[0]!, id: "zz-new-talk-added-today", title: "New", added: today };
    const grown = [...talks, newcomer];
    for (let i = 1; i <= 400; i++) {
      const date = addDays(today, -i);
      expect(talkOfTheDay(grown, date).id).toBe(talkOfTheDay(talks, date).id);
    }
    // It does join: within the current cycle and the next one, it comes up.
    const upcoming = Array.from(
      { length: 2 * grown.length + 1 },
      (_, i) => talkOfTheDay(grown, addDays(today, i)).id,
    );
    expect(upcoming).toContain(newcomer.id);
  });
});
