// npm run bench:relevance — scores search on graded judgments. Without arguments: the dev
// sets in ../shared/eval (or `--eval DIR`) on the built-in catalog, dev-queries.json
// (keywords) and dev-queries-chat.json (questions, first names, lay terms, small talk). With
// `--catalog DIR --queries FILE`: any catalog (the built-in talks plus DIR's catalog
// files) and a judgments file keyed by title + year, so they survive re-imports:
//   { "queries": [{ "q": "...", "style": "keywords", "rel": [{ "title": "...", "year": 2024, "grade": 2 }] }],
//     "offtopic": ["..."] }
// Figures per style and overall: nDCG@5, MRR, P@1 (a relevant talk first), R@5 (grade ≥ 2
// talks in the first five), and off-topic accuracy (answered with no talk at all); then
// the worst queries. A benchmark, not a test: no threshold. `--verbose` lists every query.
// `--engine NAME` judges another engine on the same records and requests (answerers.ts):
// ours (the default), minisearch, flexsearch or lunr; `--engine all` judges all four and
// prints one table per judgments set (relevance-table.ts), with each engine's build time
// and time per message (catalog loading not counted).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_DATA_DIR, loadCatalog } from "../../src/core/catalog.ts";
import { ANSWERERS, type Answer } from "./answerers.ts";
import {
  type Figures,
  figuresByStyle,
  type JudgmentSet,
  type Scored,
  scoreQuery,
  sharedSet,
  titleSet,
} from "./judgments.ts";
import { type EngineRun, relevanceTable } from "./relevance-table.ts";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const verbose = args.includes("--verbose");
const catalogDir = option("--catalog");
const queriesFile = option("--queries");
const evalDir = option("--eval") ?? resolve(import.meta.dirname, "../../../shared/eval");
const engineName = (option("--engine") ?? "ours").toLowerCase();
const all = engineName === "all";
const answerer = ANSWERERS.get(engineName);
if (!all && !answerer) {
  console.error(`--engine ${engineName}: one of ${[...ANSWERERS.keys()].join(", ")} or all`);
  process.exit(2);
}

function judgmentSets(): JudgmentSet[] {
  if (queriesFile) return [titleSet(resolve(queriesFile))];
  const sets: JudgmentSet[] = [];
  for (const [file, style] of [
    ["dev-queries.json", "keywords"],
    ["dev-queries-chat.json", "conversational"],
  ] as const) {
    const path = resolve(evalDir, file);
    if (existsSync(path)) sets.push(sharedSet(path, style));
    else console.log(`No judgments at ${path}; nothing to score.`);
  }
  return sets;
}

/** One engine's answers to a set, judged and timed, with the rows for the report. */
function judge(engine: string, answer: Answer, set: JudgmentSet, buildMs: number) {
  const start = performance.now();
  const rows: Scored[] = set.queries.map((j) => scoreQuery(j, answer(j.q)));
  const answered = set.offtopic.filter((q) => answer(q).length > 0);
  const run: EngineRun = {
    engine,
    styles: figuresByStyle(rows),
    offtopicEmpty: set.offtopic.length - answered.length,
    offtopicTotal: set.offtopic.length,
    buildMs,
    answerMs: performance.now() - start,
    messages: set.queries.length + set.offtopic.length,
  };
  return { run, rows, answered };
}

function report(set: JudgmentSet, talks: number, judged: ReturnType<typeof judge>): void {
  const { run, rows, answered } = judged;
  console.log(`\n${set.name} (${talks} talks) · ${run.engine}`);
  const line = (name: string, f: Figures) =>
    `  ${name.padEnd(16)} nDCG@5 ${f.ndcg_at_5.toFixed(3)}  MRR ${f.mrr.toFixed(3)}  P@1 ${f.p_at_1.toFixed(3)}  R@5 ${f.r_at_5.toFixed(3)}  (${f.queries})`;
  for (const [style, f] of run.styles) console.log(line(style, f));
  console.log(`  off-topic answered with nothing ${run.offtopicEmpty}/${run.offtopicTotal}`);
  for (const q of answered) console.log(`    off-topic answered: ${q}`);
  const worst = [...rows].sort((a, b) => a.ndcg - b.ndcg).filter((r) => verbose || r.ndcg < 0.9);
  for (const r of verbose ? rows : worst.slice(0, 10))
    console.log(`  ${r.ndcg.toFixed(2)}  ${r.q.padEnd(40)} ${r.shown}`);
  const perMessage = run.answerMs / Math.max(1, run.messages);
  console.log(`  built in ${run.buildMs.toFixed(0)} ms, ${perMessage.toFixed(2)} ms per message`);
  const overall = run.styles.at(-1)![1];
  const offtopic = +(run.offtopicEmpty / Math.max(1, run.offtopicTotal)).toFixed(4);
  console.log(
    JSON.stringify({ set: set.name, engine: run.engine, ...overall, offtopic_empty: offtopic }),
  );
}

const catalog = loadCatalog(DEFAULT_DATA_DIR, catalogDir ? [catalogDir] : []);
const sets = judgmentSets();
const runs = new Map(sets.map((s) => [s, [] as EngineRun[]]));
// One engine at a time, built once for every set: only one index is held at a time.
for (const a of all ? [...ANSWERERS.values()] : [answerer!]) {
  const start = performance.now();
  const answer = a.build(catalog);
  const buildMs = performance.now() - start;
  for (const set of sets) {
    const judged = judge(a.name, answer, set, buildMs);
    runs.get(set)!.push(judged.run);
    if (!all || verbose) report(set, catalog.talks.length, judged);
  }
}
if (all)
  for (const set of sets)
    console.log(`\n${set.name} (${catalog.talks.length} talks)\n${relevanceTable(runs.get(set)!)}`);
