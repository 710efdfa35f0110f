// The table `bench:relevance --engine all` prints: one Markdown row per style per engine
// (styles in the order the judgments file gives them, then overall; a set of one style has
// the overall rows alone), engines side by side under each style; the overall rows also
// carry the off-topic figure, the build time and the time per message.
import type { Figures } from "./judgments.ts";

/** One engine's figures on one judgments set. */
export interface EngineRun {
  readonly engine: string;
  /** Figures per style, "overall" last (judgments.ts's figuresByStyle). */
  readonly styles: readonly (readonly [string, Figures])[];
  /** Off-topic messages answered with no talk at all, of how many. */
  readonly offtopicEmpty: number;
  readonly offtopicTotal: number;
  /** Building the engine over the catalog, and answering every message of the set. */
  readonly buildMs: number;
  readonly answerMs: number;
  /** Messages answered: the judged queries and the off-topic ones. */
  readonly messages: number;
}

const HEADER = [
  "engine",
  "style",
  "nDCG@5",
  "MRR",
  "P@1",
  "R@5",
  "queries",
  "off-topic empty",
  "build ms",
  "ms/message",
];

const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
const three = (x: number) => x.toFixed(3);

export function relevanceTable(runs: readonly EngineRun[]): string {
  const styles = [...new Set(runs.flatMap((r) => r.styles.map(([s]) => s)))];
  // One style and overall hold the same figures: the overall rows alone say it.
  if (styles.length === 2) styles.shift();
  const lines = [row(HEADER), row(HEADER.map(() => "---"))];
  for (const style of styles)
    for (const run of runs) {
      const f = run.styles.find(([s]) => s === style)?.[1];
      if (!f) continue;
      const overall = style === "overall";
      lines.push(
        row([
          run.engine,
          style,
          three(f.ndcg_at_5),
          three(f.mrr),
          three(f.p_at_1),
          three(f.r_at_5),
          String(f.queries),
          overall ? `${run.offtopicEmpty}/${run.offtopicTotal}` : "",
          overall ? run.buildMs.toFixed(0) : "",
          overall ? (run.answerMs / Math.max(1, run.messages)).toFixed(2) : "",
        ]),
      );
    }
  return lines.join("\n");
}
