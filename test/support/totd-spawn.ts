// Runs the bot in a child process exactly as `npm start` does (node + the dist/ bundle that
// test/global-setup.ts builds), with an environment built from scratch so the developer's
// shell and .env cannot leak in.
import { type ChildProcess, spawn } from "node:child_process";
import { botNodeArgs, ROOT } from "../../bench/shared/bot-command.ts";
import { logSink } from "./log-sink.ts";

export { ROOT };

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
  /** stdout parsed as JSON log lines (non-JSON lines skipped). */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the first log line matching; rejects on timeout or exit. */
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
}

interface SpawnOptions {
  readonly cwd?: string;
  /** "ignore" gives the child /dev/null as stdin (a service); "pipe" lets the test type. */
  readonly stdin?: "ignore" | "pipe";
}

export function spawnBot(env: Record<string, string>, options: SpawnOptions = {}): BotProcess {
  const child = spawn(process.execPath, botNodeArgs(), {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  // A copy of everything goes to the run's log sink (checked for secrets at the end).
  const outSink = logSink(`bot ${child.pid} stdout`);
  const errSink = logSink(`bot ${child.pid} stderr`);
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    out += d;
    outSink.write(d);
    for (const l of listeners) l();
  });
  child.stdout!.on("end", () => outSink.flush());
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    err += d;
    errSink.write(d);
  });
  child.stderr!.on("end", () => errSink.flush());
  const exited = new Promise<Exit>((done) => {
    child.on("exit", (code, signal) => {
      for (const l of listeners) l();
      done({ code, signal });
    });
  });
  const logs = () =>
    out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    logs,
    waitForLog(match, timeoutMs = 15_000) {
      return new Promise((resolveLine, reject) => {
        const check = () => {
          const found = logs().find(match);
          if (found) {
            finish();
            resolveLine(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            finish();
            reject(new Error(`bot exited before the log line; stderr:\n${err}\nstdout:\n${out}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(
            new Error(`no such log line within ${timeoutMs} ms; stderr:\n${err}\nstdout:\n${out}`),
          );
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Kills a child the test started, if it is still running (test clean-up). */
export function killBot(bot: BotProcess): void {
  if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
}
