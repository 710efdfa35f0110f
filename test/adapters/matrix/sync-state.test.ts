// The sync position: committed tokens are written within the interval, at once on flush
// (shutdown), and read back by the next start.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMIT_INTERVAL_MS, SyncState } from "../../../src/adapters/matrix/sync-state.ts";
import { createLogger } from "../../../src/log.ts";
import { createFileStore } from "../../../src/persist/file-store.ts";

const logger = createLogger({ level: "silent", pretty: false });
const reopen = (dir: string) => SyncState.open(createFileStore({ dir, logger }), logger);

describe("matrix sync state", () => {
  it("writes the last committed token once per interval, not once per batch", async () => {
    const dir = mkdtempSync(join(tmpdir(), "virt-talks-sync-"));
    const state = await reopen(dir);
    for (const t of ["s1", "s2", "s3"]) state.commit(t);
    expect(state.getSyncToken()).toBe("s3");
    expect((await reopen(dir)).getSyncToken()).toBeNull(); // nothing written yet
    await new Promise((r) => setTimeout(r, COMMIT_INTERVAL_MS + 500));
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
