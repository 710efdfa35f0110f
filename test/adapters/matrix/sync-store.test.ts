// The atomic sync-state file behind the SDK's IStorageProvider.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AtomicStateStore, MAX_SEEN_EVENTS } from "../../../src/adapters/matrix/sync-store.ts";
import { createLogger } from "../../../src/log.ts";

let dir: string;
let file: string;
const lines: string[] = [];
const logger = createLogger({
  level: "debug",
  pretty: false,
  destination: { write: (l: string) => void lines.push(l) },
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "virt-talks-store-"));
  file = join(dir, "matrix", "sync-state.json");
  lines.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("AtomicStateStore", () => {
  it("starts empty and persists token, filter, values and seen events across opens", async () => {
    const a = await AtomicStateStore.open(file, logger);
    expect(a.getSyncToken()).toBeNull();
    expect(await a.getFilter()).toBeNull();
    await a.bindAccount("https://hs", "@bot:hs");
    await a.setFilter({ id: 7, filter: { room: { timeline: { limit: 50 } } } });
    a.rememberSeen("$one");
    await a.storeValue("k", "v");
    await a.setSyncToken("s42");

    const b = await AtomicStateStore.open(file, logger);
    expect(b.getSyncToken()).toBe("s42");
    expect(await b.getFilter()).toEqual({ id: 7, filter: { room: { timeline: { limit: 50 } } } });
    expect(b.filterId()).toBe(7);
    expect(b.readValue("k")).toBe("v");
    expect(b.readValue("missing")).toBeNull();
    expect(b.hasSeen("$one")).toBe(true);
    expect(b.hasSeen("$two")).toBe(false);
  });

  it("never leaves a torn file: concurrent saves serialize and the file always parses", async () => {
    const store = await AtomicStateStore.open(file, logger);
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      store.rememberSeen(`$e${i}`);
      saves.push(store.setSyncToken(`s${i}`));
    }
    await Promise.all(saves);
    const data = JSON.parse(await readFile(file, "utf8")) as {
      syncToken: string;
      seenEventIds: string[];
    };
    expect(data.syncToken).toBe("s49");
    expect(data.seenEventIds).toHaveLength(50);
    expect((await readdir(join(dir, "matrix"))).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("cleans up temp files left by a crash mid-write and keeps the old state", async () => {
    const a = await AtomicStateStore.open(file, logger);
    await a.setSyncToken("s1");
    await writeFile(`${file}.123.abc.tmp`, '{"version":1,"syncTok'); // a write cut short
    const b = await AtomicStateStore.open(file, logger);
    expect(b.getSyncToken()).toBe("s1");
    expect(await readdir(join(dir, "matrix"))).toEqual(["sync-state.json"]);
  });

  it("sets a corrupt file aside and starts fresh, saying so", async () => {
    const a = await AtomicStateStore.open(file, logger);
    await a.setSyncToken("s1");
    await writeFile(file, "");
    const b = await AtomicStateStore.open(file, logger);
    expect(b.getSyncToken()).toBeNull();
    expect(
      (await readdir(join(dir, "matrix"))).some((n) => n.startsWith("sync-state.json.corrupt-")),
    ).toBe(true);
    expect(lines.join("")).toContain("matrix state file unreadable");
  });

  it("forgets the position when the account changes", async () => {
    const a = await AtomicStateStore.open(file, logger);
    await a.bindAccount("https://hs", "@bot:hs");
    a.rememberSeen("$x");
    await a.setSyncToken("s9");
    const b = await AtomicStateStore.open(file, logger);
    await b.bindAccount("https://hs", "@other:hs");
    expect(b.getSyncToken()).toBeNull();
    expect(b.hasSeen("$x")).toBe(false);
    const c = await AtomicStateStore.open(file, logger);
    await c.bindAccount("https://hs", "@other:hs");
    expect(c.getSyncToken()).toBeNull();
  });

  it("keeps a bounded set of seen events, dropping the oldest", async () => {
    const store = await AtomicStateStore.open(file, logger);
    for (let i = 0; i < MAX_SEEN_EVENTS + 10; i++) store.rememberSeen(`$e${i}`);
    expect(store.hasSeen("$e0")).toBe(false);
    expect(store.hasSeen("$e9")).toBe(false);
    expect(store.hasSeen("$e10")).toBe(true);
    expect(store.hasSeen(`$e${MAX_SEEN_EVENTS + 9}`)).toBe(true);
  });
});
