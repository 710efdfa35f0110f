// Schedule sources against a real local HTTP server whose schedule changes between
// requests: exact catalog after each step, 304s and ETags, and every failure keeping the
// last good talks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ScheduleServer,
  startScheduleServer,
} from "../../bench/shared/fakes/schedule-server.ts";
import { fetchIfChanged } from "../../src/sources/fetch-changed.ts";
import { importerFor } from "../../src/sources/import-text.ts";
import {
  SOURCES_NAMESPACE,
  type SourceState,
  validateSourceState,
} from "../../src/sources/source-state.ts";
import type { SourceEntry } from "../../src/sources/sources-file.ts";
import { createSourceSyncer, type SourceChange } from "../../src/sources/syncer.ts";
import { fixture, NOW, readCatalogFile, snapshot, tempDir } from "../support/import-helpers.ts";
import { captureLogger } from "../support/totd-helpers.ts";
import { type MemoryStore, memoryStore, reopen } from "../support/totd-memory-store.ts";

const V1 = readFileSync(fixture("kvm-forum-2026.json"), "utf8");
const V2 = readFileSync(fixture("kvm-forum-2026-v2.json"), "utf8");
/** The same conference with every talk gone: an export that suddenly lists nothing. */
const EMPTY = (() => {
  const doc = JSON.parse(V1);
  for (const day of doc.schedule.conference.days) day.rooms = {};
  return JSON.stringify(doc);
})();

let server: ScheduleServer;
let out: string;
let disk: MemoryStore;

beforeEach(async () => {
  server = await startScheduleServer();
  out = tempDir("virt-sources-");
  disk = memoryStore();
});
afterEach(() => server.close());

async function syncerFor(entry: SourceEntry, store: MemoryStore = disk, timeoutMs = 2_000) {
  const { logger, lines } = captureLogger();
  const changes: SourceChange[][] = [];
  const syncer = createSourceSyncer({
    entries: () => [entry],
    store: await store.open<SourceState>(SOURCES_NAMESPACE, validateSourceState),
    deps: {
      fetch: (url, validators) => fetchIfChanged(url, validators, { timeoutMs, maxBytes: 200_000 }),
      importText: importerFor(
        { outDir: out, dataDir: undefined, catalogDirs: [], timeZone: "UTC" },
        () => NOW.getTime(),
      ),
    },
    running: () => false,
    onChanged: async (c) => void changes.push([...c]),
    logger,
    clock: () => NOW.getTime(),
  });
  await syncer.start();
  await syncer.stop();
  return { syncer, lines, changes };
}

const catalogTitles = () =>
  readCatalogFile(join(out, "kvm-forum-2026.json")).talks.map((t) => t.title);

