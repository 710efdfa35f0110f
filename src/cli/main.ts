// CLI entry point: `npm run --silent cli -- --help`.
import { run } from "./run.ts";

// `cli list | head` closes the pipe early; that is the reader's choice, not our failure.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
