// The state file: atomic replacement (temp file, fsync, rename), survival of a writer
// killed mid-write, clean-up of its temp files, and a write that fails.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeFileAtomicSync } from "../../src/persist/atomic-write.ts";
import { EMPTY_DESTINATION, openTotdStore, STATE_FILE_NAME } from "../../src/totd/state.ts";
import { captureLogger, removeTempDirs, tempDir } from "../support/totd-helpers.ts";

afterEach(removeTempDirs);

const WRITER = join(import.meta.dirname, "..", "support", "totd-writer.ts");
const tmpFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

const posted = {
  lastPosted: "2026-05-04",
  settled: "2026-05-04",
  intent: null,
  lastError: null,
};

describe("state file", () => {
  it("round-trips through the disk and leaves no temp files", () => {
    const dir = join(tempDir(), "nested", "state"); // created on open
    const { logger } = captureLogger();
    const store = openTotdStore(dir, logger);
    expect(store.get("slack:C1")).toEqual(EMPTY_DESTINATION);
    store.set("slack:C1", posted);
    store.set("matrix:!r:x", { ...posted, lastError: "M_FORBIDDEN" });
    expect(tmpFiles(dir)).toEqual([]);

    const reopened = openTotdStore(dir, logger);
    expect(reopened.recovered).toBe(false);
    expect(reopened.snapshot()).toEqual({
      "slack:C1": posted,
      "matrix:!r:x": { ...posted, lastError: "M_FORBIDDEN" },
    });
    expect(JSON.parse(readFileSync(join(dir, STATE_FILE_NAME), "utf8"))).toMatchObject({
      version: 1,
    });
  });

  it("a writer killed with SIGKILL mid-write never leaves a torn file; readers never see one", async () => {
    const dir = tempDir();
    const file = join(dir, STATE_FILE_NAME);
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
      const state = JSON.parse(readFileSync(file, "utf8"));
      expect(state.destinations["slack:C1"].intent.attempts).toBeGreaterThan(0);
    }
    // The next start clears what the killed writer left behind and reads the last version.
    const { logger, lines } = captureLogger();
    const store = openTotdStore(dir, logger);
    expect(store.recovered).toBe(false);
    expect(store.get("slack:C1").intent?.inFlight).toBe(true);
    expect(tmpFiles(dir)).toEqual([]);
    expect(lines).toEqual([]);
  });

  it("a failed write throws, removes its temp file and keeps the old state", () => {
    const dir = tempDir();
    const { logger } = captureLogger();
    const store = openTotdStore(dir, logger);
    store.set("slack:C1", posted);
    // Make the rename fail: the target is now a non-empty directory.
    const file = join(dir, STATE_FILE_NAME);
    rmSync(file);
    mkdirSync(join(file, "x"), { recursive: true });
    expect(() => store.set("slack:C1", { ...posted, lastPosted: "2026-05-05" })).toThrow();
    expect(store.get("slack:C1")).toEqual(posted); // memory follows the disk
    expect(tmpFiles(dir)).toEqual([]);
  });

  it("writeFileAtomicSync replaces content whole", () => {
    const file = join(tempDir(), "f.json");
    writeFileAtomicSync(file, "one");
    writeFileAtomicSync(file, "two");
    expect(readFileSync(file, "utf8")).toBe("two");
  });

  it("a state file of the wrong shape is moved aside and reported, naming the field", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, STATE_FILE_NAME),
      JSON.stringify({ version: 1, destinations: { "slack:C1": { ...posted, lastPosted: 7 } } }),
    );
    const { logger, lines } = captureLogger();
    const store = openTotdStore(dir, logger);
    expect(store.recovered).toBe(true);
    expect(store.snapshot()).toEqual({});
    expect(lines).toHaveLength(1);
    expect(lines[0]!.problem).toMatch(/^destinations\.slack:C1\.lastPosted: /);
    expect(readdirSync(dir).some((f) => f.startsWith(`${STATE_FILE_NAME}.corrupt-`))).toBe(true);
  });
});