describe("a schedule source", () => {
  it("imports, answers a 304 with nothing written, and merges a changed schedule", async () => {
    const entry = { url: server.url };
    const { syncer, changes } = await syncerFor(entry);
    server.serve({ body: V1, etag: '"v1"' });
    const [first] = await syncer.syncNow();
    expect(first?.result).toMatchObject({
      kind: "changed",
      updated: [],
      cancelled: [],
      notListed: [],
    });
    expect(first?.result.kind === "changed" && first.result.added.length).toBe(3);
    const before = snapshot(out);

    const [second] = await syncer.syncNow();
    expect(second?.result).toEqual({ kind: "unchanged" });
    expect(server.requests.at(-1)).toEqual({ ifNoneMatch: '"v1"', ifModifiedSince: null });
    expect(snapshot(out)).toEqual(before);

    server.serve({ body: V2, etag: '"v2"' });
    const [third] = await syncer.syncNow();
    expect(third?.result).toMatchObject({ kind: "changed" });
    expect(
      third?.result.kind === "changed" && [third.result.added.length, third.result.updated.length],
    ).toEqual([1, 1]);
    expect(changes).toHaveLength(2);
    expect(catalogTitles()).toHaveLength(4);
  });

  it("removes a talk the schedule now says is cancelled, as `import` does; keeps one it no longer lists", async () => {
    const { syncer, lines } = await syncerFor({ url: server.url });
    server.serve({ body: V1, etag: '"v1"' });
    await syncer.syncNow();
    const doc = JSON.parse(V1);
    const days = doc.schedule.conference.days;
    days[0].rooms["Main Hall"][1].title = "Post-copy migration for VFIO devices [cancelled]";
    days[1].rooms = {};
    server.serve({ body: JSON.stringify(doc), etag: '"v2"' });
    const [changed] = await syncer.syncNow();
    expect(changed?.result).toEqual({
      kind: "changed",
      added: [],
      updated: [],
      cancelled: ["kvm-forum-2026-4102-post-copy-migration-for-vfio-devices"],
      notListed: ["kvm-forum-2026-4103-testing-nested-virtualization-in-ci"],
      eventIds: ["kvm-forum-2026"],
    });
    expect(catalogTitles()).toEqual([
      "guest_memfd and huge pages: where we are",
      "Testing nested virtualization in CI",
    ]);
    expect(lines.filter((l) => l.msg === "schedule source changed").at(-1)).toMatchObject({
      added: 0,
      updated: 0,
      cancelled: 1,
      notListed: 1,
    });
  });

  it("an unchanged body without validators costs no import", async () => {
    const { syncer } = await syncerFor({ url: server.url });
    server.serve({ body: V1 });
    await syncer.syncNow();
    const before = snapshot(out);
    const [again] = await syncer.syncNow();
    expect(again?.result).toEqual({ kind: "unchanged" });
    expect(snapshot(out)).toEqual(before);
  });

  it.each([
    ["a 500", { status: 500 }, "the server answered HTTP 500"],
    ["a truncated body", { truncated: V2 }, "the body broke off"],
    ["an oversized body", { body: "x".repeat(300_000) }, "larger than 0 MB"],
    ["an empty schedule", { body: EMPTY }, "nothing to import: the schedule lists no talks"],
    ["a malformed body", { body: "{ not json" }, "malformed JSON"],
    ["a slow body", { slow: V2, delayMs: 5_000 }, "no complete answer within 0.3 s"],
  ] as const)(
    "%s keeps the last good talks and logs once per streak",
    async (_name, step, error) => {
      const { syncer, lines } = await syncerFor({ url: server.url }, disk, 300);
      server.serve({ body: V1, etag: '"v1"' });
      await syncer.syncNow();
      const good = snapshot(out);
      server.serve(step);
      const [failed] = await syncer.syncNow();
      await syncer.syncNow();
      expect(failed?.result.kind).toBe("failed");
      expect(failed?.result.kind === "failed" && failed.result.error).toContain(error);
      expect(snapshot(out)).toEqual(good);
      expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
        "schedule source failing: keeping its last good talks",
      ]);
      server.serve({ body: V1, etag: '"v1"' });
      const [back] = await syncer.syncNow();
      expect(back?.result).toEqual({ kind: "unchanged" });
      expect(lines.filter((l) => l.msg === "schedule source recovered")).toHaveLength(1);
      expect(syncer.status()[0]).toMatchObject({ state: "ok", failures: 0 });
    },
  );

  it("remembers validators across a restart", async () => {
    const first = await syncerFor({ url: server.url });
    server.serve({ body: V1, etag: '"v1"' });
    await first.syncer.syncNow();
    const second = await syncerFor({ url: server.url }, reopen(disk));
    const [result] = await second.syncer.syncNow();
    expect(result?.result).toEqual({ kind: "unchanged" });
    expect(server.requests.at(-1)?.ifNoneMatch).toBe('"v1"');
  });

  it("shows a failing source in its status, without credentials", async () => {
    const url = server.url.replace("http://", "http://user:secret@");
    const { syncer } = await syncerFor({ url });
    server.serve({ status: 503, retryAfter: "120" });
    await syncer.syncNow();
    expect(syncer.status()).toEqual([
      {
        source: server.url,
        state: "failing",
        lastSuccess: null,
        lastError: `${server.url}: the server answered HTTP 503`.replace(`${server.url}: `, ""),
        lastErrorAt: NOW.toISOString(),
        failures: 1,
        nextDue: new Date(NOW.getTime() + 120_000).toISOString(),
      },
    ]);
  });
});
