// npm run bench:import -- --targets (or tsx bench/import/targets.ts): issue 18's speed
// and memory targets for the importer, medians of three, inputs generated (seeded) in a
// temp directory and removed afterwards:
//  1. a ~60 MB frab XML export imported (--dry-run) by the CLI: peak RSS <= 600 MB;
//  2. one talk with a 200,000-character abstract mapped to its record: <= 50 ms;
//  3. a 900-event export imported by the whole CLI command into a folder that already
//     holds 10,000 talks: <= 2 s;
//  4. `list --json` over 12,000 talks (the whole CLI command): <= 1 s.
// "The whole CLI command" is the built CLI (`node dist/cli/main.js`, what an operator
// runs from a release); `npm run cli` (tsx, compiling on every run) is printed beside it.
// Each CLI figure comes with its CPU time (user + sys, GNU time): on a shared machine a
// command waits for a core, and the load average printed with the figures says how long.
// The four figures are repeated side by side at the end.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadCatalog } from "../../src/core/catalog.ts";
import { loadBreakWords } from "../../src/import/break-title.ts";
import { runImport } from "../../src/import/import.ts";
import { mapSchedule } from "../../src/import/map-record.ts";
import { loadTopicRules } from "../../src/import/topics.ts";
import type { Schedule } from "../../src/import/types.ts";
import { buildBot, ROOT } from "../shared/bot-command.ts";
import { median } from "../shared/stats.ts";
import { generateSchedule } from "./import-schedule.ts";

const RUNS = 3;
const log = (line = "") => process.stdout.write(`${line}\n`);
const CLI = [process.execPath, join(ROOT, "dist/cli/main.js")];
const TSX_CLI = [process.execPath, "--import", "tsx", join(ROOT, "src/cli/main.ts")];

/** One run of a CLI command: wall time, and CPU time (user + sys) where GNU time is there. */
interface Run {
  readonly wallMs: number;
  readonly cpuMs: number | null;
}

const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

function cli(args: string[], env: Record<string, string> = {}, command = CLI): Run {
  const argv = [...command, ...args];
  const timesFile = join(tmpdir(), `virt-talks-bench-time-${process.pid}`);
  const [file, ...rest] = GNU_TIME ? [GNU_TIME, "-f", "%U %S", "-o", timesFile, ...argv] : argv;
  const t = performance.now();
  execFileSync(file!, rest, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...env },
    maxBuffer: 1 << 30,
  });
  const wallMs = performance.now() - t;
  if (!GNU_TIME) return { wallMs, cpuMs: null };
  const [user, sys] = readFileSync(timesFile, "utf8").trim().split("\n").at(-1)!.split(" ");
  rmSync(timesFile, { force: true });
  return { wallMs, cpuMs: (Number(user) + Number(sys)) * 1000 };
}

/** One line of the summary at the end: a figure beside its target. */
interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target: number;
  readonly cpuMs?: number | null;
}
const figures: Figure[] = [];

function verdict(name: string, values: number[], unit: string, target: number): boolean {
  const m = median(values)!;
  const ok = m <= target;
  log(
    `   ${name}: ${values.map((v) => v.toFixed(0)).join(", ")} ${unit} → median ${m.toFixed(0)} ${unit} (target <= ${target}: ${ok ? "met" : "NOT met"})`,
  );
  return ok;
}

/** verdict() for CLI runs, with their CPU time: on a busy machine wall time waits for a core. */
function runsVerdict(name: string, runs: Run[], target: number): boolean {
  const ok = verdict(
    name,
    runs.map((r) => r.wallMs),
    "ms",
    target,
  );
  const cpu = runs.every((r) => r.cpuMs !== null) ? median(runs.map((r) => r.cpuMs!)) : null;
  if (cpu !== null)
    log(
      `   CPU (user + sys): ${runs.map((r) => r.cpuMs!.toFixed(0)).join(", ")} ms → median ${cpu.toFixed(0)} ms`,
    );
  figures.push({ name, value: median(runs.map((r) => r.wallMs))!, unit: "ms", target, cpuMs: cpu });
  return ok;
}

/** Peak RSS of a CLI import, from GNU time's %M when present, else the child's rusage. */
function peakRss(file: string, out: string): number {
  const r = spawnSync(
    "/usr/bin/time",
    ["-f", "%M", ...CLI, "import", file, "--out", out, "--dry-run"],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 },
  );
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  const kb = Number(r.stderr.trim().split("\n").at(-1));
  return kb / 1024;
}

