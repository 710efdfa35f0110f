// The store picked from the configuration: files in STATE_DIR (locked to one process)
// without DATABASE_URL, PostgreSQL for every namespace with it, waiting for the database
// at start rather than answering without state.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { lockFileOf } from "../../src/persist/dir-lock.ts";
import { openStateStore } from "../../src/persist/open-store.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { silent } from "./store-places.ts";

const text = (raw: unknown) => (typeof raw === "string" ? raw : undefined);
const dir = () => mkdtempSync(join(tmpdir(), "virt-talks-open-"));
const capture = () => {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: "info",
    pretty: false,
    destination: { write: (l: string) => void lines.push(JSON.parse(l)) },
  });
  return { lines, logger };
};

describe("openStateStore without DATABASE_URL", () => {
  it("is the file store in STATE_DIR, and a second process on it refuses to start", async () => {
    const d = dir();
    const config = loadConfig({ STATE_DIR: d }, false);
    expect(config.database).toBeNull();
    const first = await openStateStore({ ...config, logger: silent });
    expect([first.kind, first.where, first.postgres]).toEqual(["file", d, null]);
    expect(await first.reachable()).toBe(true);
    await expect(openStateStore({ ...config, logger: silent })).rejects.toThrow(
      `STATE_DIR ${d} is in use by another virt-talks process (pid ${process.pid}`,
    );
    await first.close();
    const second = await openStateStore({ ...config, logger: silent });
    await (await second.store.open("k", text)).put("a", "b");
    await second.close();
  });

  it("starts on an unusable STATE_DIR, saying so, and the store names it on every write", async () => {
    const file = join(dir(), "state");
    writeFileSync(file, "");
    const { lines, logger } = capture();
    const opened = await openStateStore({ stateDir: file, database: null, logger });
    expect(await opened.reachable()).toBe(false);
    const ns = await opened.store.open("subscriptions", text);
    await expect(ns.put("k", "v")).rejects.toThrow(
      /file state store "subscriptions": cannot write/,
    );
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: "state store unusable",
      store: "file",
      err: `file state store "(lock)": STATE_DIR ${file} cannot be used: a file stands where a directory should be`,
    });
    await opened.close();
  });
});

describePg("openStateStore with DATABASE_URL", () => {
  let schema: TestSchema;
  let proxy: TcpProxy;
  beforeAll(async () => {
    schema = freshSchema("open");
    const target = new URL(schema.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  });
  afterAll(async () => {
    await proxy.close();
    await schema.drop();
  });
  const env = (url: string) => ({ DATABASE_URL: url, DATABASE_SCHEMA: schema.name });

  it("puts every namespace in PostgreSQL and leaves STATE_DIR alone", async () => {
    const d = dir();
    const config = loadConfig({ ...env(schema.url), STATE_DIR: d }, false);
    const opened = await openStateStore({ ...config, logger: silent });
    expect(opened.kind).toBe("postgres");
    expect(opened.where).toBe(`127.0.0.1:5432/test schema ${schema.name}`);
    await (await opened.store.open("subscriptions", text)).put("k", "v");
    const rows = await schema.query(`SELECT key FROM "${schema.name}".state_entries`);
    expect(rows.rows).toEqual([{ key: "k" }]);
    // Replicas share the database: a second one starts next to the first.
    const second = await openStateStore({ ...config, logger: silent });
    expect(await (await second.store.open("subscriptions", text)).get("k")).toBe("v");
    await Promise.all([opened.close(), second.close()]);
    expect(() => lockFileOf(d)).not.toThrow();
  });

  it("waits for a database that is down at start, logging each attempt, then opens", async () => {
    await proxy.down();
    const url = new URL(schema.url);
    url.port = String(proxy.port);
    const { lines, logger } = capture();
    const config = loadConfig(env(url.toString()), false);
    const opening = openStateStore({ ...config, logger, backoff: { initialMs: 5, maxMs: 20 } });
    const waiting = () => lines.filter((l) => l.level === 50);
    await expect.poll(() => waiting().length).toBeGreaterThanOrEqual(2);
    expect(waiting()[0]).toMatchObject({
      store: "postgres",
      database: `127.0.0.1:${proxy.port}/test schema ${schema.name}`,
      msg: "state store unreachable at start; not answering until it is",
    });
    await proxy.up();
    const opened = await opening;
    expect(await opened.reachable()).toBe(true);
    await opened.close();
  });

  it("gives up waiting when told to stop", async () => {
    await proxy.down();
    const url = new URL(schema.url);
    url.port = String(proxy.port);
    const stop = new AbortController();
    const opening = openStateStore({
      ...loadConfig(env(url.toString()), false),
      logger: silent,
      backoff: { initialMs: 5, maxMs: 20 },
      signal: stop.signal,
    });
    stop.abort();
    await expect(opening).rejects.toThrow(/postgres state store/);
    await proxy.up();
  });
});
