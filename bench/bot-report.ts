// What bench/bot.ts prints: the table, the memory and start-up lines, the targets and
// whether each is met, and the final JSON line.
import {
  ackFigures,
  errorBreakdown,
  type Figures,
  type LevelRun,
  maxLatency,
  round,
} from "./bot-load.ts";

export const LEVELS = [1, 10, 50] as const;
export type Level = (typeof LEVELS)[number];
export type LevelKey = `c${Level}`;
export type Platform = "slack" | "matrix";

/** The targets for this 2-core machine. Not to be loosened. */
export const TARGETS = Object.freeze({
  /** p99 at 50 concurrent clients, on each platform. */
  p99AtC50Ms: 50,
  errors: 0,
  rssPeakMb: 150,
  readyMs: 2_000,
});

export interface PlatformFigures {
  readonly c1: Figures;
  readonly c10: Figures;
  readonly c50: Figures;
}

/** The final JSON line, keys in this order. */
export interface BenchJson {
  readonly slack: PlatformFigures;
  readonly matrix: PlatformFigures;
  readonly rss_idle_mb: number | null;
  readonly rss_peak_mb: number | null;
  readonly ready_ms: number;
}

export interface LevelResult {
  readonly platform: Platform;
  readonly level: Level;
  readonly run: LevelRun;
  readonly figures: Figures;
  /** Free-form diagnostics for the level (syncs, batch sizes, …). */
  readonly note?: string;
}

export interface Memory {
  readonly idleMb: number | null;
  /** Highest VmRSS sampled during the 50-client levels. */
  readonly peakC50Mb: number | null;
  /** Highest VmRSS sampled over the whole run. */
  readonly peakAnyMb: number | null;
  /** VmHWM at the end of the run (the kernel's own peak over the process's lifetime). */
  readonly hwmMb: number | null;
}

const fmt = (n: number | null, digits = 2) => (n === null ? "—" : n.toFixed(digits));

export function table(results: readonly LevelResult[]): string {
  const head = ["platform", "clients", "requests", "p50 ms", "p95 ms", "p99 ms", "rps", "errors"];
  const rows = results.map((r) => [
    r.platform,
    String(r.level),
    String(r.run.planned),
    fmt(r.figures.p50_ms),
    fmt(r.figures.p95_ms),
    fmt(r.figures.p99_ms),
    fmt(r.figures.rps, 1),
    String(r.figures.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Per-level details printed under the table: Slack ack times, errors, notes. */
export function details(results: readonly LevelResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    const parts: string[] = [];
    const max = maxLatency(r.run);
    if (max !== null) parts.push(`max ${max.toFixed(1)} ms`);
    if (r.platform === "slack") {
      const ack = ackFigures(r.run);
      parts.push(`ack p50 ${fmt(ack.p50)} ms, p99 ${fmt(ack.p99)} ms, max ${fmt(ack.max, 1)} ms`);
    }
    if (r.note) parts.push(r.note);
    const errors = errorBreakdown(r.run);
    if (errors) parts.push(`errors: ${errors}`);
    if (parts.length) out.push(`  ${r.platform} c${r.level}: ${parts.join("; ")}`);
  }
  return out;
}

export interface TargetCheck {
  readonly name: string;
  readonly actual: string;
  readonly met: boolean;
}

export function checkTargets(json: BenchJson, memory: Memory): TargetCheck[] {
  const p99 = (platform: Platform): TargetCheck => {
    const v = json[platform].c50.p99_ms;
    return {
      name: `${platform} p99 at 50 clients ≤ ${TARGETS.p99AtC50Ms} ms`,
      actual: v === null ? "no answers" : `${v.toFixed(2)} ms`,
      met: v !== null && v <= TARGETS.p99AtC50Ms,
    };
  };
  const errors = (["slack", "matrix"] as const).flatMap((p) =>
    (["c1", "c10", "c50"] as const).map((l) => json[p][l].errors),
  );
  const totalErrors = errors.reduce((a, b) => a + b, 0);
  // Judged on the higher of the sampled peak under load and the kernel's VmHWM.
  const peaks = [memory.peakC50Mb, memory.hwmMb].filter((v): v is number => v !== null);
  const peak = peaks.length ? Math.max(...peaks) : null;
  return [
    p99("slack"),
    p99("matrix"),
    {
      name: `errors = ${TARGETS.errors} (all levels, both platforms)`,
      actual: String(totalErrors),
      met: totalErrors === TARGETS.errors,
    },
    {
      name: `RSS peak ≤ ${TARGETS.rssPeakMb} MB (max of sampled peak under 50 clients and VmHWM)`,
      actual: peak === null ? "unavailable (no /proc)" : `${peak.toFixed(1)} MB`,
      met: peak !== null && peak <= TARGETS.rssPeakMb,
    },
    {
      name: `ready ≤ ${TARGETS.readyMs} ms`,
      actual: `${json.ready_ms.toFixed(0)} ms`,
      met: json.ready_ms <= TARGETS.readyMs,
    },
  ];
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  return checks.map((c) => `  [${c.met ? "met" : "MISSED"}] ${c.name}: ${c.actual}`).join("\n");
}

export function buildJson(
  results: readonly LevelResult[],
  memory: Memory,
  readyMs: number,
): BenchJson {
  const of = (platform: Platform): PlatformFigures => {
    const pick = (level: Level): Figures => {
      const r = results.find((x) => x.platform === platform && x.level === level);
      if (!r) throw new Error(`no result for ${platform} c${level}`);
      return r.figures;
    };
    return { c1: pick(1), c10: pick(10), c50: pick(50) };
  };
  return {
    slack: of("slack"),
    matrix: of("matrix"),
    rss_idle_mb: memory.idleMb === null ? null : round(memory.idleMb, 1),
    rss_peak_mb: memory.peakC50Mb === null ? null : round(memory.peakC50Mb, 1),
    ready_ms: round(readyMs, 0),
  };
}

export const kbToMb = (kb: number | null): number | null => (kb === null ? null : kb / 1024);
