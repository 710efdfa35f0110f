// A child process that rewrites a daily-post state file as fast as it can, for the test
// that kills it with SIGKILL mid-write and checks the file is never torn
// (test/soak/totd-records-kill.test.ts).
import { writeFileAtomic } from "../../src/persist/atomic-write.ts";

const file = process.argv[2];
if (!file) throw new Error("usage: totd-writer.ts <file>");
process.stdout.write("ready\n");
for (let i = 1; ; i++) {
  // The file store's format (src/persist/file-store.ts) with one daily-post record.
  const state = {
    version: 1,
    entries: {
      "slack:C1": {
        value: {
          lastPosted: "2026-05-03",
          settled: "2026-05-03",
          intent: {
            date: "2026-05-04",
            key: "totd:2026-05-04:slack:C1",
            attempts: i,
            inFlight: true,
            at: "x".repeat(i % 50_000), // sizes vary so a torn write would show
          },
          lastError: null,
          paused: null,
        },
      },
    },
  };
  await writeFileAtomic(file, JSON.stringify(state));
}
