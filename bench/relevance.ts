// npm run bench:relevance — scores the search on the graded dev queries in
// ../shared/eval/dev-queries.json: nDCG@5, MRR, Recall@5 of grade-2 talks, and the share
// of off-topic queries answered with nothing. A benchmark, not a test: no threshold.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadCatalog } from "../src/core/catalog.ts";
import { parseCommand } from "../src/core/grammar.ts";
import { createSearchEngine } from "../src/core/search/engine.ts";
import type { Talk } from "../src/core/talk.ts";

const FILE = resolve(import.meta.dirname, "../../shared/eval/dev-queries.json");
const K = 5;

interface Judgments {
  talks: Record<string, { year: number; speaker?: string; title?: string }>;
  queries: { q: string; rel: Record<string, number> }[];
  offtopic: string[];
}

if (!existsSync(FILE)) {
  console.log(`No judgments at ${FILE}; nothing to score.`);
  process.exit(0);
}
const judgments = JSON.parse(readFileSync(FILE, "utf8")) as Judgments;
const engine = createSearchEngine(loadCatalog());
const verbose = process.argv.includes("--verbose");

function matches(talk: Talk, key: string): boolean {
  const rule = judgments.talks[key];
  if (!rule || talk.year !== rule.year) return false;
  if (rule.speaker && !talk.speakers.some((s) => new RegExp(rule.speaker!, "i").test(s)))
    return false;
  if (rule.title && !new RegExp(rule.title, "i").test(talk.title)) return false;
  return true;
}

function search(q: string, limit: number): Talk[] {
  const command = parseCommand(q);
  return command.kind === "search"
    ? engine.search(command.request, limit).hits.map((h) => h.talk)
    : [];
}

const dcg = (gains: number[]) =>
  gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);

let ndcgSum = 0;
let mrrSum = 0;
let recallSum = 0;
let recallQueries = 0;
for (const { q, rel } of judgments.queries) {
  const results = search(q, K);
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
  const mrr = firstRelevant >= 0 ? 1 / (firstRelevant + 1) : 0;
  const grade2 = Object.entries(rel)
    .filter(([, g]) => g === 2)
    .map(([k]) => k);
  if (grade2.length) {
    recallSum += grade2.filter((k) => results.some((t) => matches(t, k))).length / grade2.length;
    recallQueries++;
  }
  ndcgSum += ndcg;
  mrrSum += mrr;
  if (verbose || ndcg < 0.9) {
    console.log(
      `${ndcg.toFixed(2)}  ${q.padEnd(36)} ${results.map((t, i) => `${t.id}${grades[i] ? `(${grades[i]})` : ""}`).join(" ")}`,
    );
  }
}
const offtopicEmpty = judgments.offtopic.filter((q) => search(q, K).length === 0).length;
const n = judgments.queries.length;
const figures = {
  queries: n,
  ndcg_at_5: +(ndcgSum / n).toFixed(4),
  mrr: +(mrrSum / n).toFixed(4),
  recall_at_5_grade2: +(recallSum / Math.max(1, recallQueries)).toFixed(4),
  offtopic_empty: +(offtopicEmpty / Math.max(1, judgments.offtopic.length)).toFixed(4),
};
console.log(
  `\nnDCG@5 ${figures.ndcg_at_5}  MRR ${figures.mrr}  Recall@5(grade 2) ${figures.recall_at_5_grade2}  off-topic answered with nothing ${offtopicEmpty}/${judgments.offtopic.length}`,
);
console.log(JSON.stringify(figures));
