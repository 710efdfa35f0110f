// Other CATALOG_DIRS files during an import: read for their keys only while they share
// nothing with the import (src/import/catalog-keys.ts); when they do, the decisions are
// the whole loaded catalog's, so a file the loader leaves out never counts.
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/core/catalog.ts";
import type { CatalogFile } from "../../src/core/talk.ts";
import {
  fixture,
  importInto,
  readCatalogFile,
  snapshot,
  tempDir,
} from "../support/import-helpers.ts";

const KVM = fixture("kvm-forum-2026.json");
const IDS = [
  "kvm-forum-2026-4101-guest-memfd-and-huge-pages",
  "kvm-forum-2026-4102-post-copy-migration-for-vfio-devices",
  "kvm-forum-2026-4103-testing-nested-virtualization-in-ci",
];

/** A folder holding KVM Forum 2026 as imported, changed by `edit` (another event, a defect). */
async function otherFolder(edit: (file: CatalogFile) => CatalogFile | string): Promise<string> {
  const dir = tempDir();
  const [report] = await importInto(dir, [KVM]);
  const edited = edit(readCatalogFile(report!.path));
  writeFileSync(
    report!.path,
    typeof edited === "string" ? edited : `${JSON.stringify(edited, null, 2)}\n`,
  );
  return dir;
}

const asOtherEvent = (file: CatalogFile): CatalogFile => ({
  event: { ...file.event, id: "other-2026", name: "Other 2026", shortName: "Other 2026" },
  talks: file.talks.map((t) => ({ ...t, id: t.id.replace("kvm-forum-2026", "other-2026") })),
});

describe("import next to other CATALOG_DIRS files", () => {
  it("a file that shares nothing (even a broken one) changes nothing", async () => {
    const other = await otherFolder(() => "{ not json");
    const out = tempDir();
    const [report] = await importInto(out, [KVM], { catalogDirs: [other, out] });
    expect(report!.added).toEqual(IDS);
    const loaded = loadCatalog(undefined, [other, out]);
    expect(loaded.problems.map((p) => p.file)).toEqual([`${other}/kvm-forum-2026.json`]);
    expect(IDS.every((id) => loaded.byId.has(id))).toBe(true);
  });

  it("the same talks in another event's file: skipped, naming that file's talks", async () => {
    const other = await otherFolder(asOtherEvent);
    const out = tempDir();
    await expect(importInto(out, [KVM], { catalogDirs: [other, out] })).rejects.toThrow(
      `${KVM}: nothing to import: every talk was skipped (${IDS.map(
        (id) =>
          `same title and speakers as talk ${id.replace("kvm-forum-2026", "other-2026")} already in the catalog`,
      ).join("; ")})`,
    );
    expect(snapshot(out)).toEqual({});
  });

  it("the same event in another folder: imported under its own id, its talks skipped", async () => {
    const other = await otherFolder((file) => file);
    const out = tempDir();
    await expect(importInto(out, [KVM], { catalogDirs: [other, out] })).rejects.toThrow(
      `${KVM}: nothing to import: every talk was skipped (${IDS.map(
        (id) => `same title and speakers as talk ${id} already in the catalog`,
      ).join("; ")})`,
    );
    expect(snapshot(out)).toEqual({});
  });

  it("a file the loader leaves out does not take the import's event or talks", async () => {
    const other = await otherFolder((file) => ({
      ...file,
      talks: file.talks.map((t) => ({ ...t, topics: ["no-such-topic"] })),
    }));
    const out = tempDir();
    const [report] = await importInto(out, [KVM], { catalogDirs: [other, out] });
    expect([report!.eventId, report!.added]).toEqual(["kvm-forum-2026", IDS]);
    const loaded = loadCatalog(undefined, [other, out]);
    expect(loaded.problems.map((p) => p.message)).toEqual([
      `catalog error in ${other}/kvm-forum-2026.json, record talks[0] (${IDS[0]}), field topics.0: unknown topic "no-such-topic" (see data/topics.json)`,
    ]);
  });

  it("an id another file has under another title is skipped, naming its owner", async () => {
    const other = await otherFolder((file) => ({
      ...asOtherEvent(file),
      talks: [{ ...file.talks[0]!, title: "Something else entirely" }],
    }));
    const out = tempDir();
    const [report] = await importInto(out, [KVM], { catalogDirs: [other, out] });
    expect(report!.added).toEqual(IDS.slice(1));
    expect(report!.skipped.map((s) => s.reason)).toEqual([
      `id ${IDS[0]} is already used by talk ${IDS[0]} of Other 2026`,
    ]);
  });
});
