import { describe, expect, it } from "vitest";
import { type Answer, createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";

const catalog = loadCatalog();
const core = createCore({ catalog, timeZone: "UTC", random: () => 0.5 });

type Results = Extract<Answer, { kind: "results" }>;
function results(text: string, offset?: number, pageSize?: number): Results {
  const answer = core.answer(text, { offset, pageSize });
  if (answer.kind !== "results") throw new Error(`${text}: ${answer.kind}`);
  return answer;
}

describe("honest counts and complete paging", () => {
  it("counts every match of a filter, not a cap", () => {
    const inRange = catalog.talks.filter((t) => t.year >= 2010 && t.year <= 2012);
    expect(inRange.length).toBeGreaterThan(30);
    expect(results("year:2010-2012").total).toBe(inRange.length);
  });

  it("pages with offset through every match exactly once, to the last", () => {
    const first = results("year:2010-2012");
    const seen: string[] = [];
    for (let offset = 0; offset < first.total; offset += 3) {
      const page = results("year:2010-2012", offset);
      expect(page.total).toBe(first.total);
      expect(page.offset).toBe(offset);
      seen.push(...page.hits.map((h) => h.card.id));
    }
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
  });

  it("counts every match of a word search, and shows the last page past the end", () => {
    const all = results("kvm", 0, 1000);
    expect(all.hits).toHaveLength(all.total);
    const last = results("kvm", all.total + 50);
    expect(last.offset).toBe(all.total - 1);
    expect(last.hits.map((h) => h.card.id)).toEqual([all.hits.at(-1)!.card.id]);
  });

  it("treats a paging option that is not a number as absent", () => {
    const page = results("year:2010-2012", Number.NaN, Number.POSITIVE_INFINITY);
    expect(page.offset).toBe(0);
    expect(page.hits).toHaveLength(3);
  });
});

describe("a second, looser try", () => {
  it("finds GPU talks for a sentence whose everyday words no talk uses", () => {
    const answer = results("sharing a gpu between vms");
    expect(answer.query).toBe("sharing a gpu between vms");
    expect(answer.hits.map((h) => h.card.id)).toContain("kvm-forum-2011-graphics-assignment");
  });
});
