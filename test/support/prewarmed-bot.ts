// Bot child processes started ahead of time (test/fixtures/totd-kill-bot.ts, bundled): node
// loads the modules while the test is still busy with the previous process, and the bot
// starts when go() hands it its clock. botPool keeps a few loading. The test kills them
// with SIGKILL, never asks them to stop.
import { type ChildProcess, spawn } from "node:child_process";
import { logSink } from "./log-sink.ts";
import type { Exit } from "./totd-spawn.ts";

export type { Exit };

export interface BotChild {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  /** Starts the bot with its daily-post clock: `fakeAt` is the fake time at real `realAt`. */
  go(fakeAt: number, realAt: number): void;
  /** SIGKILL, if it still runs. */
  kill(): void;
  /** Whether kill() was called (an exit without it is a crash). */
  readonly killed: boolean;
  /** Resolves once a log line with this msg is out; rejects if the process exits first. */
  logged(msg: string, timeoutMs?: number): Promise<void>;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
}

function prewarmBot(file: string, env: Record<string, string>): BotChild {
  const child = spawn(process.execPath, [file], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let killed = false;
  const listeners = new Set<() => void>();
  // A copy of everything goes to the run's log sink (checked for secrets at the end).
  for (const [name, stream] of [
    ["stdout", child.stdout!],
    ["stderr", child.stderr!],
  ] as const) {
    const sink = logSink(`bot ${child.pid} ${name}`);
    stream.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      sink.write(d);
      for (const l of listeners) l();
    });
    stream.on("end", () => sink.flush());
  }
  // A write to a process that is already dead is not the test's failure: exited says it.
  child.stdin!.on("error", () => undefined);
  const exited = new Promise<Exit>((resolve) => {
    child.on("exit", (code, signal) => {
      resolve({ code, signal });
      for (const l of listeners) l();
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null;

  return {
    child,
    exited,
    go(fakeAt, realAt) {
      child.stdin!.end(`${fakeAt} ${realAt}\n`);
    },
    kill() {
      killed = true;
      if (running()) child.kill("SIGKILL");
    },
    get killed() {
      return killed;
    },
    logged(msg, timeoutMs = 15_000) {
      const needle = `"msg":${JSON.stringify(msg)}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no "${msg}" log line within ${timeoutMs} ms:\n${out}`));
        }, timeoutMs);
        function check() {
          const done = out.includes(needle) || !running();
          if (!done) return;
          clearTimeout(timer);
          listeners.delete(check);
          if (out.includes(needle)) resolve();
          else reject(new Error(`the bot exited before "${msg}":\n${out}`));
        }
        listeners.add(check);
        check();
      });
    },
    output: () => out,
  };
}

export interface BotPool {
  /** The next process, started now with this clock; another one starts loading. */
  next(fakeAt: number, realAt: number): BotChild;
  /** Kills every process the pool started, spares included, and waits for them. */
  killAll(): Promise<void>;
  /** Every process the pool started, in order. */
  readonly started: readonly BotChild[];
}

/**
 * Keeps `spares` processes loading ahead of time. Loading the modules is most of a start
 * (~0.5 s of CPU); done while the previous process runs, it roughly halves a cycle.
 */
export function botPool(file: string, env: Record<string, string>, spares = 2): BotPool {
  const started: BotChild[] = [];
  const waiting: BotChild[] = [];
  const spawnOne = () => {
    const bot = prewarmBot(file, env);
    started.push(bot);
    waiting.push(bot);
  };
  return {
    started,
    next(fakeAt, realAt) {
      while (waiting.length < spares + 1) spawnOne();
      const bot = waiting.shift()!;
      bot.go(fakeAt, realAt);
      return bot;
    },
    async killAll() {
      for (const bot of started) bot.kill();
      await Promise.all(started.map((bot) => bot.exited));
    },
  };
}
