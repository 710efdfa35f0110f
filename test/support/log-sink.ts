// One job: a copy of every log line the tests capture (in-process pino lines via
// test/support/log-tap.ts; spawned bots' and CLIs' stdout and stderr) is appended to this
// worker's file in the directory test/global-setup.ts made for the run. Its teardown greps
// those files for every test secret (test/support/secrets.ts).
//
// Lines are written whole, each as "<label>\t<line>", so a secret split across two chunks of
// a pipe is still found, and the label says which stream it came from. Writes are synchronous
// appends: nothing is lost when a worker exits, and log volume in tests is small.
import { appendFileSync } from "node:fs";
import { basename, join } from "node:path";
import { expect, inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where this run's log sink files go; made, grepped and removed by test/global-setup.ts. */
    logSinkDir: string;
  }
}

/** undefined: not looked up yet; null: no sink (not under the suite's globalSetup). */
let dir: string | null | undefined;

function sinkFile(): string | null {
  if (dir === undefined) {
    try {
      dir = inject("logSinkDir") ?? null;
    } catch {
      dir = null;
    }
  }
  if (!dir) return null;
  // Named after the test file running now: one worker runs many files (isolate: false).
  const testFile = basename(expect.getState().testPath ?? "no-test-file");
  return join(dir, `${testFile}.${process.pid}.log`);
}

interface LogSink {
  /** Any piece of a stream: complete lines are written at once, the rest when completed. */
  write(chunk: string): void;
  /** Writes an unterminated last line, if any (end of stream; also done at exit). */
  flush(): void;
}

const pending = new Set<LogSink>();
process.on("exit", () => {
  for (const sink of pending) sink.flush();
});

/** A sink for one stream; `label` (no tabs or newlines) prefixes each of its lines. */
export function logSink(label: string): LogSink {
  let rest = "";
  const append = (lines: string[]) => {
    const target = sinkFile();
    if (target) appendFileSync(target, lines.map((l) => `${label}\t${l}\n`).join(""));
  };
  const sink: LogSink = {
    write(chunk) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop()!;
      if (rest) pending.add(sink);
      else pending.delete(sink);
      if (lines.length) append(lines);
    },
    flush() {
      pending.delete(sink);
      if (!rest) return;
      const last = rest;
      rest = "";
      append([last]);
    },
  };
  return sink;
}
