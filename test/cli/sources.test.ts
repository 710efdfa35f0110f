// `cli sources`: the file edited with exact output, bad entries named at once, and `sync`
// against a real local schedule server.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ScheduleServer,
  startScheduleServer,
} from "../../bench/shared/fakes/schedule-server.ts";
import { runCli } from "../support/cli-harness.ts";
import { fixture, readCatalogFile, tempDir } from "../support/import-helpers.ts";

let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = tempDir("virt-sources-cli-");
  env = { SOURCES_FILE: join(dir, "sources.json"), CATALOG_DIRS: join(dir, "catalog") };
});

describe("sources list, add, remove", () => {
  it("adds, lists and removes with exact output; credentials never shown", async () => {
    expect(await runCli(["sources", "list"], { env })).toEqual({
      code: 0,
      stdout: `No sources in ${env.SOURCES_FILE}. Add one with: sources add URL\n`,
      stderr: "",
    });
    const url = "https://user:pw@schedule.example.org/fosdem.xml?token=abc";
    const added = await runCli(
      ["sources", "add", url, "--track", "virt", "--every", "90m", "--event", "FOSDEM"],
      { env },
    );
    expect(added.stdout).toBe(
      '1. https://schedule.example.org/fosdem.xml?token=REDACTED, every 90m, track /virt/, event "FOSDEM"\n'.replace(
        /^/,
        "added ",
      ),
    );
    await runCli(["sources", "add", "https://example.org/kvm.json"], { env });
    expect((await runCli(["sources"], { env })).stdout).toBe(
      [
        '1. https://schedule.example.org/fosdem.xml?token=REDACTED, every 90m, track /virt/, event "FOSDEM"',
        "2. https://example.org/kvm.json, every 6h",
        "",
      ].join("\n"),
    );
    const removed = await runCli(["sources", "remove", "1"], { env });
    expect(removed.stdout).toBe(
      'removed 1. https://schedule.example.org/fosdem.xml?token=REDACTED, every 90m, track /virt/, event "FOSDEM"\n',
    );
    expect(JSON.parse(readFileSync(env.SOURCES_FILE!, "utf8"))).toEqual({
      sources: [{ url: "https://example.org/kvm.json" }],
    });
  });

  it.each([
    [
      ["sources", "add", "https://example.org/a.xml", "--every", "2s"],
      '--every: "2s" is not an interval: write a number and m, h or d, e.g. 6h',
    ],
    [
      ["sources", "add", "https://example.org/a.xml", "--every", "1m"],
      '--every: "1m" is too short: at least 5m',
    ],
    [["sources", "remove", "3"], "The sources file lists no source."],
    [["sources", "frob"], 'Unknown sources command "frob"'],
  ])("refuses %j with a usage error", async (args, message) => {
    const r = await runCli(args, { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("names every bad entry of the file at once and writes nothing", async () => {
    const bad = {
      sources: [{ url: "ftp://x" }, { url: "https://ok.example.org", every: "0h", track: "(" }],
    };
    writeFileSync(env.SOURCES_FILE!, JSON.stringify(bad));
    const r = await runCli(["sources", "add", "https://example.org/b.json"], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${env.SOURCES_FILE}: sources[0].url: `);
    expect(r.stderr).toContain('sources[1].every: "0h" is too short: at least 5m');
    expect(r.stderr).toContain("sources[1].track: not a regular expression");
    expect(r.stderr).toContain("Nothing was written.");
    expect(JSON.parse(readFileSync(env.SOURCES_FILE!, "utf8"))).toEqual(bad);
  });
});

describe("sources sync", () => {
  let server: ScheduleServer;
  beforeEach(async () => {
    server = await startScheduleServer();
  });
  afterEach(() => server.close());

  it("imports each source now and reports a failing one without writing", async () => {
    server.serve({ body: readFileSync(fixture("kvm-forum-2026.json"), "utf8") });
    await runCli(["sources", "add", server.url], { env });
    const ok = await runCli(["sources", "sync"], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(
      `1. ${server.url}: added 3, updated 0, removed (cancelled) 0, no longer listed (kept) 0\n`,
    );
    const talks = readCatalogFile(join(env.CATALOG_DIRS!, "kvm-forum-2026.json")).talks.length;
    server.serve({ status: 502 });
    const failed = await runCli(["sources", "sync", "1"], { env });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe(
      `1. ${server.url}: failed: the server answered HTTP 502 (the catalog keeps its last good talks)\n`,
    );
    expect(readCatalogFile(join(env.CATALOG_DIRS!, "kvm-forum-2026.json")).talks).toHaveLength(
      talks,
    );
  });
});
