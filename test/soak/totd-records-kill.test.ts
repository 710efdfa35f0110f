// The daily post's records when their writer is killed with SIGKILL mid-write: the file is
// never torn, readers never see a torn one, and the next start reads the last version. It
// spawns writer processes (test/support/totd-writer.ts), so it runs with npm run test:soak.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFileStore, namespaceFile } from "../../src/persist/file-store.ts";
import { openRecordBook } from "../../src/totd/records.ts";
import { captureLogger, removeTempDirs, tempDir } from "../support/totd-helpers.ts";

afterEach(removeTempDirs);

const WRITER = join(import.meta.dirname, "..", "support", "totd-writer.ts");
const tmpFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

const book = (dir: string) => {
  const { logger, lines } = captureLogger();
  return { lines, open: () => openRecordBook(createFileStore({ dir, logger })) };
};

describe("daily-post records", () => {
  it("a writer killed with SIGKILL mid-write never leaves a torn file; readers never see one", async () => {
    const dir = tempDir();
    const file = namespaceFile(dir, "totd");
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ["--import", "tsx", WRITER, file], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      // Read while it writes: every read is some complete version.
      const until = Date.now() + 150 + round * 100;
      let reads = 0;
      while (Date.now() < until) {
        if (!existsSync(file)) continue;
        JSON.parse(readFileSync(file, "utf8"));
        reads++;
        await new Promise((r) => setImmediate(r));
      }
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      expect(reads).toBeGreaterThan(0);
    }
    // The next start clears what the killed writer left behind and reads the last version.
    const b = book(dir);
    const records = await b.open();
    expect(records.recovered).toBe(false);
    expect(records.get("slack:C1").intent?.inFlight).toBe(true);
    expect(tmpFiles(dir)).toEqual([]);
    expect(b.lines).toEqual([]);
  });
});
