// `import` through the real CLI entry (run()) on a re-import whose schedule now says a
// talk is cancelled: the card is removed and the counts say so.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli-harness.ts";
import { fixture, readCatalogFile, tempDir } from "../support/import-helpers.ts";

const KVM = fixture("kvm-forum-2026.json");

describe("cli import: a talk the schedule now says is cancelled", () => {
  it("is removed and said so; a talk the export no longer lists is kept", async () => {
    const dir = tempDir();
    await runCli(["import", KVM, "--out", dir]);
    const doc = JSON.parse(readFileSync(KVM, "utf8"));
    const days = doc.schedule.conference.days;
    days[0].rooms["Main Hall"][1].title = "CANCELLED: Post-copy migration for VFIO devices";
    days[1].rooms = {};
    const v2 = join(tempDir(), "kvm-forum-2026.json");
    writeFileSync(v2, JSON.stringify(doc));
    const r = await runCli(["import", v2, "--out", dir]);
    expect([r.code, r.stdout]).toEqual([
      0,
      `kvm-forum-2026 → ${join(dir, "kvm-forum-2026.json")} (written)\n` +
        "  added 0, updated 0, unchanged 1, skipped 0\n" +
        "  removed 1 talks the source now says are cancelled: kvm-forum-2026-4102-post-copy-migration-for-vfio-devices\n" +
        "  kept 1 talks the source no longer lists: kvm-forum-2026-4103-testing-nested-virtualization-in-ci\n",
    ]);
    expect(readCatalogFile(join(dir, "kvm-forum-2026.json")).talks.map((t) => t.id)).toEqual([
      "kvm-forum-2026-4101-guest-memfd-and-huge-pages",
      "kvm-forum-2026-4103-testing-nested-virtualization-in-ci",
    ]);
  });
});
