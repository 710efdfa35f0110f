// The file store: durable namespaces, put-if-absent, expiry, recovery, and nothing torn.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.ts";
import { createFileStore, namespaceFile } from "../../src/persist/file-store.ts";

const logger = createLogger({ level: "silent", pretty: false });
const text = (raw: unknown) => (typeof raw === "string" ? raw : undefined);
const dir = () => mkdtempSync(join(tmpdir(), "virt-talks-store-"));

describe("file store", () => {
  it("keeps values across a reopen (a restart)", async () => {
    const d = dir();
    const a = await createFileStore({ dir: d, logger }).open("things", text);
    await a.put("k1", "one");
    await a.put("k2", "two");
    await a.delete("k1");
    const b = await createFileStore({ dir: d, logger }).open("things", text);
    expect(await b.entries()).toEqual([["k2", "two"]]);
    expect(b.recovered).toBe(false);
  });

  it("put-if-absent stores once", async () => {
    const ns = await createFileStore({ dir: dir(), logger }).open("seen", text);
    expect(await ns.putIfAbsent("evt", "a")).toBe(true);
    expect(await ns.putIfAbsent("evt", "b")).toBe(false);
    expect(await ns.get("evt")).toBe("a");
  });

  it("forgets entries after their time to live, also across a restart", async () => {
    const d = dir();
    let now = 1_000;
    const ns = await createFileStore({ dir: d, logger, now: () => now }).open("seen", text);
    await ns.put("evt", "x", { ttlMs: 500 });
    expect(await ns.get("evt")).toBe("x");
    now = 1_600;
    expect(await ns.get("evt")).toBeUndefined();
    expect(await ns.putIfAbsent("evt", "y", { ttlMs: 500 })).toBe(true);
    const again = await createFileStore({ dir: d, logger, now: () => 3_000 }).open("seen", text);
    expect(await again.get("evt")).toBeUndefined();
  });

  it("coalesces concurrent puts and resolves each once durable", async () => {
    const d = dir();
    const ns = await createFileStore({ dir: d, logger }).open("many", text);
    await Promise.all(Array.from({ length: 50 }, (_, i) => ns.put(`k${i}`, `v${i}`)));
    const body = JSON.parse(readFileSync(namespaceFile(d, "many"), "utf8"));
    expect(Object.keys(body.entries)).toHaveLength(50);
    expect(readdirSync(d).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("moves an unreadable namespace aside and starts empty, saying so", async () => {
    const d = dir();
    writeFileSync(namespaceFile(d, "totd"), "{ not json");
    const ns = await createFileStore({ dir: d, logger }).open("totd", text);
    expect(ns.recovered).toBe(true);
    expect(await ns.entries()).toEqual([]);
    expect(readdirSync(d).some((n) => n.startsWith("totd.json.corrupt-"))).toBe(true);
  });

  it("treats a value its validator refuses as a damaged file", async () => {
    const d = dir();
    writeFileSync(
      namespaceFile(d, "n"),
      JSON.stringify({ version: 1, entries: { a: { value: 5 } } }),
    );
    const ns = await createFileStore({ dir: d, logger }).open("n", text);
    expect(ns.recovered).toBe(true);
  });

  it("rejects a put it cannot write and keeps what is on disk", async () => {
    const d = join(dir(), "gone");
    const store = createFileStore({ dir: d, logger });
    const ns = await store.open("n", text);
    await ns.put("a", "1");
    // Replace the directory by a file: every later write fails.
    const { rmSync } = await import("node:fs");
    rmSync(d, { recursive: true });
    writeFileSync(d, "");
    await expect(ns.put("b", "2")).rejects.toThrow(/state store "n": cannot write/);
    expect(await ns.get("b")).toBeUndefined();
    expect(await ns.get("a")).toBe("1");
  });

  it("opens under a STATE_DIR that is a file, empty, and names the problem on every write", async () => {
    const file = join(dir(), "state");
    writeFileSync(file, "");
    const lines: string[] = [];
    const seen = createLogger({
      level: "error",
      pretty: false,
      destination: { write: (l: string) => void lines.push(l) },
    });
    for (const d of [file, join(file, "below")]) {
      const ns = await createFileStore({ dir: d, logger: seen }).open("subscriptions", text);
      expect(ns.recovered).toBe(false);
      expect(await ns.entries()).toEqual([]);
      await expect(ns.put("k", "v")).rejects.toThrow(
        `file state store "subscriptions": cannot write ${namespaceFile(d, "subscriptions")}: a file stands where a directory should be`,
      );
      expect(await ns.get("k")).toBeUndefined();
    }
    expect(lines.map((l) => JSON.parse(l).problem)).toEqual([
      `STATE_DIR ${file} cannot be used: a file stands where a directory should be`,
      `STATE_DIR ${join(file, "below")} cannot be used: a file stands where a directory should be`,
    ]);
  });

  it("refuses namespace names that are not slugs", async () => {
    await expect(createFileStore({ dir: dir(), logger }).open("../etc", text)).rejects.toThrow(
      /slugs/,
    );
  });
});
