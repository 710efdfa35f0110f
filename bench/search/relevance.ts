// npm run bench:relevance — scores search on the graded dev queries in ../shared/eval:
// dev-queries.json (keywords) and dev-queries-chat.json (questions, first names, lay terms,
// small talk). Figures: nDCG@5, MRR, Recall@5 of grade-2 talks, and the share of off-topic
// queries (small talk included) answered with no talk at all. Queries go through
// core.answer, the path every chat message takes, so small talk and commands count as they
// are answered. A benchmark, not a test: no threshold. `--verbose` lists every query.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createCore } from "../../src/core/answer.ts";
import type { TalkCard } from "../../src/core/card.ts";
import { loadCatalog } from "../../src/core/catalog.ts";

const SETS = ["dev-queries.json", "dev-queries-chat.json"].map((f) =>
  resolve(import.meta.dirname, "../../../shared/eval", f),
);
const K = 5;

interface Judgments {
  talks: Record<string, { year: number; speaker?: string; title?: string }>;
  queries: { q: string; rel: Record<string, number> }[];
  offtopic: string[];
}

const core = createCore({ catalog: loadCatalog(), timeZone: "UTC" });
const verbose = process.argv.includes("--verbose");

/** The talks a chat user would see first for `q`: none for anything but search results. */
function search(q: string): TalkCard[] {
  const answer = core.answer(q, { pageSize: K });
  return answer.kind === "results" ? answer.hits.map((h) => h.card) : [];
}

const dcg = (gains: number[]) =>
  gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);

function score(file: string): Record<string, number> | null {
  if (!existsSync(file)) {
    console.log(`No judgments at ${file}; nothing to score.`);
    return null;
  }
  const judgments = JSON.parse(readFileSync(file, "utf8")) as Judgments;
  const matches = (card: TalkCard, key: string): boolean => {
    const rule = judgments.talks[key];
    if (!rule || card.year !== rule.year) return false;
    if (rule.speaker && !card.speakers.some((s) => new RegExp(rule.speaker!, "i").test(s)))
      return false;
    return !rule.title || new RegExp(rule.title, "i").test(card.title);
  };
  let ndcgSum = 0;
  let mrrSum = 0;
  let recallSum = 0;
  let recallQueries = 0;
  console.log(`\n${file.split("/").pop()}`);
  for (const { q, rel } of judgments.queries) {
    const results = search(q);
    const grades = results.map((t) =>
      Math.max(0, ...Object.entries(rel).map(([k, g]) => (matches(t, k) ? g : 0))),
    );
    const ideal = dcg(
      Object.values(rel)
        .sort((a, b) => b - a)
        .slice(0, K),
    );
    const ndcg = ideal ? dcg(grades) / ideal : 0;
    const firstRelevant = grades.findIndex((g) => g > 0);
    const grade2 = Object.entries(rel).filter(([, g]) => g === 2);
    if (grade2.length) {
      const found = grade2.filter(([k]) => results.some((t) => matches(t, k))).length;
      recallSum += found / grade2.length;
      recallQueries++;
    }
    ndcgSum += ndcg;
    mrrSum += firstRelevant >= 0 ? 1 / (firstRelevant + 1) : 0;
    if (verbose || ndcg < 0.9) {
      const shown = results.map((t, i) => `${t.id}${grades[i] ? `(${grades[i]})` : ""}`);
      console.log(`${ndcg.toFixed(2)}  ${q.padEnd(36)} ${shown.join(" ")}`);
    }
  }
  const answered = judgments.offtopic.filter((q) => search(q).length > 0);
  for (const q of answered) console.log(`off-topic answered: ${q}`);
  const n = judgments.queries.length;
  const offtopic = judgments.offtopic.length;
  const figures = {
    queries: n,
    ndcg_at_5: +(ndcgSum / n).toFixed(4),
    mrr: +(mrrSum / n).toFixed(4),
    recall_at_5_grade2: +(recallSum / Math.max(1, recallQueries)).toFixed(4),
    offtopic_empty: +((offtopic - answered.length) / Math.max(1, offtopic)).toFixed(4),
  };
  console.log(
    `nDCG@5 ${figures.ndcg_at_5}  MRR ${figures.mrr}  Recall@5(grade 2) ${figures.recall_at_5_grade2}  off-topic answered with nothing ${offtopic - answered.length}/${offtopic}`,
  );
  console.log(JSON.stringify(figures));
  return figures;
}

for (const file of SETS) score(file);
