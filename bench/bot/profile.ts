// Where each bot's CPU time goes, from V8 .cpuprofiles (node --cpu-prof, BENCH_CPU_PROF_DIR):
// self time per module and per function inside the 50- and 1-client levels, per answer, ours next
// to the bare bot's and ours minus bare — what our extra CPU is made of. Bundled code
// (dist/main.js, the bare bundle) is traced back to its source file through the bundle's
// source map, so "src/core/search/engine.ts" shows up rather than "dist/main.js".
import { readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Level, Platform } from "./report.ts";
import type { BotRun } from "./run.ts";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  /** Microseconds between samples. */
  readonly timeDeltas: readonly number[];
}

function isCpuProfile(value: unknown): value is CpuProfile {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.nodes) && Array.isArray(v.samples) && Array.isArray(v.timeDeltas);
}

/**
 * The main thread's profile of process `pid` in `dir`. Node writes one file per thread,
 * CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread.
 */
function loadMainThreadProfile(
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

const ROOT = join(import.meta.dirname, "../..");

/** Maps positions in our bundles back to source files; other URLs pass through. */
class Origins {
  readonly #maps = new Map<string, SourceMap | null>();

  #map(url: string): SourceMap | null {
    if (!this.#maps.has(url)) {
      let map: SourceMap | null = null;
      try {
        const payload: unknown = JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, "utf8"));
        map = new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]);
      } catch {
        map = null;
      }
      this.#maps.set(url, map);
    }
    return this.#maps.get(url) ?? null;
  }

  /** The source file a frame's code came from, relative to the repository where it can be. */
  file(frame: CallFrame): string {
    const { url } = frame;
    if (!url.startsWith("file://")) return url;
    const map = url.includes("/node_modules/") && !url.includes("/.cache/") ? null : this.#map(url);
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
    const source =
      entry && "originalSource" in entry && entry.originalSource ? entry.originalSource : url;
    const path = source.startsWith("file://") ? fileURLToPath(source) : source;
    // A package keeps its node_modules/ prefix; our code (of whichever checkout) is shown
    // from its top folder: "src/core/…", "bench/bot/bare/…".
    if (path.includes("node_modules/") && !path.includes("/.cache/")) return path;
    const top = /(?:^|\/)((?:src|bench|test)\/.*)$/.exec(path);
    if (top) return top[1]!;
    return path.startsWith("/") ? relative(ROOT, path) : path;
  }

  /** "src/core/search/engine.ts", "@slack/bolt", "node internals", "(garbage collector)". */
  module(frame: CallFrame): string {
    const { url, functionName } = frame;
    if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
    if (url.startsWith("node:")) return "node internals";
    const file = this.file(frame);
    const nm = file.lastIndexOf("node_modules/");
    if (nm >= 0) {
      const rest = file.slice(nm + "node_modules/".length).split("/");
      return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    }
    return file;
  }
}

interface SelfTimes {
  /** Non-idle sampled time in the window, ms. */
  readonly busyMs: number;
  readonly byModule: ReadonlyMap<string, number>;
  readonly byFunction: ReadonlyMap<string, number>;
}

/**
 * Self time inside [fromMs, toMs), measured from the profile's first sample (which comes a
 * few tens of ms after spawn: windows given relative to spawn are off by about that much).
 */
function selfTimes(profile: CpuProfile, origins: Origins, fromMs: number, toMs: number): SelfTimes {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    const ms = t / 1000;
    if (ms < fromMs || ms >= toMs) continue;
    // A sample's weight is the time until the next one.
    const weight = (profile.timeDeltas[i + 1] ?? delta) / 1000;
    const node = byId.get(profile.samples[i]!);
    if (!node || node.callFrame.functionName === "(idle)") continue;
    busy += weight;
    const module = origins.module(node.callFrame);
    byModule.set(module, (byModule.get(module) ?? 0) + weight);
    const f = node.callFrame;
    const where = f.url === "" ? "" : ` ${origins.file(f).split("/").slice(-2).join("/")}`;
    const name = `${f.functionName || "(anonymous)"}${where}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + weight);
  }
  return { busyMs: busy, byModule, byFunction };
}

const answersIn = (run: BotRun, platform: Platform, level: Level): number =>
  run.levels
    .filter((l) => l.platform === platform && l.level === level)
    .reduce((n, l) => n + l.run.samples.filter((s) => s.ok).length, 0);

/** Rows "name  ours  bare  ours-bare" in µs per answer, largest difference first. */
function diffRows(
  ours: ReadonlyMap<string, number>,
  bare: ReadonlyMap<string, number>,
  oursAnswers: number,
  bareAnswers: number,
  top: number,
): string[] {
  const names = new Set([...ours.keys(), ...bare.keys()]);
  const rows = [...names].map((name) => {
    const o = (1000 * (ours.get(name) ?? 0)) / Math.max(1, oursAnswers);
    const b = (1000 * (bare.get(name) ?? 0)) / Math.max(1, bareAnswers);
    return { name, o, b, d: o - b };
  });
  rows.sort((x, y) => Math.abs(y.d) - Math.abs(x.d));
  const us = (v: number) => v.toFixed(0).padStart(6);
  return rows
    .slice(0, top)
    .map(
      (r) =>
        `    ${us(r.o)} ${us(r.b)} ${(r.d >= 0 ? "+" : "") + r.d.toFixed(0).padStart(5)}  ${r.name}`,
    );
}

/** The levels compared: 50 clients (the targets) and 1 (per-request costs, no batching). */
const WINDOWS: readonly (readonly [Platform, Level])[] = [
  ["slack", 50],
  ["matrix", 50],
  ["slack", 1],
  ["matrix", 1],
];

/** The report: per platform and level, ours against bare, by module and by function. */
export function compareProfiles(dir: string, ours: BotRun, bare: BotRun): string[] {
  const origins = new Origins();
  const loaded = {
    ours: loadMainThreadProfile(dir, ours.pid),
    bare: loadMainThreadProfile(dir, bare.pid),
  };
  if (!loaded.ours || !loaded.bare)
    return [`no main-thread .cpuprofile for pid ${loaded.ours ? bare.pid : ours.pid} in ${dir}`];
  const out = [
    `CPU profiles (main thread; sampled self time in µs per answer — on a busy machine it includes waits for a CPU; windows ± a few tens of ms): ours ${loaded.ours.file}, bare ${loaded.bare.file}`,
  ];
  for (const [platform, level] of WINDOWS) {
    const label = `${platform} c${level}`;
    const wo = ours.windows.get(label);
    const wb = bare.windows.get(label);
    if (!wo || !wb) continue;
    const so = selfTimes(loaded.ours.profile, origins, wo.from, wo.to);
    const sb = selfTimes(loaded.bare.profile, origins, wb.from, wb.to);
    const ao = answersIn(ours, platform, level);
    const ab = answersIn(bare, platform, level);
    out.push(
      `  ${label} [ours ${wo.from.toFixed(0)}–${wo.to.toFixed(0)} ms, bare ${wb.from.toFixed(0)}–${wb.to.toFixed(0)} ms after spawn]: main thread busy ${((1000 * so.busyMs) / Math.max(1, ao)).toFixed(0)} µs per answer (ours, ${ao} answers) vs ${((1000 * sb.busyMs) / Math.max(1, ab)).toFixed(0)} µs (bare, ${ab} answers)`,
      "     ours   bare   diff  by module",
      ...diffRows(so.byModule, sb.byModule, ao, ab, 14),
      "     ours   bare   diff  by function",
      ...diffRows(so.byFunction, sb.byFunction, ao, ab, 25),
    );
  }
  return out;
}
