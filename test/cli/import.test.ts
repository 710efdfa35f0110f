// `import` through the real CLI entry (run()): idempotence, update in place, dry run,
// --json, usage errors (exit 2) and stdin.
import { copyFileSync, existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalog, runCli } from "../support/cli-harness.ts";
import { fixture, readCatalogFile, snapshot, tempDir } from "../support/import-helpers.ts";

const KVM = fixture("kvm-forum-2026.json");
const KVM_V2 = fixture("kvm-forum-2026-v2.json");

describe("cli import", () => {
  it("writes to the first CATALOG_DIRS directory and prints the counts", async () => {
    const dir = tempDir();
    const r = await runCli(["import", KVM], { env: { CATALOG_DIRS: dir } });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toBe(
      `kvm-forum-2026 → ${join(dir, "kvm-forum-2026.json")} (written)\n` +
        "  added 3, updated 0, unchanged 0, skipped 0\n",
    );
  });

  it("re-importing the same export changes nothing, not even the file's mtime", async () => {
    const dir = tempDir();
    await runCli(["import", KVM, "--out", dir]);
    const before = snapshot(dir);
    const r = await runCli(["import", KVM, "--out", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("(unchanged, not rewritten)\n  added 0, updated 0, unchanged 3");
    expect(snapshot(dir)).toEqual(before);
  });

  it("a newer export updates in place: same ids and added day, new talk added", async () => {
    const dir = tempDir();
    await runCli(["import", KVM, "--out", dir]);
    const first = readCatalogFile(join(dir, "kvm-forum-2026.json"));
    const r = await runCli(["import", KVM_V2, "--out", dir, "--json"]);
    expect(r.code).toBe(0);
    const [report] = JSON.parse(r.stdout).files;
    expect([report.added, report.updated, report.unchanged]).toEqual([
      ["kvm-forum-2026-4104-virtio-gpu-native-contexts"],
      ["kvm-forum-2026-4102-post-copy-migration-for-vfio-devices"],
      [
        "kvm-forum-2026-4101-guest-memfd-and-huge-pages",
        "kvm-forum-2026-4103-testing-nested-virtualization-in-ci",
      ],
    ]);
    const second = readCatalogFile(join(dir, "kvm-forum-2026.json"));
    expect(second.talks).toHaveLength(4);
    const updated = second.talks[1]!;
    expect([updated.id, updated.title, updated.added]).toEqual([
      first.talks[1]!.id,
      "Post-copy migration for VFIO devices, revisited",
      first.talks[1]!.added,
    ]);
    // Unchanged records are byte-for-byte the old ones (their importedAt too).
    expect(second.talks[0]).toEqual(first.talks[0]);
  });

  it("--dry-run reports and writes nothing", async () => {
    const dir = join(tempDir(), "catalog");
    const r = await runCli(["import", KVM, "--out", dir, "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("(dry run, nothing written)\n  added 3,");
    expect(existsSync(dir)).toBe(false);
  });

  it("reads - from standard input", async () => {
    const dir = tempDir();
    const r = await runCli(["import", "-", "--out", dir, "--json"], {
      input: readFileSync(fixture("kvm-forum-2014.ics"), "utf8"),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0].added).toHaveLength(2);
    expect(readCatalogFile(join(dir, "kvm-forum-2014.json")).talks[0]!.source!.origin).toBe(
      "stdin",
    );
  });

  it("--event and --year override the file", async () => {
    const dir = tempDir();
    const r = await runCli(
      ["import", KVM, "--out", dir, "--event", "KVM Forum Prague", "--year", "2027"],
      {},
    );
    expect(r.code).toBe(0);
    const file = readCatalogFile(join(dir, "kvm-forum-prague-2027.json"));
    expect([file.event.name, file.event.year, file.talks[0]!.id]).toEqual([
      "KVM Forum Prague",
      2027,
      "kvm-forum-prague-2027-kvm-forum-2026-4101-guest-memfd-and-huge-pages",
    ]);
  });

  it.each([
    [["import"], /needs at least one SOURCE/],
    [["import", KVM, "--track", "("], /--track is not a valid regular expression/],
    [["import", KVM, "--format", "csv"], /--format must be one of frab-xml, frab-json/],
    [["import", KVM, "--year", "soon"], /--year must be a positive integer/],
    [["import", KVM, "--bogus"], /Unknown option '--bogus'/],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const dir = tempDir();
    const r = await runCli([...args, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(snapshot(dir)).toEqual({});
  });

  it("an existing catalog file that is not valid stops the import (exit 1), untouched", async () => {
    const dir = tempDir();
    copyFileSync(fixture("not-a-schedule.json"), join(dir, "kvm-forum-2026.json"));
    const before = snapshot(dir);
    const r = await runCli(["import", KVM, "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /kvm-forum-2026\.json: the existing catalog file is invalid \(event: /,
    );
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("cli import: several sources", () => {
  it("two exports of one event count against the file: the newer one wins", async () => {
    const dir = tempDir();
    const r = await runCli(["import", KVM, KVM_V2, "--out", dir, "--json"]);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout).files;
    expect(files).toHaveLength(1);
    expect([files[0].added.length, files[0].updated, files[0].unchanged, files[0].kept]).toEqual([
      4,
      [],
      [],
      [],
    ]);
    expect(readCatalogFile(join(dir, "kvm-forum-2026.json")).talks[1]!.title).toBe(
      "Post-copy migration for VFIO devices, revisited",
    );
  });

  it("sources of different events write one file each", async () => {
    const dir = tempDir();
    const r = await runCli(["import", KVM, fixture("kvm-forum-2014.ics"), "--out", dir]);
    expect(r.code).toBe(0);
    expect(Object.keys(snapshot(dir)).sort()).toEqual([
      "kvm-forum-2014.json",
      "kvm-forum-2026.json",
    ]);
  });
});

describe("cli import: an event the built-in catalog already has", () => {
  it("goes to its own event id, and talks already in the catalog are skipped by title", async () => {
    const dir = tempDir();
    const builtIn = catalog.byId.get("kvm-forum-2011-vfio")!;
    const ics = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Example//Test//EN",
      "X-WR-CALNAME:KVM Forum 2011",
      "BEGIN:VEVENT",
      "UID:kf2011-1@sched.example.com",
      "DTSTART:20111107T090000Z",
      `SUMMARY:${builtIn.title}`,
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:kf2011-2@sched.example.com",
      "DTSTART:20111107T100000Z",
      "SUMMARY:Ballooning on tiny hosts - Ada Example",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
    const r = await runCli(["import", "-", "--out", dir, "--json"], { input: ics });
    expect(r.code).toBe(0);
    const [report] = JSON.parse(r.stdout).files;
    expect(report.eventId).toBe("kvm-forum-2011-imported");
    expect(report.notes).toEqual([
      "event id kvm-forum-2011 belongs to another catalog file: imported as kvm-forum-2011-imported",
    ]);
    expect(report.added).toEqual(["kvm-forum-2011-imported-ballooning-on-tiny-hosts"]);
    expect(report.skipped).toEqual([
      {
        where: "kf2011-1@sched.example.com",
        title: builtIn.title,
        reason: "same title and speakers as talk kvm-forum-2011-vfio already in the catalog",
      },
    ]);
  });
});

describe("cli import --explain", () => {
  it("says per talk what was added, merged, skipped and kept, and why", async () => {
    const dir = tempDir();
    const r = await runCli(["import", fixture("general-2026.xml"), "--out", dir, "--explain"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.filter((l) => l.startsWith("  merged"))).toEqual([
      '  merged <event id="7"> (day 2026-03-14, room Main hall) "Intro to libvirt": merged into <event id="6"> (day 2026-03-14, room Main hall): the same title and speakers (one talk listed twice; the earliest slot is kept)',
    ]);
    expect(lines).toContain(
      '  added general-open-source-days-2026-talk-4 "Perl 6": a new catalog file [9e000000-0000-4000-8000-000000000004]',
    );
    const again = await runCli(["import", fixture("general-2026.xml"), "--out", dir, "--json"]);
    const [report] = JSON.parse(again.stdout).files;
    expect(report.decisions[0]).toEqual({
      outcome: "merged",
      id: null,
      title: "Intro to libvirt",
      source: '<event id="7"> (day 2026-03-14, room Main hall)',
      reason:
        'merged into <event id="6"> (day 2026-03-14, room Main hall): the same title and speakers (one talk listed twice; the earliest slot is kept)',
    });
    expect(report.decisions[1]).toEqual({
      outcome: "unchanged",
      id: "general-open-source-days-2026-talk-1",
      title: "Migrating to PostgreSQL 17",
      source: "9e000000-0000-4000-8000-000000000001",
      reason: "the same source key; nothing changed",
    });
  });

  it("writes catalog files readable by a service user (0644)", async () => {
    const dir = tempDir();
    await runCli(["import", fixture("general-2026.xml"), "--out", dir]);
    const mode = statSync(join(dir, "general-open-source-days-2026.json")).mode & 0o777;
    expect(mode & 0o044).toBe(0o044);
  });
});
