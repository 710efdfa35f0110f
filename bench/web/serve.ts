// One server for bench/web/bench.ts, in a process of its own so the load generator does not
// share its event loop: `ours` (the public pages over the 10,000-talk catalog, no rate limit)
// or `bare` (node:http answering a fixed page of a talk page's size). Prints its port, for
// ours once its talk pages are prepared (the bench measures the steady state; preparing
// them after a reload is bench:web -- --memory's).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { benchCatalog, startOurs } from "./catalog.ts";

/** A fixed page about as long as a talk page (~4 kB). */
const FIXED = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title></head><body>${"<p>A talk page of about the usual size.</p>".repeat(90)}</body></html>`;

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind === "bare") {
    const server = createServer((_req, res) => {
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-length": Buffer.byteLength(FIXED),
      });
      res.end(FIXED);
    });
    server.listen(0, "127.0.0.1", () =>
      process.stdout.write(`${(server.address() as AddressInfo).port}\n`),
    );
    return;
  }
  const server = await startOurs(benchCatalog());
  await server.talkPagesPrepared();
  process.stdout.write(`${server.address.port}\n`);
}

// "cpu" on stdin: this process's CPU time so far (µs), so the bench can charge each request
// its CPU. SIGINT/SIGTERM exit normally, so `--cpu-prof` writes its profile.
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() === "cpu") process.stdout.write(`${JSON.stringify(process.cpuUsage())}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));

void main();
