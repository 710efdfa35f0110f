import { describe, expect, it } from "vitest";
import { type Answer, createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { parseCoreCommand } from "../../src/core/grammar.ts";
import { catalogOf, confTalk } from "../support/talks.ts";

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

describe("random with words", () => {
  // "random numa": a random one of the talks the search finds for the words, prepared as
  // the search prepares them ("this year", a topic the catalog lacks).
  const talks = catalogOf([
    confTalk("numa-1", 2025, { title: "Virtualizing NUMA" }),
    confTalk("numa-2", 2026, { title: "NUMA balancing for guests" }),
    confTalk("virtio", 2026, { title: "Virtio rings" }),
  ]);
  const randomly = (random: number, text: string) => {
    const clock = () => new Date("2026-06-01T12:00:00Z");
    const answer = createCore({ catalog: talks, timeZone: "UTC", random: () => random, clock }).run(
      parseCoreCommand(text),
      {},
    );
    return answer.kind === "talk" ? [answer.card.id, answer.card.heading] : answer;
  };

  it("picks among the talks the words find, headed with them", () => {
    expect(randomly(0, "random numa")).toEqual(["numa-1", "Random talk · numa"]);
    expect(randomly(0.99, "random numa")).toEqual(["numa-2", "Random talk · numa"]);
    expect(randomly(0.99, "random")).toEqual(["virtio", "Random talk"]);
  });

  it("reads 'this year' and unknown topics as the search does", () => {
    expect(randomly(0, "random numa this year")).toEqual([
      "numa-2",
      "Random talk · numa this year",
    ]);
    expect(randomly(0, "random topic:zzqx")).toMatchObject({
      kind: "unknown-topic",
      topic: "zzqx",
    });
  });

  it("says no talk was found when the words find none", () => {
    expect(randomly(0, "random zzqx")).toMatchObject({ kind: "no-results", query: "zzqx" });
  });
});