async function main(work: string): Promise<boolean> {
  let ok = true;
  buildBot(); // dist/, the CLI an operator runs
  // 1. 60 MB: 18,000 generated events (~3.3 KB each).
  const big = join(work, "big.xml");
  writeFileSync(big, generateSchedule(18_000, 2031, 5));
  log(`1. peak RSS importing ${(statSync(big).size / 1e6).toFixed(0)} MB (--dry-run, whole CLI)`);
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) rss.push(peakRss(big, join(work, "big-out")));
  ok = verdict("peak RSS", rss, "MB", 600) && ok;
  figures.push({ name: "60 MB export, peak RSS", value: median(rss)!, unit: "MB", target: 600 });
  rmSync(big);

  // 2. One 200,000-character abstract (no sentence end), mapped to its record.
  const catalog = loadCatalog();
  const rules = loadTopicRules(join(ROOT, "data"), catalog.topics);
  const schedule: Schedule = {
    format: "frab-xml",
    title: "Bench 2031",
    start: "2031-01-01",
    end: null,
    timeZone: "UTC",
    url: null,
    baseUrl: null,
    location: null,
    talks: [
      {
        key: "k",
        slug: "long",
        where: "bench",
        title: "A very long abstract",
        persons: ["Ada Example"],
        track: null,
        date: "2031-01-01",
        html: `<p>${"virtualization with kvm and qemu ".repeat(6_061).slice(0, 200_000)}</p>`,
        url: null,
        links: [],
      },
    ],
  };
  const options = {
    origin: "bench",
    importedAt: "2031-01-01T00:00:00Z",
    added: "2031-01-02",
    rules,
    breakWords: loadBreakWords(join(ROOT, "data")),
  };
  const long: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    mapSchedule(schedule, options);
    long.push(performance.now() - t);
  }
  log("2. one talk with a 200,000-character abstract");
  ok = verdict("map", long, "ms", 50) && ok;
  figures.push({
    name: "200,000-character abstract",
    value: median(long)!,
    unit: "ms",
    target: 50,
  });

  // 3. 900 events into a folder of 10,000 talks.
  const folder = join(work, "catalog-10k");
  const now = new Date();
  const request = (sources: string[]) => ({
    sources,
    outDir: folder,
    dryRun: false,
    catalogDirs: [folder],
    now,
    timeZone: "UTC",
  });
  for (let i = 0; i < 10; i++) {
    const file = join(work, `ten-${i}.xml`);
    writeFileSync(file, generateSchedule(1000, 2015 + i, 100 + i));
    await runImport(request([file]));
    rmSync(file);
  }
  const nine = join(work, "nine.xml");
  writeFileSync(nine, generateSchedule(900, 2030, 7));
  log(
    `3. a 900-event export into a folder of ${loadCatalog(undefined, [folder]).talks.length} talks (whole CLI command, a fresh event each run)`,
  );
  const into: Run[] = [];
  const intoTsx: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const args = ["import", nine, "--out", folder, "--year", String(2040 + i)];
    const written = join(folder, `bench-virt-conference-2030-${2040 + i}.json`);
    into.push(cli(args, { CATALOG_DIRS: folder }));
    rmSync(written);
    intoTsx.push(cli(args, { CATALOG_DIRS: folder }, TSX_CLI));
    rmSync(written);
  }
  ok = runsVerdict("900 events into 10,000 talks (node dist/cli/main.js)", into, 2_000) && ok;
  log(`   (the same through tsx: median ${median(intoTsx.map((r) => r.wallMs))!.toFixed(0)} ms)`);

  // 4. list --json at 12,000 talks: two more events of 1,000.
  for (let i = 0; i < 2; i++) {
    const file = join(work, `more-${i}.xml`);
    writeFileSync(file, generateSchedule(1000, 2050 + i, 200 + i));
    await runImport(request([file]));
  }
  const talks = loadCatalog(undefined, [folder]).talks.length;
  log(`4. list --json over ${talks} talks (whole CLI command)`);
  const list: Run[] = [];
  const listTsx: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    list.push(cli(["list", "--json"], { CATALOG_DIRS: folder }));
    listTsx.push(cli(["list", "--json"], { CATALOG_DIRS: folder }, TSX_CLI));
  }
  ok = runsVerdict(`list --json at ${talks} talks (node dist/cli/main.js)`, list, 1_000) && ok;
  log(`   (the same through tsx: median ${median(listTsx.map((r) => r.wallMs))!.toFixed(0)} ms)`);
  const bare: Run[] = [];
  const bareTsx: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(cli(["--help"]));
    bareTsx.push(cli(["--help"], {}, TSX_CLI));
  }
  log(
    `   (\`--help\` alone: dist ${median(bare.map((r) => r.wallMs))!.toFixed(0)} ms, tsx ${median(bareTsx.map((r) => r.wallMs))!.toFixed(0)} ms)`,
  );
  summary();
  return ok;
}

/** The four figures side by side, with their targets and the machine's load. */
function summary(): void {
  log();
  log(`Issue 18 targets, medians of ${RUNS} (${machine()}):`);
  for (const f of figures) {
    const cpu = f.cpuMs == null ? "" : `, CPU ${f.cpuMs.toFixed(0)} ms`;
    log(
      `   ${f.name}: ${f.value.toFixed(0)} ${f.unit}${cpu} (target <= ${f.target} ${f.unit}: ${f.value <= f.target ? "met" : "NOT met"})`,
    );
  }
}

/** The machine a figure was measured on: figures swing with the load. */
export function machine(): string {
  const load = loadavg().map((l) => l.toFixed(2));
  return `node ${process.version}; ${availableParallelism()} CPUs; load average ${load.join(" ")}`;
}

/** Runs the four targets in a temp directory; true when every one is met. */
export async function runTargets(): Promise<boolean> {
  const work = mkdtempSync(join(tmpdir(), "virt-talks-bench-import-targets-"));
  log(machine());
  try {
    return await main(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("import/targets.ts")) process.exitCode = (await runTargets()) ? 0 : 1;
