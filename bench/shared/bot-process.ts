// A bot as a child process for bench:bot (bench/bot/main.ts): ours (the dist/ bundle `npm start` runs) or the
// bare one (bench/bot/bare/), both with npm start's node flags and an environment built from
// scratch; /healthz readiness polling, RSS and CPU from /proc, and a SIGTERM stop that waits
// for the exit.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { get } from "node:http";
import { createServer } from "node:net";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { BOT_NODE_ARGS } from "./bot-command.ts";

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface BotChild {
  readonly child: ChildProcess;
  readonly pid: number;
  /** performance.now() just before spawn(). */
  readonly spawnedAt: number;
  readonly exited: Promise<Exit>;
  /** The last few KB of stdout and stderr, for diagnostics. */
  tail(): string;
  /** Log lines at warn level or above, counted by message. */
  warnings(): ReadonlyMap<string, number>;
}

const TAIL_CHARS = 16_000;

/** A port nothing listens on right now (the bot binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface SpawnOptions {
  /** The repository root: the working directory (the bundle must have been built). */
  readonly root: string;
  readonly env: Readonly<Record<string, string>>;
  /** Extra node flags placed before npm start's own (e.g. --cpu-prof). */
  readonly nodeArgs?: readonly string[];
  /** Another entry point instead of npm start's dist/main.js (same flags). */
  readonly entry?: string;
}

/** npm start's node arguments, its entry point swapped for `entry` when given. */
export function startArgs(entry?: string): string[] {
  return BOT_NODE_ARGS.map((a) => (entry !== undefined && a.endsWith(".js") ? entry : a));
}

export function spawnBot(options: SpawnOptions): BotChild {
  const spawnedAt = performance.now();
  const args = [...(options.nodeArgs ?? []), ...startArgs(options.entry)];
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    env: { ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error("could not spawn the bot process");
  let out = "";
  let err = "";
  let partial = "";
  const warnings = new Map<string, number>();
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    out = (out + chunk).slice(-TAIL_CHARS);
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) noteLogLine(line, warnings);
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    err = (err + chunk).slice(-TAIL_CHARS);
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    pid: child.pid,
    spawnedAt,
    exited,
    tail: () => `--- stdout (tail) ---\n${out}\n--- stderr (tail) ---\n${err}`,
    warnings: () => warnings,
  };
}

function noteLogLine(line: string, warnings: Map<string, number>): void {
  if (!line.startsWith("{")) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return;
  }
  if (typeof parsed !== "object" || parsed === null) return;
  const { level, msg } = parsed as { level?: unknown; msg?: unknown };
  if (typeof level !== "number" || level < 40) return;
  const key = `${level >= 50 ? "error" : "warn"}: ${typeof msg === "string" ? msg : "?"}`;
  warnings.set(key, (warnings.get(key) ?? 0) + 1);
}

interface Health {
  readonly status: number;
  readonly body: unknown;
}

function getHealth(port: number): Promise<Health | null> {
  return new Promise((resolve) => {
    const req = get(
      { host: "127.0.0.1", port, path: "/healthz", agent: false, timeout: 1_000 },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          text += c;
        });
        res.on("end", () => {
          let body: unknown = null;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: not ready
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on("error", () => resolve(null));
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
  });
}

function adapterState(body: unknown, platform: "slack" | "matrix"): string | null {
  if (typeof body !== "object" || body === null) return null;
  const adapters = (body as { adapters?: unknown }).adapters;
  if (typeof adapters !== "object" || adapters === null) return null;
  const entry = (adapters as Record<string, unknown>)[platform];
  if (typeof entry !== "object" || entry === null) return null;
  const state = (entry as { state?: unknown }).state;
  return typeof state === "string" ? state : null;
}

/**
 * Polls /healthz every `everyMs` until it answers 200 with both adapters "up"; resolves
 * with milliseconds since spawn. Rejects if the bot exits or `timeoutMs` passes.
 */
export async function waitReady(
  bot: BotChild,
  port: number,
  options: { everyMs: number; timeoutMs: number },
): Promise<number> {
  let exited = false;
  void bot.exited.then(() => {
    exited = true;
  });
  let last = "no answer yet";
  while (performance.now() - bot.spawnedAt < options.timeoutMs) {
    const tick = performance.now();
    const health = await getHealth(port);
    if (health) {
      const slack = adapterState(health.body, "slack");
      const matrix = adapterState(health.body, "matrix");
      if (health.status === 200 && slack === "up" && matrix === "up")
        return performance.now() - bot.spawnedAt;
      last = `HTTP ${health.status}, slack ${slack}, matrix ${matrix}`;
    }
    if (exited) throw new Error(`the bot exited before it was ready\n${bot.tail()}`);
    await sleep(Math.max(0, options.everyMs - (performance.now() - tick)));
  }
  throw new Error(`the bot was not ready within ${options.timeoutMs} ms (${last})\n${bot.tail()}`);
}

interface ProcStatus {
  /** Resident set size now, in KiB. */
  readonly rssKb: number;
  /** Peak resident set size so far (VmHWM), in KiB. */
  readonly hwmKb: number;
}

/** VmRSS and VmHWM of a process (Linux only; null elsewhere or once it has exited). */
export async function readProcStatus(pid: number): Promise<ProcStatus | null> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(text);
    return m ? Number(m[1]) : null;
  };
  const rssKb = field("VmRSS");
  const hwmKb = field("VmHWM");
  return rssKb === null || hwmKb === null ? null : { rssKb, hwmKb };
}

