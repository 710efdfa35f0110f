// The CLI as a separate process: exit codes, stdout/stderr split, stdin. Spawns cost
// about half a second each, so the edge cases live in cli-run.test.ts (in process).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addDays, talkOfTheDay } from "../../src/totd/today.ts";
import { catalog } from "../support/cli-harness.ts";
import { ROOT, spawnCli } from "../support/cli-spawn.ts";

const TALK_FIELDS = [
  "id",
  "title",
  "speakers",
  "event",
  "year",
  "date",
  "location",
  "summary",
  "keyPoints",
  "topics",
  "links",
];

function expectTalkShape(t: Record<string, unknown>): void {
  for (const field of TALK_FIELDS) expect(t, field).toHaveProperty(field);
  expect(typeof t.id).toBe("string");
  expect(typeof t.title).toBe("string");
  expect(typeof t.event).toBe("string");
  expect(typeof t.summary).toBe("string");
  expect(Number.isInteger(t.year)).toBe(true);
  for (const key of ["speakers", "keyPoints", "topics"]) {
    expect(Array.isArray(t[key])).toBe(true);
    for (const s of t[key] as unknown[]) expect(typeof s).toBe("string");
  }
  expect(Array.isArray(t.links)).toBe(true);
  for (const l of t.links as Record<string, unknown>[]) {
    expect(Object.keys(l).sort()).toEqual(["kind", "url"]);
    expect(typeof l.url).toBe("string");
  }
}

const parse = (text: string) => JSON.parse(text) as Record<string, unknown>[];

describe("cli (spawned)", () => {
  it("list --json prints every talk with the documented fields and types", async () => {
    const r = await spawnCli(["list", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const talks = parse(r.stdout);
    expect(talks).toHaveLength(catalog.talks.length); // 70 today
    for (const t of talks) expectTalkShape(t);
    expect(new Set(talks.map((t) => t.id)).size).toBe(talks.length);
  });

  it("show ID prints the full card", async () => {
    const r = await spawnCli(["show", "kvm-forum-2011-vfio"]);
    expect(r.code).toBe(0);
    const talk = catalog.byId.get("kvm-forum-2011-vfio")!;
    expect(r.stdout.split("\n")[0]).toBe(talk.title);
    expect(r.stdout).toContain("   Key points:\n");
  });

  it("show with an unknown id exits 2 and points at list", async () => {
    const r = await spawnCli(["show", "no-such-talk"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('No talk has the id "no-such-talk"');
    expect(r.stderr).toContain("list");
  });

  it("search --json numa returns results with a numeric score", async () => {
    const r = await spawnCli(["search", "--json", "numa"]);
    expect(r.code).toBe(0);
    const hits = parse(r.stdout);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(5);
    for (const h of hits) {
      expectTalkShape(h);
      expect(typeof h.score).toBe("number");
      expect(Number.isFinite(h.score)).toBe(true);
      expect(Array.isArray(h.matched)).toBe(true);
    }
  });

  it("search --json kubernetes finds nothing", async () => {
    const r = await spawnCli(["search", "--json", "kubernetes"]);
    expect(r.code).toBe(0);
    expect(parse(r.stdout)).toEqual([]);
  });

  it("search --stdin prints one JSON array per input line, in order", async () => {
    const input = "numa\n\nkubernetes\nfoo:bar\nvfio";
    const r = await spawnCli(["search", "--stdin", "--limit", "2"], { input });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(5);
    const arrays = lines.map(parse);
    expect(arrays[0]!.length).toBeGreaterThan(0);
    expect(arrays[0]!.length).toBeLessThanOrEqual(2);
    expect(arrays[1]).toEqual([]);
    expect(arrays[2]).toEqual([]);
    expect(arrays[3]).toEqual([]);
    expect(arrays[4]!.length).toBeGreaterThan(0);
    expect(r.stderr).toContain('line 4: I don\'t know the filter "foo:"');
  });

  it("search --limit 0 is a usage error", async () => {
    const r = await spawnCli(["search", "--limit", "0", "numa"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("--limit must be a positive integer");
  });

  it("today --date --days --json prints consecutive days", async () => {
    const r = await spawnCli(["today", "--date", "2026-11-22", "--days", "3", "--json"]);
    expect(r.code).toBe(0);
    const days = parse(r.stdout);
    expect(days.map((d) => d.date)).toEqual(["2026-11-22", "2026-11-23", "2026-11-24"]);
    days.forEach((d, i) => {
      const talk = talkOfTheDay(catalog.talks, addDays("2026-11-22", i));
      expect(d.id).toBe(talk.id);
      expect(d.talkDate).toBe(talk.date);
      expectTalkShape(d);
    });
  });

  it("usage errors exit 2 with a message on stderr", async () => {
    const unknown = await spawnCli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const empty = await spawnCli(["search"]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("search needs a query");
    expect(empty.stdout + unknown.stdout).toBe("");
  });

  it("--help prints the usage on stdout", async () => {
    const r = await spawnCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("search --stdin");
    expect(r.stdout).toContain("talkDate");
  });

  describe("with a broken catalog in DATA_DIR", () => {
    const dir = mkdtempSync(join(tmpdir(), "virt-talks-data-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("exits 1 naming the file, record and field", async () => {
      cpSync(join(ROOT, "data/topics.json"), join(dir, "topics.json"));
      const file = JSON.parse(readFileSync(join(ROOT, "data/talks/kvm-forum-2011.json"), "utf8"));
      file.talks[1].summary = "";
      cpSync(join(ROOT, "data/talks"), join(dir, "talks"), { recursive: true });
      writeFileSync(join(dir, "talks/kvm-forum-2011.json"), JSON.stringify(file));
      const r = await spawnCli(["list"], { env: { DATA_DIR: dir } });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("talks/kvm-forum-2011.json");
      expect(r.stderr).toContain(`record talks[1] (${file.talks[1].id})`);
      expect(r.stderr).toContain("field summary");
    });
  });
});
