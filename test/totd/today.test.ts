// Choosing the talk: every process picks the same one for a date, any N consecutive days
// name N different talks, and adding a talk to the catalog never changes what past days
// showed.
import { describe, expect, it } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { addDays, dateInZone, talkOfTheDay } from "../../src/totd/today.ts";

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

describe("the rotation window (issue 13)", () => {
  const base = loadCatalog().talks;
  const extra = (id: string, added: string) => ({ ...base[0]!, id, title: id, added });
  /** Talks joining midway through the three years, some on the same day. */
  const later = [
    ...["a", "b", "c", "d", "e"].map((x) => extra(`zz-2026-06-${x}`, "2026-06-01")),
    extra("zz-2026-09", "2026-09-17"),
    ...["a", "b", "c"].map((x) => extra(`zz-2027-02-${x}`, "2027-02-15")),
    extra("zz-2027-11", "2027-11-30"),
    extra("aa-2028-07", "2028-07-04"),
  ];
  const all = [...base, ...later];
  const FIRST = "2026-01-01";
  const DAYS = 3 * 366;
  const joinedBy = (date: string) => all.filter((t) => !t.added || t.added <= date).length;
  const ids = (talks: typeof all, from: string, n: number) =>
    Array.from({ length: n }, (_, i) => talkOfTheDay(talks, addDays(from, i)).id);

  it("any N consecutive days name N different talks (N = the talks joined when the window starts)", () => {
    const windows: number[] = [];
    for (let i = 0; i < DAYS; i++) {
      const from = addDays(FIRST, i);
      const n = joinedBy(from);
      const window = ids(all, from, n);
      if (new Set(window).size !== n)
        throw new Error(`${from}: ${n} days name only ${new Set(window).size} talks`);
      windows.push(n);
    }
    expect(Math.min(...windows)).toBe(base.length);
    expect(Math.max(...windows)).toBe(all.length);
  });

  it("talks added later never change the days before they joined, and each one comes up", () => {
    for (const talk of later) {
      const before = all.filter((t) => t !== talk && (!t.added || t.added <= talk.added));
      const withIt = [...before, talk];
      const days = Math.round((Date.parse(talk.added) - Date.parse(FIRST)) / 86_400_000);
      expect(ids(withIt, FIRST, days)).toEqual(ids(before, FIRST, days));
    }
    const seen = new Set(ids(all, FIRST, DAYS));
    for (const talk of all) expect(seen.has(talk.id), talk.id).toBe(true);
  });

  it("never the same talk two days in a row", () => {
    const run = ids(all, FIRST, DAYS);
    for (let i = 1; i < run.length; i++) expect(run[i]).not.toBe(run[i - 1]);
  });
});
