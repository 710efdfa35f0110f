import { describe, expect, it } from "vitest";
import type { Figures } from "../../../bench/search/judgments.ts";
import { type EngineRun, relevanceTable } from "../../../bench/search/relevance-table.ts";

const f = (ndcg: number, queries: number): Figures => ({
  queries,
  ndcg_at_5: ndcg,
  mrr: 1,
  p_at_1: 0.5,
  r_at_5: 0.25,
});
const run = (engine: string, styles: EngineRun["styles"], offtopicEmpty: number): EngineRun => ({
  engine,
  styles,
  offtopicEmpty,
  offtopicTotal: 8,
  buildMs: 1234.5,
  answerMs: 50,
  messages: 20,
});

describe("the --engine all table", () => {
  it("puts the engines side by side under each style, off-topic and times on overall", () => {
    const table = relevanceTable([
      run(
        "ours",
        [
          ["keywords", f(0.9, 2)],
          ["names", f(0.5, 1)],
          ["overall", f(0.7667, 3)],
        ],
        8,
      ),
      run(
        "lunr",
        [
          ["keywords", f(0.8, 2)],
          ["overall", f(0.8, 2)],
        ],
        0,
      ),
    ]);
    expect(table.split("\n")).toEqual([
      "| engine | style | nDCG@5 | MRR | P@1 | R@5 | queries | off-topic empty | build ms | ms/message |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      "| ours | keywords | 0.900 | 1.000 | 0.500 | 0.250 | 2 |  |  |  |",
      "| lunr | keywords | 0.800 | 1.000 | 0.500 | 0.250 | 2 |  |  |  |",
      "| ours | names | 0.500 | 1.000 | 0.500 | 0.250 | 1 |  |  |  |",
      "| ours | overall | 0.767 | 1.000 | 0.500 | 0.250 | 3 | 8/8 | 1235 | 2.50 |",
      "| lunr | overall | 0.800 | 1.000 | 0.500 | 0.250 | 2 | 0/8 | 1235 | 2.50 |",
    ]);
  });

  it("has the overall rows alone for a set of one style", () => {
    const table = relevanceTable([
      run(
        "ours",
        [
          ["keywords", f(1, 1)],
          ["overall", f(1, 1)],
        ],
        1,
      ),
    ]);
    expect(table.split("\n").slice(2)).toEqual([
      "| ours | overall | 1.000 | 1.000 | 0.500 | 0.250 | 1 | 1/8 | 1235 | 2.50 |",
    ]);
  });
});
