// Where the bot's CPU time goes, from a V8 .cpuprofile (node --cpu-prof): self time per
// function and per origin (src/…, a node_modules package, node internals, GC), restricted
// to a window of the run (e.g. the 50-client levels). Used by bench/bot.ts when
// BENCH_CPU_PROF_DIR is set.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** Microseconds (V8's monotonic clock). */
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function isCpuProfile(value: unknown): value is CpuProfile {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Array.isArray(v.nodes) &&
    Array.isArray(v.samples) &&
    Array.isArray(v.timeDeltas) &&
    typeof v.startTime === "number"
  );
}

/**
 * The main thread's profile of process `pid` in `dir`, parsed. Node writes one file per
 * thread, CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread
 * (tsx's loader hooks run in thread 1 on Node 20).
 */
export function loadMainThreadProfile(
  dir: string,
  pid: number,
): { file: string; profile: CpuProfile } | null {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile") && f.includes(`.${pid}.0.`))
    .sort();
  const file = files.at(-1);
  if (file === undefined) return null;
  const parsed: unknown = JSON.parse(readFileSync(join(dir, file), "utf8"));
  return isCpuProfile(parsed) ? { file: join(dir, file), profile: parsed } : null;
}

/** Where a function comes from: "src/core/search/engine.ts", "@slack/bolt", "node:internal", … */
export function originOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "/node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.indexOf("/src/");
  if (src >= 0) return url.slice(src + 1);
  const test = url.indexOf("/test/");
  return test >= 0 ? url.slice(test + 1) : url;
}

export interface Share {
  readonly name: string;
  readonly ms: number;
  readonly percent: number;
}

export interface WindowSummary {
  readonly label: string;
  readonly totalMs: number;
  /** Time not spent idle, as a share of the window: how busy the bot's main thread was. */
  readonly busyPercent: number;
  readonly byOrigin: readonly Share[];
  readonly byFunction: readonly Share[];
}

/**
 * Self time inside [fromMs, toMs), measured from the start of the profile (which begins a
 * few tens of ms after spawn: windows given relative to spawn are off by about that much).
 */
export function summarizeWindow(
  profile: CpuProfile,
  label: string,
  fromMs: number,
  toMs: number,
  top = 12,
): WindowSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const origin = new Map<string, number>();
  const fn = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    const ms = t / 1000;
    if (ms < fromMs || ms >= toMs) continue;
    // A sample's weight is the time until the next one.
    const weight = (profile.timeDeltas[i + 1] ?? delta) / 1000;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    total += weight;
    const o = originOf(node.callFrame);
    if (o === "(idle)") {
      idle += weight;
      continue;
    }
    origin.set(o, (origin.get(o) ?? 0) + weight);
    const short = node.callFrame.url.split("/").slice(-2).join("/");
    const name = `${node.callFrame.functionName || "(anonymous)"} ${short}${short ? `:${node.callFrame.lineNumber + 1}` : ""}`;
    fn.set(name, (fn.get(name) ?? 0) + weight);
  }
  const shares = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, percent: total > 0 ? (100 * ms) / total : 0 }));
  return {
    label,
    totalMs: total,
    busyPercent: total > 0 ? (100 * (total - idle)) / total : 0,
    byOrigin: shares(origin),
    byFunction: shares(fn),
  };
}

export function formatWindow(s: WindowSummary): string {
  const line = (x: Share) =>
    `    ${x.percent.toFixed(1).padStart(5)}%  ${x.ms.toFixed(0).padStart(6)} ms  ${x.name}`;
  return [
    `  ${s.label}: ${s.totalMs.toFixed(0)} ms sampled, main thread busy ${s.busyPercent.toFixed(0)}%`,
    "   self time by origin:",
    ...s.byOrigin.map(line),
    "   self time by function:",
    ...s.byFunction.map(line),
  ].join("\n");
}
