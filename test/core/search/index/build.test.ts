// The index built in slices (a reload while the bot answers) is the index built at once
// (start-up): the same lists, words and filters, so the same answers to every question.
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { type Answer, createCore, createCoreInSlices } from "../../../../src/core/answer.ts";
import { type Catalog, loadCatalog } from "../../../../src/core/catalog.ts";
import { buildIndex, buildIndexInSlices } from "../../../../src/core/search/index/build.ts";
import type { Talk } from "../../../../src/core/talk.ts";

const builtIn = loadCatalog();

/**
 * The built-in talks twelve times over (~840 talks, ~60,000 postings): enough for the
 * build to stop many times within each pass, and for copies to differ (events, years,
 * a borrowed title in the abstract) so lists and filters are not all alike.
 */
function larger(): Catalog {
  const base = builtIn.talks;
  const talks: Talk[] = [];
  for (let copy = 0; copy < 12; copy++)
    base.forEach((t, i) => {
      const other = base[(i * 7 + copy) % base.length]!;
      talks.push({
        ...t,
        id: `${t.id}-${copy}`,
        eventId: `${t.eventId}-${copy % 5}`,
        event: `${t.event} ${copy % 5}`,
        year: t.year + (copy % 3),
        summary: `${t.summary} ${other.title}`,
      });
    });
  return { ...builtIn, talks, byId: new Map(talks.map((t) => [t.id, t])) };
}

const QUESTIONS = [
  "numa",
  "live migration",
  '"live migration"',
  "post-copy migration vfio",
  "migraton",
  "balon driver",
  "topic:storage",
  "speaker:williamson",
  "event:kvm year:2012",
  "xen scheduler 2013",
  "nothing about bananas",
  "topics",
];

const answers = (answer: (q: string) => Answer) =>
  JSON.stringify(QUESTIONS.flatMap((q) => [answer(q), answer(`${q} more`)]));

describe("index build in slices", () => {
  it("builds the same index as the build at once", async () => {
    const { talks } = larger();
    expect(talks.length).toBeGreaterThan(800);
    const sliced = await buildIndexInSlices(talks);
    // Every list, word count and sequence, private fields too (vitest's toEqual takes
    // seconds over typed arrays this size).
    expect(isDeepStrictEqual(sliced, buildIndex(talks))).toBe(true);
  });

  it("gives the same answers to every question", async () => {
    const catalog = larger();
    const options = { catalog, timeZone: "UTC", clock: () => new Date("2026-05-01T10:00:00Z") };
    const once = createCore(options);
    const sliced = await createCoreInSlices(options);
    expect(answers((q) => sliced.answer(q))).toBe(answers((q) => once.answer(q)));
    expect(sliced.suggestions()).toEqual(once.suggestions());
  });
});
