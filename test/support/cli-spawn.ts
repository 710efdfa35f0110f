// Runs the real CLI in a child process, as a user or script would.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { logSink } from "./log-sink.ts";

export const ROOT = resolve(import.meta.dirname, "../..");

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Settings the developer's shell may carry that would change what the CLI does. */
const SCRUBBED = [
  "DATA_DIR",
  "TOTD_TIMEZONE",
  "TOTD_SLACK_CHANNELS",
  "TOTD_MATRIX_ROOMS",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "MATRIX_HOMESERVER_URL",
  "MATRIX_ACCESS_TOKEN",
];

export function spawnCli(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of SCRUBBED) delete env[key];
  Object.assign(env, options.env);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: ROOT,
      env,
      stdio: ["pipe", "pipe", "pipe"],
      timeout: 15_000,
    });
    let stdout = "";
    let stderr = "";
    // A copy of everything goes to the run's log sink (checked for secrets at the end).
    const outSink = logSink(`cli ${child.pid} stdout`);
    const errSink = logSink(`cli ${child.pid} stderr`);
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      outSink.write(d);
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      errSink.write(d);
    });
    child.on("error", fail);
    child.on("close", (code) => {
      outSink.flush();
      errSink.flush();
      done({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}
