// The sync position: committed tokens are written within the interval, at once on flush
// (shutdown), and read back by the next start.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  COMMIT_INTERVAL_MS,
  SYNC_NAMESPACE,
  SyncState,
} from "../../../src/adapters/matrix/sync-state.ts";
import { createLogger } from "../../../src/log.ts";
import { createFileStore, namespaceFile } from "../../../src/persist/file-store.ts";

const logger = createLogger({ level: "silent", pretty: false });
const reopen = (dir: string) => SyncState.open(createFileStore({ dir, logger }), logger);

afterEach(() => {
  vi.useRealTimers();
});

describe("matrix sync state", () => {
  it("writes the last committed token once per interval, not once per batch", async () => {
    // Only the commit timer is fake; the file store's I/O runs for real.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const dir = mkdtempSync(join(tmpdir(), "virt-talks-sync-"));
    const state = await reopen(dir);
    for (const t of ["s1", "s2", "s3"]) state.commit(t);
    expect(state.getSyncToken()).toBe("s3");
    expect((await reopen(dir)).getSyncToken()).toBeNull(); // nothing written yet
    await vi.advanceTimersByTimeAsync(COMMIT_INTERVAL_MS - 1);
    expect((await reopen(dir)).getSyncToken()).toBeNull(); // still within the interval
    await vi.advanceTimersByTimeAsync(1);
    // The interval is over and the write has started. Wait for its rename to land (opening
    // a second store meanwhile would clear the first one's temporary file).
    await vi.waitFor(() => expect(existsSync(namespaceFile(dir, SYNC_NAMESPACE))).toBe(true));
    expect((await reopen(dir)).getSyncToken()).toBe("s3");
  });

  it("flush writes a committed token at once (shutdown)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "virt-talks-sync-"));
    const state = await reopen(dir);
    state.commit("s9");
    await state.flush();
    expect((await reopen(dir)).getSyncToken()).toBe("s9");
  });
});
