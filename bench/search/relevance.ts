// npm run bench:relevance — scores search on graded judgments. Without arguments: the dev
// sets in ../shared/eval on the built-in catalog, dev-queries.json (keywords) and
// dev-queries-chat.json (questions, first names, lay terms, small talk). With
// `--catalog DIR --queries FILE`: any catalog (the built-in talks plus DIR's catalog
// files) and a judgments file keyed by title + year, so they survive re-imports:
//   { "queries": [{ "q": "...", "style": "keywords", "rel": [{ "title": "...", "year": 2024, "grade": 2 }] }],
//     "offtopic": ["..."] }
// Figures per style and overall: nDCG@5, MRR, P@1 (a relevant talk first), R@5 (grade ≥ 2
// talks in the first five), and off-topic accuracy (answered with no talk at all); then
// the worst queries. Queries go through core.answer, the path every chat message takes,
// so small talk and commands count as they are answered. A benchmark, not a test: no
// threshold. `--verbose` lists every query.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createCore } from "../../src/core/answer.ts";
import type { TalkCard } from "../../src/core/card.ts";
import { DEFAULT_DATA_DIR, loadCatalog } from "../../src/core/catalog.ts";

const K = 5;
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const verbose = args.includes("--verbose");
const catalogDir = option("--catalog");
const queriesFile = option("--queries");

/** One judged query: its style and the grade of a card (0: not relevant). */
interface Judged {
  readonly q: string;
  readonly style: string;
  readonly grade: (card: TalkCard) => number;
  /** Grades of the relevant talks, best first, for the ideal ranking and R@5. */
  readonly grades: readonly number[];
}
interface JudgmentSet {
  readonly name: string;
  readonly queries: readonly Judged[];
  readonly offtopic: readonly string[];
}

/** The shared dev sets: talk keys with a year and speaker/title regular expressions. */
function sharedSet(file: string, style: string): JudgmentSet {
  const j = JSON.parse(readFileSync(file, "utf8")) as {
    talks: Record<string, { year: number; speaker?: string; title?: string }>;
    queries: { q: string; rel: Record<string, number> }[];
    offtopic: string[];
  };
  const matches = (card: TalkCard, key: string): boolean => {
    const rule = j.talks[key];
    if (!rule || card.year !== rule.year) return false;
    if (rule.speaker && !card.speakers.some((s) => new RegExp(rule.speaker!, "i").test(s)))
      return false;
    return !rule.title || new RegExp(rule.title, "i").test(card.title);
  };
  const queries = j.queries.map(({ q, rel }) => ({
    q,
    style,
    grade: (card: TalkCard) =>
      Math.max(0, ...Object.entries(rel).map(([k, g]) => (matches(card, k) ? g : 0))),
    grades: Object.values(rel),
  }));
  return { name: file.split("/").pop()!, queries, offtopic: j.offtopic };
}

/** A judgments file keyed by title + year (titles compared without case or extra spaces). */
function titleSet(file: string): JudgmentSet {
  const j = JSON.parse(readFileSync(file, "utf8")) as {
    queries: { q: string; style: string; rel: { title: string; year: number; grade: number }[] }[];
    offtopic: string[];
  };
  const norm = (t: string) => t.toLowerCase().replace(/\s+/g, " ").trim();
  const queries = j.queries.map(({ q, style, rel }) => {
    const byKey = new Map(rel.map((r) => [`${norm(r.title)}|${r.year}`, r.grade]));
    return {
      q,
      style,
      grade: (card: TalkCard) => byKey.get(`${norm(card.title)}|${card.year}`) ?? 0,
      grades: rel.map((r) => r.grade),
    };
  });
  return { name: file.split("/").pop()!, queries, offtopic: j.offtopic };
}

const catalog = loadCatalog(DEFAULT_DATA_DIR, catalogDir ? [catalogDir] : []);
const core = createCore({ catalog, timeZone: "UTC" });

/** The talks a chat user would see first for `q`: none for anything but search results. */
function search(q: string): TalkCard[] {
  const answer = core.answer(q, { pageSize: K });
  return answer.kind === "results" ? answer.hits.map((h) => h.card) : [];
}

const dcg = (gains: readonly number[]) =>
  gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);

interface Scored {
  readonly q: string;
  readonly style: string;
  readonly ndcg: number;
  readonly rr: number;
  readonly p1: number;
  readonly r5: number | null;
  readonly shown: string;
}

function scoreQuery(j: Judged): Scored {
  const results = search(j.q);
  const grades = results.map(j.grade);
  const ideal = dcg([...j.grades].sort((a, b) => b - a).slice(0, K));
  const first = grades.findIndex((g) => g > 0);
  const top = j.grades.filter((g) => g >= 2).length;
  const found = grades.filter((g) => g >= 2).length;
  const shown = results.map((c, i) => `${c.title.slice(0, 40)} ${c.year}(${grades[i]})`);
  return {
    q: j.q,
    style: j.style,
    ndcg: ideal ? dcg(grades) / ideal : 0,
    rr: first >= 0 ? 1 / (first + 1) : 0,
    p1: grades[0]! > 0 ? 1 : 0,
    r5: top ? Math.min(1, found / top) : null,
    shown: shown.join(" | "),
  };
}

const mean = (xs: readonly number[]) =>
  +(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(4);

function figures(rows: readonly Scored[]) {
  const r5 = rows.flatMap((r) => (r.r5 === null ? [] : [r.r5]));
  return {
    queries: rows.length,
    ndcg_at_5: mean(rows.map((r) => r.ndcg)),
    mrr: mean(rows.map((r) => r.rr)),
    p_at_1: mean(rows.map((r) => r.p1)),
    r_at_5: mean(r5),
  };
}

function report(set: JudgmentSet): void {
  console.log(`\n${set.name} (${catalog.talks.length} talks)`);
  const rows = set.queries.map(scoreQuery);
  const line = (name: string, f: ReturnType<typeof figures>) =>
    `  ${name.padEnd(16)} nDCG@5 ${f.ndcg_at_5.toFixed(3)}  MRR ${f.mrr.toFixed(3)}  P@1 ${f.p_at_1.toFixed(3)}  R@5 ${f.r_at_5.toFixed(3)}  (${f.queries})`;
  for (const style of [...new Set(rows.map((r) => r.style))])
    console.log(line(style, figures(rows.filter((r) => r.style === style))));
  const all = figures(rows);
  console.log(line("overall", all));
  const answered = set.offtopic.filter((q) => search(q).length > 0);
  const empty = set.offtopic.length - answered.length;
  console.log(`  off-topic answered with nothing ${empty}/${set.offtopic.length}`);
  for (const q of answered) console.log(`    off-topic answered: ${q}`);
  const worst = [...rows].sort((a, b) => a.ndcg - b.ndcg).filter((r) => verbose || r.ndcg < 0.9);
  for (const r of verbose ? rows : worst.slice(0, 10))
    console.log(`  ${r.ndcg.toFixed(2)}  ${r.q.padEnd(40)} ${r.shown}`);
  const offtopic = +(empty / Math.max(1, set.offtopic.length)).toFixed(4);
  console.log(JSON.stringify({ set: set.name, ...all, offtopic_empty: offtopic }));
}

if (queriesFile) report(titleSet(resolve(queriesFile)));
else
  for (const [file, style] of [
    ["dev-queries.json", "keywords"],
    ["dev-queries-chat.json", "conversational"],
  ] as const) {
    const path = resolve(import.meta.dirname, "../../../shared/eval", file);
    if (existsSync(path)) report(sharedSet(path, style));
    else console.log(`No judgments at ${path}; nothing to score.`);
  }