interface SchedStat {
  /** Time the process's main thread spent on a CPU, in ms. */
  readonly runMs: number;
  /** Time it was runnable but waiting for a CPU (run-queue delay), in ms. */
  readonly waitMs: number;
}

/**
 * /proc/<pid>/schedstat: the main thread's on-CPU and run-queue wait time (Linux only;
 * null elsewhere). The wait is what other processes on the machine cost the bot.
 */
export async function readSchedStat(pid: number | "self"): Promise<SchedStat | null> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/schedstat`, "utf8");
  } catch {
    return null;
  }
  const [run, wait] = text.trim().split(/\s+/).map(Number);
  if (run === undefined || wait === undefined || !Number.isFinite(run) || !Number.isFinite(wait))
    return null;
  return { runMs: run / 1e6, waitMs: wait / 1e6 };
}

let clockTicks: number | null = null;

/** The kernel's clock ticks per second (USER_HZ) that /proc/<pid>/stat counts in. */
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    } catch {
      clockTicks = 100;
    }
    if (!Number.isFinite(clockTicks) || clockTicks <= 0) clockTicks = 100;
  }
  return clockTicks;
}

/** utime and stime of one /proc stat file, in ms; null if unreadable. */
async function readStatTimes(path: string): Promise<{ user: number; sys: number } | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return null;
  }
  // Field 2 (comm) is in parentheses and may hold spaces: count fields after its ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  const tick = 1000 / ticksPerSecond();
  return { user: utime * tick, sys: stime * tick };
}

interface CpuTimes {
  /** The whole process (every thread, exited ones included), user + kernel. */
  readonly totalMs: number;
  /** The main (JavaScript) thread, user and kernel time. */
  readonly mainUserMs: number;
  readonly mainSysMs: number;
  /** Every other thread (V8's GC and compiler helpers, libuv's pool for fs and dns). */
  readonly otherUserMs: number;
  readonly otherSysMs: number;
}

/**
 * CPU time a process has used so far, from utime + stime of /proc/<pid>/stat (all threads)
 * and /proc/<pid>/task/<pid>/stat (the main thread), in ms (Linux only; null elsewhere or
 * once it exited). Resolution is one clock tick (10 ms at USER_HZ 100): levels must be long.
 */
export async function readCpuTimes(pid: number): Promise<CpuTimes | null> {
  const [all, main] = await Promise.all([
    readStatTimes(`/proc/${pid}/stat`),
    readStatTimes(`/proc/${pid}/task/${pid}/stat`),
  ]);
  if (!all || !main) return null;
  return {
    totalMs: all.user + all.sys,
    mainUserMs: main.user,
    mainSysMs: main.sys,
    otherUserMs: Math.max(0, all.user - main.user),
    otherSysMs: Math.max(0, all.sys - main.sys),
  };
}

/** All threads' CPU time so far, in ms (see readCpuTimes). */
export async function readCpuMs(pid: number): Promise<number | null> {
  return (await readCpuTimes(pid))?.totalMs ?? null;
}

interface RssSampler {
  /** Samples taken from now on are attributed to `phase`. */
  mark(phase: string): void;
  /** The latest VmRSS sample, in KiB. */
  latestKb(): number | null;
  /** Highest VmRSS sampled during any of `phases`, in KiB. */
  maxKb(phases?: readonly string[]): number | null;
  stop(): void;
}

/** Reads /proc/<pid>/status every `everyMs` ms (reads never overlap). */
export function startRssSampler(pid: number, everyMs: number): RssSampler {
  let phase = "start";
  let latest: number | null = null;
  const maxByPhase = new Map<string, number>();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void readProcStatus(pid).then((s) => {
      busy = false;
      if (!s) return;
      latest = s.rssKb;
      maxByPhase.set(phase, Math.max(maxByPhase.get(phase) ?? 0, s.rssKb));
    });
  }, everyMs);
  return {
    mark(next) {
      phase = next;
    },
    latestKb: () => latest,
    maxKb(phases) {
      const values = [...maxByPhase]
        .filter(([p]) => phases === undefined || phases.includes(p))
        .map(([, v]) => v);
      return values.length ? Math.max(...values) : null;
    },
    stop: () => clearInterval(timer),
  };
}

interface Stopped extends Exit {
  readonly ms: number;
  /** SIGKILL was needed: the bot did not exit within the time given. */
  readonly killed: boolean;
}

/** SIGTERM, then waits for the exit; SIGKILL after `timeoutMs`. */
export async function stopBot(bot: BotChild, timeoutMs: number): Promise<Stopped> {
  const start = performance.now();
  bot.child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const exit = await Promise.race([bot.exited, timedOut]);
  clearTimeout(timer);
  if (exit) return { ...exit, ms: performance.now() - start, killed: false };
  bot.child.kill("SIGKILL");
  const killed = await bot.exited;
  return { ...killed, ms: performance.now() - start, killed: true };
}
