// Graded judgments and the figures bench:relevance computes from them, for any engine: the
// judgments files are read here, and an engine's first results for a query are scored here
// (nDCG@5, MRR, P@1, R@5), so every engine is judged by the same code.
import { readFileSync } from "node:fs";
import type { TalkCard } from "../../src/core/card.ts";

/** How many results are judged: the first page a chat user sees. */
export const K = 5;

/** One judged query: its style and the grade of a card (0: not relevant). */
export interface Judged {
  readonly q: string;
  readonly style: string;
  readonly grade: (card: TalkCard) => number;
  /** Grades of the relevant talks, best first, for the ideal ranking and R@5. */
  readonly grades: readonly number[];
}
export interface JudgmentSet {
  readonly name: string;
  readonly queries: readonly Judged[];
  readonly offtopic: readonly string[];
}

/** The shared dev sets: talk keys with a year and speaker/title regular expressions. */
export function sharedSet(file: string, style: string): JudgmentSet {
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
export function titleSet(file: string): JudgmentSet {
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

const dcg = (gains: readonly number[]) =>
  gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);

export interface Scored {
  readonly q: string;
  readonly style: string;
  readonly ndcg: number;
  readonly rr: number;
  readonly p1: number;
  readonly r5: number | null;
  readonly shown: string;
}

/** One query's figures from the cards an engine showed first for it (at most K). */
export function scoreQuery(j: Judged, results: readonly TalkCard[]): Scored {
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
    p1: (grades[0] ?? 0) > 0 ? 1 : 0,
    r5: top ? Math.min(1, found / top) : null,
    shown: shown.join(" | "),
  };
}

const mean = (xs: readonly number[]) =>
  +(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(4);

export interface Figures {
  readonly queries: number;
  readonly ndcg_at_5: number;
  readonly mrr: number;
  readonly p_at_1: number;
  readonly r_at_5: number;
}

export function figures(rows: readonly Scored[]): Figures {
  const r5 = rows.flatMap((r) => (r.r5 === null ? [] : [r.r5]));
  return {
    queries: rows.length,
    ndcg_at_5: mean(rows.map((r) => r.ndcg)),
    mrr: mean(rows.map((r) => r.rr)),
    p_at_1: mean(rows.map((r) => r.p1)),
    r_at_5: mean(r5),
  };
}

/** Figures per style (in the order styles first appear), then "overall". */
export function figuresByStyle(rows: readonly Scored[]): [string, Figures][] {
  const styles = [...new Set(rows.map((r) => r.style))];
  return [
    ...styles.map((s): [string, Figures] => [s, figures(rows.filter((r) => r.style === s))]),
    ["overall", figures(rows)],
  ];
}
