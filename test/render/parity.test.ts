// The three renderers side by side: the same answers go to Block Kit, Matrix and the
// terminal, and each rendering carries every card's title, speakers and links.
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import type { Reply } from "../../src/core/reply.ts";
import { renderConsoleAnswer } from "../../src/render/console/answer.ts";
import { renderMatrixAnswer } from "../../src/render/matrix/answer.ts";
import { renderSlackAnswer } from "../../src/render/slack/answer.ts";
import { unescapeText } from "../../src/render/slack/escape.ts";

const core = createLibrary({
  catalog: loadCatalog(),
  timeZone: "UTC",
  clock: () => new Date("2026-11-22T12:00:00Z"),
}).current();

/** Every string in a rendered message, for "does it carry this" checks. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

const renderings = (reply: Reply) => ({
  slack: strings(renderSlackAnswer(reply, "command")).map(unescapeText).join("\n"),
  matrix: renderMatrixAnswer(reply).body,
  console: renderConsoleAnswer(reply),
});

const answers = ["numa", "speaker:arcangeli", "year:2012 migration", "xen", "today", "vfio"];

describe("renderer parity", () => {
  it.each(answers)("%s: every renderer carries the same titles, speakers and links", (q) => {
    const reply = core.answer(q);
    if (reply.kind !== "results" && reply.kind !== "talk") throw new Error(`${q}: ${reply.kind}`);
    const cards = reply.kind === "results" ? reply.hits.map((h) => h.card) : [reply.card];
    expect(cards.length).toBeGreaterThan(0);
    for (const [platform, text] of Object.entries(renderings(reply))) {
      for (const card of cards) {
        const where = `${platform}: ${card.id}`;
        expect(text, where).toContain(card.title);
        for (const speaker of card.speakers) expect(text, where).toContain(speaker);
        for (const link of card.links) expect(text, where).toContain(link.url);
      }
    }
  });
});
