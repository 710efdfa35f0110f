// In-process helpers for the CLI and console tests: real catalog, real core, captured streams.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { run } from "../../src/cli/run.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import type { AdapterDeps, AnsweredRequest } from "../../src/core/adapter.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary, type Library } from "../../src/core/library.ts";
import { createTurn } from "../../src/core/turn.ts";
import { createLogger } from "../../src/log.ts";
import { createFileStore } from "../../src/persist/file-store.ts";

export const catalog = loadCatalog();

/** A stream that records everything written to it. */
export function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = "";
  stream.setEncoding("utf8").on("data", (d: string) => {
    text += d;
  });
  return { stream, text: () => text };
}

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process; `env` feeds loadConfig instead of the real environment. */
export async function runCli(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string>; config?: () => Config } = {},
): Promise<RunResult> {
  const stdout = capture();
  const stderr = capture();
  const code = await run(
    args,
    { stdin: Readable.from([options.input ?? ""]), stdout: stdout.stream, stderr: stderr.stream },
    { loadConfig: options.config ?? (() => loadConfig(options.env ?? {}, false)) },
  );
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

interface ConsoleDeps {
  readonly deps: AdapterDeps;
  readonly library: Library;
  readonly answered: AnsweredRequest[];
}

/** Real turn, library and file store, a silent logger, and a recording observer. */
export function consoleDeps(): ConsoleDeps {
  const answered: AnsweredRequest[] = [];
  const library = createLibrary({
    catalog,
    timeZone: "UTC",
    clock: () => new Date("2026-11-22T12:00:00Z"),
  });
  const logger = createLogger({ level: "silent", pretty: false });
  const stateDir = mkdtempSync(join(tmpdir(), "virt-talks-console-"));
  const deps: AdapterDeps = {
    turn: createTurn({ library }),
    logger,
    observer: { answered: (r) => answered.push(r) },
    state: createFileStore({ dir: stateDir, logger }),
  };
  return { deps, library, answered };
}
